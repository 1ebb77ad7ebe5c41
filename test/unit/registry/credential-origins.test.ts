/**
 * Every credential (URL userinfo, settings, tool environment variables, netrc `machine` and
 * `default`) is bound to the origin of the configured index: a redirect to another port, host or
 * scheme carries none, and nothing goes over http after https. Two local servers record the
 * Authorization headers they receive; https uses a certificate made at test time with openssl.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IndexClient, type IndexClientOptions } from '../../../server/src/registry';
import { basic, projectJson, selfSignedCertificate, SIMPLE_JSON, startRecordingServer, type Certificate, type RecordingServer } from './local-servers';

let target: RecordingServer;
let plainIndex: RecordingServer;
let tlsIndex: RecordingServer | null = null;
let certificate: Certificate | null = null;
const clients: IndexClient[] = [];

/** Redirects every project page to the same path on `target` (another port of 127.0.0.1). */
function redirectingTo(location: () => string) {
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.url?.startsWith('/same/')) {
      response.writeHead(302, { location: request.url.replace('/same/', '/simple/') }).end();
      return;
    }
    if (request.url?.startsWith('/simple/')) {
      response.writeHead(302, { location: `${location()}${request.url}` }).end();
      return;
    }
    response.writeHead(200, { 'content-type': SIMPLE_JSON }).end(projectJson('demo'));
  };
}

beforeAll(async () => {
  target = await startRecordingServer((_request, response) => void response.writeHead(200, { 'content-type': SIMPLE_JSON }).end(projectJson('demo')));
  plainIndex = await startRecordingServer(redirectingTo(() => target.url));
  certificate = selfSignedCertificate();
  if (certificate) tlsIndex = await startRecordingServer(redirectingTo(() => target.url), { tls: certificate });
});
afterEach(() => {
  for (const server of [target, plainIndex, tlsIndex]) server?.requests.splice(0);
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all([target, plainIndex, tlsIndex].map((server) => server?.close()));
  certificate?.cleanup();
});

function client(options: IndexClientOptions = {}): IndexClient {
  const created = new IndexClient({ maxRetries: 0, network: { environment: {}, caFile: certificate?.caFile ?? null }, ...options });
  clients.push(created);
  return created;
}

const machine = [{ machine: '127.0.0.1', login: 'alice', password: 'netrc-secret' }];
const fallback = [{ machine: null, login: 'alice', password: 'netrc-secret' }];
const alice = basic('alice', 'netrc-secret');

describe('credentials stay on the origin of the configured index', () => {
  it('netrc `machine 127.0.0.1`: sent to the index, not to another port after a redirect (http)', async () => {
    const result = await client({ netrc: machine }).getProject({ url: `${plainIndex.url}/simple/` }, 'demo');
    expect(result.ok).toBe(true);
    expect(plainIndex.requests.map((request) => request.headers.authorization)).toEqual([alice]);
    expect(target.requests).toHaveLength(1);
    expect(target.requests[0].headers.authorization).toBeUndefined();
  });

  it('netrc `default`: the same', async () => {
    const result = await client({ netrc: fallback }).getProject({ url: `${plainIndex.url}/simple/` }, 'demo');
    expect(result.ok).toBe(true);
    expect(plainIndex.requests[0].headers.authorization).toBe(alice);
    expect(target.requests[0].headers.authorization).toBeUndefined();
  });

  it('URL userinfo, settings and tool environment credentials: the same', async () => {
    const sources = [{ url: `http://bob:url-secret@127.0.0.1:${plainIndex.port}/simple/` }, { url: `${plainIndex.url}/simple/`, credentials: { username: 'bob', password: 'settings-secret' } }];
    for (const index of sources) {
      const result = await client().getProject(index, 'demo');
      expect(result.ok).toBe(true);
    }
    expect(plainIndex.requests.map((request) => request.headers.authorization)).toEqual([basic('bob', 'url-secret'), basic('bob', 'settings-secret')]);
    expect(target.requests.map((request) => request.headers.authorization)).toEqual([undefined, undefined]);
  });

  it('are kept on a redirect within the origin', async () => {
    const result = await client({ netrc: machine }).getProject({ url: `${plainIndex.url}/same/` }, 'demo');
    expect(result.ok).toBe(true);
    expect(plainIndex.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
      ['/same/demo/', alice],
      ['/simple/demo/', alice],
    ]);
  });

  it('are never sent over http after https, even to another configured index of the same host', async (context) => {
    if (!tlsIndex) return context.skip();
    const tester = client({ netrc: machine });
    // The redirect target is itself a configured index (its host has a netrc entry): still nothing after https.
    expect((await tester.getProject({ url: `${target.url}/other/` }, 'demo')).ok).toBe(true);
    expect(target.requests[0].headers.authorization).toBe(alice);
    target.requests.splice(0);
    const result = await tester.getProject({ url: `${tlsIndex.url}/simple/`, credentials: { username: 'bob', password: 'tls-secret' } }, 'demo');
    expect(result.ok).toBe(true);
    expect(tlsIndex.requests.map((request) => request.headers.authorization)).toEqual([basic('bob', 'tls-secret')]);
    expect(target.requests).toHaveLength(1);
    expect(target.requests[0].headers.authorization).toBeUndefined();
  });

  it('netrc over https: sent to the https index only', async (context) => {
    if (!tlsIndex) return context.skip();
    const result = await client({ netrc: machine }).getProject({ url: `${tlsIndex.url}/simple/` }, 'demo');
    expect(result.ok).toBe(true);
    expect(tlsIndex.requests[0].headers.authorization).toBe(alice);
    expect(target.requests[0].headers.authorization).toBeUndefined();
  });
});
