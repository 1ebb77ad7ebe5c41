/**
 * Every fault of the local index server, end to end (collectInsights + insightFindings): the
 * work finishes within a bound; the failure never turns into unknown-package or
 * no-matching-version; the failing index gets exactly one index-unreachable (the auth message
 * for authentication faults); the other requirements are still annotated; no secret shows.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { insightFindings } from '../../../server/src/core/insights/findings';
import { parseDocument } from '../../../server/src/core/parse';
import { collectInsights, createInsightsContext } from '../../../server/src/registry/insights';
import { startIndexServer, type Fault, type IndexServer } from '../../index-server/server';
import { createHarness, type Harness } from '../registry/helpers';

let harness: Harness;
let otherHost: IndexServer;
beforeAll(async () => {
  harness = await createHarness();
  otherHost = await startIndexServer();
});
afterEach(() => {
  harness.server.clearFaults();
  harness.server.clearRequests();
});
afterAll(async () => {
  await otherHost.close();
  await harness.close();
});

/** Short limits so that every timeout fault ends quickly; retries sleep for no time (the harness records the waits). */
const CLIENT_OPTIONS = { headersTimeoutMs: 300, bodyTimeoutMs: 300, requestTimeoutMs: 800, maxRetries: 2, maxRedirects: 4, maxResponseBytes: 256 * 1024, maxRetryAfterMs: 2_000 };
const BOUND_MS = 5_000;

interface FaultCase {
  name: string;
  /** The fault and where it applies. */
  path: (server: IndexServer) => string;
  fault: (server: IndexServer) => Fault;
  /** The requirements file: the failing package first, then healthy ones. */
  requirements: (server: IndexServer) => string;
  failing: string;
  healthy: string[];
  /** The index whose failure is reported (its URL as shown, credentials masked). */
  failingIndex: (server: IndexServer) => string;
  message: RegExp;
}

const onPypi = (package_: string, fault: Fault, message: RegExp): FaultCase => ({
  name: '',
  path: () => `/simple/${package_}/`,
  fault: () => fault,
  requirements: () => `${package_}>=1\nrequests==2.32.0\nflask>=2.0,<3\n`,
  failing: package_,
  healthy: ['requests', 'flask'],
  failingIndex: (server) => server.indexes.pypi,
  message,
});

const CASES: FaultCase[] = [
  { ...onPypi('numpy', { kind: 'latency', ms: 3_000 }, /timed out|timeout/i), name: 'latency beyond the request deadline' },
  { ...onPypi('numpy', { kind: 'status', status: 503 }, /503/), name: '5xx' },
  { ...onPypi('numpy', { kind: 'status', status: 429, retryAfter: '1' }, /429/), name: '429 with Retry-After' },
  { ...onPypi('numpy', { kind: 'timeout' }, /timed out|timeout/i), name: 'timeout (no response)' },
  { ...onPypi('numpy', { kind: 'stall' }, /timed out|timeout/i), name: 'stalled body' },
  { ...onPypi('numpy', { kind: 'malformed' }, /unreadable/), name: 'malformed JSON' },
  {
    name: 'malformed HTML (HTML-only index)',
    path: () => '/whl/cpu/torch/',
    fault: () => ({ kind: 'malformed' }),
    requirements: (server) => `--index-url ${server.indexes.cpu}\ntorch>=2\ntorchvision\n`,
    failing: 'torch',
    healthy: ['torchvision'],
    failingIndex: (server) => server.indexes.cpu,
    message: /unreadable|not a project page/,
  },
  { ...onPypi('numpy', { kind: 'huge', bytes: 1024 * 1024 }, /larger than/), name: 'huge body' },
  // The loop goes /simple/numpy/ → /simple/numpy-loop/ → …: the fault covers the whole family.
  { ...onPypi('numpy', { kind: 'redirect-loop' }, /too many redirects/), name: 'redirect loop', path: () => '/simple/numpy' },
  {
    name: 'redirect to another host, with credentials',
    path: () => '/private/simple/acme-internal/',
    fault: () => ({ kind: 'redirect', location: `${otherHost.url}/private/simple/acme-internal/` }),
    requirements: (server) => `--extra-index-url ${server.indexes.private.replace('http://', 'http://alice:s3cret@')}\nacme-internal==1.0.0\nflask>=2.0,<3\n`,
    failing: 'acme-internal',
    healthy: ['flask'],
    // The other host asks for credentials and gets none: reported for the index configured.
    failingIndex: (server) => server.indexes.private,
    message: /credentials missing or refused/,
  },
  {
    name: 'authentication required, no credentials',
    path: () => '/nothing-extra/',
    fault: () => ({ kind: 'latency', ms: 0 }),
    requirements: (server) => `--extra-index-url ${server.indexes.private}\nacme-internal==1.0.0\nflask>=2.0,<3\n`,
    failing: 'acme-internal',
    healthy: ['flask'],
    failingIndex: (server) => server.indexes.private,
    message: /credentials missing or refused/,
  },
];

describe('every index fault, end to end', () => {
  it.each(CASES.map((faultCase) => [faultCase.name, faultCase] as const))('%s', async (_name, faultCase) => {
    const server = harness.server;
    server.setFault(faultCase.path(server), faultCase.fault(server));
    const text = faultCase.requirements(server);
    const file = parseDocument('/p/requirements.txt', text)!;
    const { plan } = createInsightsContext({ file, settings: [{ url: server.indexes.pypi, default: true }] });
    const started = Date.now();
    const insights = await collectInsights(harness.client(CLIENT_OPTIONS), plan, file);
    const findings = insightFindings(file, text, insights, { outdated: 'hint' });
    expect(Date.now() - started).toBeLessThan(BOUND_MS);

    const failing = file.requirements.find((requirement) => requirement.normalizedName === faultCase.failing)!;
    expect(insights.get(failing)?.status).toBe('unavailable');
    const onFailing = findings.filter((finding) => finding.package === faultCase.failing && finding.code !== 'index-unreachable');
    expect(onFailing.map((finding) => finding.code)).toEqual([]);
    expect(findings.some((finding) => finding.code === 'unknown-package' || finding.code === 'no-matching-version')).toBe(false);

    const unreachable = findings.filter((finding) => finding.code === 'index-unreachable');
    expect(unreachable).toHaveLength(1);
    expect(unreachable[0].message).toContain(faultCase.failingIndex(server));
    expect(unreachable[0].message).toMatch(faultCase.message);

    for (const name of faultCase.healthy) {
      const requirement = file.requirements.find((candidate) => candidate.normalizedName === name)!;
      expect(insights.get(requirement)?.status, name).toBe('found');
    }
    expect(JSON.stringify([...findings, ...insights.values()])).not.toContain('s3cret');
  });
});
