import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, IndexClient } from '../../../server/src/registry';
import { startIndexServer, type IndexServer } from '../../index-server/server';
import { createHarness, type Harness } from './helpers';

let harness: Harness;
let otherHost: IndexServer;
beforeAll(async () => {
  harness = await createHarness();
  otherHost = await startIndexServer();
});
afterAll(async () => {
  await otherHost.close();
  await harness.close();
});

const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

describe('credentials', () => {
  it('are sent to their own host and dropped on a redirect to another host', async () => {
    harness.server.setFault('/private/simple/acme-internal/', { kind: 'redirect', location: `${otherHost.url}/private/simple/acme-internal/` });
    const client = harness.client();
    const result = await client.getProject({ url: harness.server.indexes.private, credentials: { username: 'alice', password: 's3cret' } }, 'acme-internal');
    // The other host wants credentials too, and must not get alice's.
    expect(result.ok || result.error.kind).toBe('auth');
    const first = harness.server.requests.find((request) => request.path === '/private/simple/acme-internal/')!;
    expect(first.headers.authorization).toBe(basic('alice', 's3cret'));
    expect(otherHost.requests).toHaveLength(1);
    expect(otherHost.requests[0].headers.authorization).toBeUndefined();
    // The error message never contains the password.
    expect(JSON.stringify(result)).not.toContain('s3cret');
    harness.server.clearFaults();
  });

  it('are kept on a same-origin redirect', async () => {
    harness.server.setFault('/private/simple/moved/', { kind: 'redirect', location: '/private/simple/acme-internal/' });
    const result = await harness.client().getProject({ url: harness.server.indexes.private, credentials: { username: 'alice', password: 's3cret' } }, 'moved');
    expect(result.ok).toBe(true);
    harness.server.clearFaults();
  });

  it('scope by origin and path prefix; netrc by host', () => {
    const store = new CredentialStore([{ machine: 'netrc.example', login: 'n', password: 'p' }]);
    store.add('https://repo.example/api/pypi/team-a/simple/', { username: 'a', password: '1' });
    store.add('https://repo.example/api/pypi/team-b/simple/', { username: 'b', password: '2' });
    expect(store.credentialsFor('https://repo.example/api/pypi/team-b/simple/x/')?.username).toBe('b');
    expect(store.credentialsFor('https://repo.example/files/x.whl')?.username).toBe('a');
    expect(store.credentialsFor('http://repo.example/api/pypi/team-a/simple/')).toBeNull();
    expect(store.credentialsFor('https://repo.example:8443/api/pypi/team-a/simple/')).toBeNull();
    // netrc goes only to the origins of the indexes asked.
    expect(store.credentialsFor('https://netrc.example/simple/')).toBeNull();
    store.registerIndex('https://netrc.example/simple/');
    expect(store.credentialsFor('https://netrc.example/simple/')).toEqual({ username: 'n', password: 'p' });
    expect(store.credentialsFor('https://netrc.example:8443/simple/')).toBeNull();
    expect(store.credentialsFor('http://netrc.example/simple/')).toBeNull();
  });

  it("netrc's default entry goes only to the configured index's host, never across a redirect", async () => {
    // Two host names (the local servers share 127.0.0.1, and netrc knows no ports): undici's MockAgent.
    const agent = new MockAgent();
    agent.disableNetConnect();
    const seen: Record<string, unknown> = {};
    agent.get('https://index.example').intercept({ path: '/simple/demo/', method: 'GET' }).reply((options) => {
      seen.index = (options.headers as Record<string, string>).authorization;
      return { statusCode: 302, data: '', responseOptions: { headers: { location: 'https://other.example/simple/demo/' } } };
    });
    agent.get('https://other.example').intercept({ path: '/simple/demo/', method: 'GET' }).reply((options) => {
      seen.other = (options.headers as Record<string, string>).authorization ?? null;
      return { statusCode: 404, data: 'no' };
    });
    const client = new IndexClient({ dispatcher: agent, netrc: [{ machine: null, login: 'dflt', password: 'netrc-secret' }], maxRetries: 0 });
    await client.getProject({ url: 'https://index.example/simple/' }, 'demo');
    expect(seen).toEqual({ index: basic('dflt', 'netrc-secret'), other: null });
    await agent.close();
    const store = new CredentialStore([{ machine: 'named.example', login: 'n', password: 'p' }, { machine: null, login: 'd', password: 'q' }]);
    store.registerIndex('https://index.example/simple/');
    expect(store.credentialsFor('https://index.example/simple/x/')).toEqual({ username: 'd', password: 'q' });
    expect(store.credentialsFor('https://elsewhere.example/x/')).toBeNull();
    expect(store.credentialsFor('https://named.example/x/')).toBeNull();
    store.registerIndex('https://named.example/simple/');
    expect(store.credentialsFor('https://named.example/x/')).toEqual({ username: 'n', password: 'p' });
  });

  it('work with undici MockAgent (no sockets)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://mock.example')
      .intercept({ path: '/simple/demo/', method: 'GET', headers: { authorization: basic('u', 'p') } })
      .reply(200, JSON.stringify({ meta: { 'api-version': '1.0' }, name: 'demo', files: [{ filename: 'demo-1.0.tar.gz', url: 'demo-1.0.tar.gz', hashes: {} }] }), { headers: { 'content-type': 'application/vnd.pypi.simple.v1+json' } });
    const client = new IndexClient({ dispatcher: agent });
    const result = await client.getProject({ url: 'https://u:p@mock.example/simple' }, 'demo');
    expect(result.ok && result.project.releases[0].files[0].url).toBe('https://mock.example/simple/demo/demo-1.0.tar.gz');
    await agent.close();
  });
});
