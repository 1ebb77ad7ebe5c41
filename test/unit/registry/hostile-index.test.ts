/**
 * The hostile-index suite: one local server of our own (127.0.0.1) with a route for every way an
 * index can misbehave — redirect loops, redirects to another port with credentials, ANSI / OSC /
 * bidi / binary bodies in errors and answers, wrong content type, truncated JSON, compressed
 * bodies and a gzip bomb, a body cut off mid-way, huge Retry-After, 429/503 storms — plus a server
 * that never answers and a closed port. For each: the client answers within its bounds (requests
 * counted, never wall time), no credential leaves its origin, no message carries a control
 * character, and the same client keeps working afterwards.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasControlCharacters } from '../../../server/src/core/indexes';
import { IndexClient, type IndexClientOptions, type ProjectResult } from '../../../server/src/registry';
import { runCapture } from '../cli/run-cli-helper';
import { ManualClock } from './helpers';
import { basic, closedPort, countConnectAttempts, projectJson, SIMPLE_JSON, startRecordingServer, startSilentServer, type RecordingServer } from './local-servers';

const LIMIT = 256 * 1024;
const ANSI = '\x1b[2J\x1b[31mpwned\x1b]0;owned title\x07\u202eevil\x9b';
const CONTROL_IN_JSON = JSON.stringify(ANSI).slice(1, -1);

let hostile: RecordingServer;
let elsewhere: RecordingServer;
const clients: IndexClient[] = [];
const sleeps: number[] = [];
const temporaryFolders: string[] = [];

/** 64 MiB of zeros as gzip: one member of 1 MiB, repeated (gzip readers decode concatenated members). */
const GZIP_BOMB = Buffer.concat(Array.from({ length: 64 }, () => gzipSync(Buffer.alloc(1024 * 1024))));

function page(response: ServerResponse, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(200, { 'content-type': SIMPLE_JSON, ...headers }).end(body);
}

const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  ok: (_request, response) => page(response, projectJson('demo', ['1.0', '2.0'])),
  gzip: (request, response) => {
    if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304, { etag: '"v1"' }).end();
    const encoded = String(request.headers['accept-encoding'] ?? '').includes('gzip');
    page(response, encoded ? gzipSync(projectJson('demo', ['3.0'])) : projectJson('demo', ['0.0-not-compressed']), { ...(encoded ? { 'content-encoding': 'gzip' } : {}), etag: '"v1"', 'cache-control': 'no-cache', vary: 'Accept-Encoding' });
  },
  deflate: (_request, response) => page(response, deflateSync(projectJson('demo', ['4.0'])), { 'content-encoding': 'deflate' }),
  br: (_request, response) => page(response, brotliCompressSync(projectJson('demo', ['5.0'])), { 'content-encoding': 'br' }),
  bomb: (_request, response) => page(response, GZIP_BOMB, { 'content-encoding': 'gzip' }),
  'bad-gzip': (_request, response) => page(response, Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' }),
  'unknown-encoding': (_request, response) => page(response, projectJson('demo'), { 'content-encoding': 'zz-weird' }),
  loop: (request, response) => void response.writeHead(302, { location: request.url! }).end(),
  'ping-pong': (request, response) => void response.writeHead(302, { location: `${elsewhere.url}${request.url}` }).end(),
  'other-port': (request, response) => void response.writeHead(302, { location: `${elsewhere.url}${request.url}` }).end(),
  'non-http-redirect': (_request, response) => void response.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  'ansi-json-error': (_request, response) => page(response, `${ANSI}{"not": json`),
  'ansi-html-error': (_request, response) => page(response, `<html>${ANSI}`, { 'content-type': 'text/html' }),
  'ansi-status': (_request, response) => void response.writeHead(418, { 'content-type': 'text/plain' }).end(ANSI),
  'ansi-answer': (_request, response) =>
    page(
      response,
      JSON.stringify({
        meta: { 'api-version': '1.0' },
        name: 'demo',
        meta2: `x${ANSI}`,
        files: [{ filename: 'demo-1.0.tar.gz', url: `demo-1.0.tar.gz?${encodeURIComponent(ANSI)}`, hashes: {}, yanked: `reason ${ANSI}`, 'requires-python': `>=3.8${ANSI}` }],
      }),
    ),
  binary: (_request, response) => page(response, Buffer.from(Array.from({ length: 2048 }, (_, index) => (index * 37 + 11) % 256))),
  'wrong-type': (_request, response) => page(response, projectJson('demo', ['6.0']), { 'content-type': 'image/png' }),
  'html-as-json': (_request, response) => page(response, '<html><body><a href="demo-7.0.tar.gz">demo-7.0.tar.gz</a></body></html>'),
  truncated: (_request, response) => page(response, projectJson('demo').slice(0, 40)),
  'close-mid-body': (_request, response) => {
    response.writeHead(200, { 'content-type': SIMPLE_JSON, 'content-length': '5000' });
    response.write(projectJson('demo').slice(0, 30));
    setImmediate(() => response.socket?.destroy());
  },
  'retry-after': (_request, response) => void response.writeHead(503, { 'retry-after': '999999999' }).end(),
  'retry-after-date': (_request, response) => void response.writeHead(429, { 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }).end(),
  'storm-429': (_request, response) => void response.writeHead(429, { 'retry-after': '1' }).end(),
  'storm-503': (_request, response) => void response.writeHead(503).end(),
  huge: (_request, response) => page(response, Buffer.alloc(LIMIT * 4, 32)),
};

beforeAll(async () => {
  elsewhere = await startRecordingServer((request, response) => {
    if (request.url?.startsWith('/ping-pong/')) return void response.writeHead(302, { location: `${hostile.url}${request.url}` }).end();
    page(response, projectJson('demo'));
  });
  hostile = await startRecordingServer((request, response) => {
    const route = routes[(request.url ?? '').split('/')[1]];
    if (route) route(request, response);
    else response.writeHead(404).end();
  });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all([hostile.close(), elsewhere.close()]);
  const { rmSync } = await import('node:fs');
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

function client(options: IndexClientOptions = {}): IndexClient {
  const created = new IndexClient({
    maxRetries: 2,
    headersTimeoutMs: 300,
    bodyTimeoutMs: 300,
    requestTimeoutMs: 2_000,
    maxResponseBytes: LIMIT,
    maxRetryAfterMs: 5_000,
    concurrency: 4,
    sleep: async (ms) => void sleeps.push(ms),
    network: { environment: {} },
    ...options,
  });
  clients.push(created);
  return created;
}

const index = (route: string, credentials = true) => ({ url: `${hostile.url}/${route}/`, credentials: credentials ? { username: 'alice', password: 'hostile-secret' } : null });
const requestsTo = (route: string) => hostile.requests.filter((request) => request.path.startsWith(`/${route}/`));

/** Every string inside `value`. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, entry]) => [key, ...strings(entry)]);
  return [];
}

function expectClean(result: ProjectResult): void {
  for (const text of strings(result)) expect(hasControlCharacters(text), JSON.stringify(text)).toBe(false);
  expect(JSON.stringify(result)).not.toContain('hostile-secret');
  expect(elsewhere.requests.every((request) => request.headers.authorization === undefined)).toBe(true);
}

describe('hostile index: every answer within bounds, clean, and the client keeps working', () => {
  const shared = () => clients[0] ?? client();

  it('decodes gzip, deflate and br answers and asks for them', async () => {
    for (const [route, version] of [['gzip', '3.0'], ['deflate', '4.0'], ['br', '5.0']] as const) {
      const result = await shared().getProject(index(route), 'demo');
      expect(result.ok && result.project.versions).toEqual([version]);
      expectClean(result);
    }
    expect(requestsTo('gzip')[0].headers['accept-encoding']).toMatch(/gzip.*deflate.*br/);
  });

  it('stops a gzip bomb at the size limit; rejects corrupt and unknown encodings', async () => {
    const bomb = await shared().getProject(index('bomb'), 'demo');
    expect(bomb.ok || bomb.error.kind).toBe('too-large');
    expect(requestsTo('bomb')).toHaveLength(1);
    for (const route of ['bad-gzip', 'unknown-encoding']) {
      const result = await shared().getProject(index(route), 'demo');
      expect(result.ok || result.error.kind).toBe('bad-response');
      expect(requestsTo(route)).toHaveLength(1);
      expectClean(result);
    }
    expectClean(bomb);
  });

  it('stops redirect loops, and redirects bounce between ports without credentials', async () => {
    const loop = await shared().getProject(index('loop'), 'demo');
    expect(loop.ok || loop.error.kind).toBe('bad-response');
    expect(requestsTo('loop')).toHaveLength(6);
    const pingPong = await shared().getProject(index('ping-pong'), 'demo');
    expect(pingPong.ok).toBe(false);
    const hops = requestsTo('ping-pong');
    expect(hops.length).toBeLessThanOrEqual(6);
    // Back on its own origin after a detour, the index still gets nothing: credentials never follow a redirect chain that left.
    expect(hops.map((request) => request.headers.authorization)).toEqual([basic('alice', 'hostile-secret'), ...hops.slice(1).map(() => undefined)]);
    const other = await shared().getProject(index('other-port'), 'demo');
    expect(other.ok).toBe(true);
    expect(requestsTo('other-port')[0].headers.authorization).toBe(basic('alice', 'hostile-secret'));
    const nonHttp = await shared().getProject(index('non-http-redirect'), 'demo');
    expect(nonHttp.ok || nonHttp.error.kind).toBe('bad-response');
    for (const result of [loop, pingPong, other, nonHttp]) expectClean(result);
  });

  it('escapes ANSI, OSC, bidi and binary content in errors and in answers', async () => {
    for (const route of ['ansi-json-error', 'ansi-html-error', 'ansi-status', 'binary', 'truncated']) {
      const result = await shared().getProject(index(route), 'demo');
      expect(result.ok, route).toBe(route === 'ansi-html-error');
      expectClean(result);
      expect(requestsTo(route)).toHaveLength(1);
    }
    const answer = await shared().getProject(index('ansi-answer'), 'demo');
    expect(answer.ok).toBe(true);
    expectClean(answer);
    expect(JSON.stringify(answer)).not.toContain(CONTROL_IN_JSON);
    expect(answer.ok && answer.project.releases[0].yankedReason).toContain('\\x1b[2J');
  });

  it('reads a page whatever its content type says', async () => {
    const wrongType = await shared().getProject(index('wrong-type'), 'demo');
    expect(wrongType.ok && wrongType.project.versions).toEqual(['6.0']);
    const htmlAsJson = await shared().getProject(index('html-as-json'), 'demo');
    expect(htmlAsJson.ok || htmlAsJson.error.kind).toBe('bad-response');
    expectClean(htmlAsJson);
  });

  it('retries a body cut off mid-way a bounded number of times; refuses oversized bodies', async () => {
    const cut = await shared().getProject(index('close-mid-body'), 'demo');
    expect(cut.ok).toBe(false);
    expect(requestsTo('close-mid-body').length).toBeLessThanOrEqual(3);
    const huge = await shared().getProject(index('huge'), 'demo');
    expect(huge.ok || huge.error.kind).toBe('too-large');
    for (const result of [cut, huge]) expectClean(result);
  });

  it('does not wait for a huge Retry-After, and gives up on 429/503 storms after the retries', async () => {
    sleeps.length = 0;
    for (const route of ['retry-after', 'retry-after-date']) {
      const result = await shared().getProject(index(route), 'demo');
      expect(result.ok || result.error.message).toMatch(/Retry-After/);
      expect(requestsTo(route)).toHaveLength(1);
    }
    expect(sleeps).toEqual([]);
    for (const route of ['storm-429', 'storm-503']) {
      const results = await Promise.all(Array.from({ length: 5 }, (_, position) => shared().getProject(index(route), `demo-${position}`)));
      for (const result of results) expect(result.ok || result.error.kind).toBe('unreachable');
      expect(requestsTo(route)).toHaveLength(5 * 3);
    }
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(5_000);
  });

  it('a server that never answers: at most `concurrency` connections, then the origin is down for a while', async () => {
    const silent = await startSilentServer();
    const clock = new ManualClock();
    try {
      const tester = client({ clock, unreachableForMs: 60_000 });
      const results = await Promise.all(Array.from({ length: 20 }, (_, position) => tester.getProject({ url: `${silent.url}/simple/` }, `pkg-${position}`)));
      for (const result of results) {
        expect(result.ok).toBe(false);
        expectClean(result);
      }
      expect(silent.connections()).toBeLessThanOrEqual(4);
      const seen = silent.connections();
      const again = await tester.getProject({ url: `${silent.url}/simple/` }, 'pkg-again');
      expect(again.ok || again.error.kind).toBe('unreachable');
      expect(silent.connections()).toBe(seen);
      // After the pause the index is asked again.
      clock.advance(60_001);
      await tester.getProject({ url: `${silent.url}/simple/` }, 'pkg-later');
      expect(silent.connections()).toBe(seen + 1);
    } finally {
      await silent.close();
    }
  });

  it('a closed port: at most `concurrency` connection attempts for many projects', async () => {
    const port = await closedPort();
    const attempts = countConnectAttempts(port);
    try {
      const tester = client();
      const results = await Promise.all(Array.from({ length: 20 }, (_, position) => tester.getProject({ url: `http://127.0.0.1:${port}/simple/` }, `pkg-${position}`)));
      for (const result of results) expect(result.ok || result.error.kind).toBe('unreachable');
      expect(attempts.count()).toBeGreaterThan(0);
      expect(attempts.count()).toBeLessThanOrEqual(4);
    } finally {
      attempts.stop();
    }
  });

  it('still answers normally after all of the above', async () => {
    const result = await shared().getProject(index('ok'), 'demo');
    expect(result.ok && result.project.versions).toEqual(['1.0', '2.0']);
  });
});

describe('hostile index: what the CLI prints', () => {
  it('no control character from the index reaches the terminal (index-unreachable messages, JSON too)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const folder = mkdtempSync(join(tmpdir(), 'pipsight-hostile-cli-'));
    temporaryFolders.push(folder);
    writeFileSync(join(folder, 'requirements.txt'), 'demo\n');
    for (const route of ['ansi-json-error', 'binary', 'ansi-answer']) {
      for (const format of ['text', 'json']) {
        const result = await runCapture(['check', 'requirements.txt', '--index-url', `${hostile.url}/${route}/`, '--format', format, '--cache-dir', join(folder, 'cache')], { cwd: folder, env: { HOME: folder }, indexChecks: true });
        expect(hasControlCharacters(result.stdout.replace(/\n/g, '')), `${route} ${format}: ${JSON.stringify(result.stdout)}`).toBe(false);
        expect(hasControlCharacters(result.stderr.replace(/\n/g, ''))).toBe(false);
        if (route !== 'ansi-answer') expect(result.stdout).toContain('index-unreachable');
      }
    }
  });
});

describe('compressed answers and the cache', () => {
  it('stores the decoded body; ETag revalidation and a new process reading the disk cache work', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const folder = mkdtempSync(join(tmpdir(), 'pipsight-gzip-cache-'));
    temporaryFolders.push(folder);
    const before = requestsTo('gzip').length;
    const first = client({ cacheDirectory: folder });
    expect((await first.getProject(index('gzip', false), 'cached')).ok).toBe(true);
    const second = await first.getProject(index('gzip', false), 'cached');
    expect(second.ok && second.source.via).toBe('revalidated');
    expect(second.ok && second.project.versions).toEqual(['3.0']);
    const conditional = requestsTo('gzip').slice(before);
    expect(conditional.map((request) => request.headers['if-none-match'])).toEqual([undefined, '"v1"']);
    await first.close();
    const offline = client({ cacheDirectory: folder, offline: true });
    const fromDisk = await offline.getProject(index('gzip', false), 'cached');
    expect(fromDisk.ok && fromDisk.project.versions).toEqual(['3.0']);
    expect(fromDisk.ok && fromDisk.source.via).toBe('stale');
  });
});
