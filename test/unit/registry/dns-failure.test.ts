/**
 * A host name that does not resolve (ENOTFOUND, or EAI_AGAIN when the resolver cannot answer) marks
 * its origin down at the first failure: later requests to it fail at once, without a new attempt.
 * The connector is a fake that fails like the resolver would and counts how often it is called.
 */
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../server/src/registry/http-client';
import { CredentialStore } from '../../../server/src/registry';

const agents: Agent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
});

function failingAgent(code: string): { agent: Agent; attempts: () => number } {
  let attempts = 0;
  const agent = new Agent({
    connect: (options, callback) => {
      attempts++;
      const error = Object.assign(new Error(`getaddrinfo ${code} ${options.hostname}`), { code, syscall: 'getaddrinfo', hostname: options.hostname });
      process.nextTick(() => callback(error, null));
    },
  });
  agents.push(agent);
  return { agent, attempts: () => attempts };
}

describe('an index host that does not resolve', () => {
  it.each(['ENOTFOUND', 'EAI_AGAIN'])('%s: the origin is given up after the first attempt', async (code) => {
    const { agent, attempts } = failingAgent(code);
    const client = new HttpClient({ dispatcher: agent, credentials: new CredentialStore(), unreachableForMs: Number.POSITIVE_INFINITY, sleep: async () => undefined });
    const results = [];
    for (let project = 0; project < 10; project++) results.push(await client.get(`https://index.invalid/simple/p${project}/`));
    expect(attempts()).toBe(1);
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
    expect(client.unreachableReason('https://index.invalid/simple/other/')).toContain(code);
  });
});
