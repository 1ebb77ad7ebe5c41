import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './helpers';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterEach(() => {
  harness.server.clearFaults();
  harness.server.clearRequests();
  harness.sleeps.length = 0;
});
afterAll(async () => harness.close());

const index = () => ({ url: harness.server.indexes.pypi });

describe('faults: the client returns a typed error quickly and never hangs', () => {
  it('retries 5xx with backoff, then reports unreachable', async () => {
    harness.server.setFault('/simple/numpy/', { kind: 'status', status: 503 });
    const result = await harness.client({ maxRetries: 2 }).getProject(index(), 'numpy');
    expect(result.ok || result.error).toMatchObject({ kind: 'unreachable', status: 503 });
    expect(harness.server.countRequests('/simple/numpy/')).toBe(3);
    expect(harness.sleeps).toHaveLength(2);
  });

  it('recovers when the 5xx is transient', async () => {
    harness.server.setFault('/simple/numpy/', { kind: 'status', status: 502, times: 1 });
    const result = await harness.client().getProject(index(), 'numpy');
    expect(result.ok).toBe(true);
    expect(harness.server.countRequests('/simple/numpy/')).toBe(2);
  });

  it('honours Retry-After on 429', async () => {
    harness.server.setFault('/simple/flask/', { kind: 'status', status: 429, retryAfter: '2', times: 2 });
    const result = await harness.client({ maxRetryAfterMs: 5_000 }).getProject(index(), 'flask');
    expect(result.ok).toBe(true);
    expect(harness.sleeps).toEqual([2000, 2000]);
  });

  it('does not wait for a Retry-After beyond the cap', async () => {
    harness.server.setFault('/simple/flask/', { kind: 'status', status: 429, retryAfter: '3600' });
    const result = await harness.client({ maxRetryAfterMs: 1_000 }).getProject(index(), 'flask');
    expect(result.ok || result.error.kind).toBe('unreachable');
    expect(result.ok || result.error.message).toMatch(/Retry-After/);
    expect(harness.server.countRequests('/simple/flask/')).toBe(1);
    expect(harness.sleeps).toEqual([]);
  });

  it('retries a reset connection', async () => {
    harness.server.setFault('/simple/django/', { kind: 'reset', times: 1 });
    const result = await harness.client().getProject(index(), 'django');
    expect(result.ok).toBe(true);
    expect(harness.server.countRequests('/simple/django/')).toBe(2);
  });

  it('times out when no response comes', async () => {
    harness.server.setFault('/simple/pandas/', { kind: 'timeout' });
    const started = Date.now();
    const result = await harness.client({ headersTimeoutMs: 200 }).getProject(index(), 'pandas');
    expect(result.ok || result.error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out on a stalled body', async () => {
    harness.server.setFault('/simple/pandas/', { kind: 'stall' });
    const result = await harness.client({ bodyTimeoutMs: 200 }).getProject(index(), 'pandas');
    expect(result.ok || result.error.kind).toBe('timeout');
  });

  it('the whole-request deadline bounds slow responses', async () => {
    harness.server.setFault('/simple/pandas/', { kind: 'latency', ms: 2_000 });
    const result = await harness.client({ requestTimeoutMs: 150 }).getProject(index(), 'pandas');
    expect(result.ok || result.error.kind).toBe('timeout');
  });

  it('reports malformed JSON as bad-response', async () => {
    harness.server.setFault('/simple/pydantic/', { kind: 'malformed' });
    const result = await harness.client().getProject(index(), 'pydantic');
    expect(result.ok || result.error.kind).toBe('bad-response');
  });

  it('reports a malformed HTML page (HTML-only index) as bad-response', async () => {
    harness.server.setFault('/whl/cu124/torch/', { kind: 'malformed' });
    const result = await harness.client().getProject({ url: harness.server.indexes.cu124 }, 'torch');
    expect(result.ok || result.error.kind).toBe('bad-response');
  });

  it('aborts huge bodies (streamed or declared)', async () => {
    harness.server.setFault('/simple/numpy/', { kind: 'huge', bytes: 3 * 1024 * 1024 });
    const streamed = await harness.client({ maxResponseBytes: 1024 * 1024 }).getProject(index(), 'numpy');
    expect(streamed.ok || streamed.error.kind).toBe('too-large');
    harness.server.setFault('/simple/numpy/', { kind: 'huge', bytes: 3 * 1024 * 1024, declareLength: true });
    const declared = await harness.client({ maxResponseBytes: 1024 * 1024 }).getProject(index(), 'numpy');
    expect(declared.ok || declared.error.kind).toBe('too-large');
  });

  it('stops redirect loops', async () => {
    harness.server.setFault('/simple/', { kind: 'redirect-loop' });
    const result = await harness.client({ maxRedirects: 4 }).getProject(index(), 'numpy');
    expect(result.ok || result.error.kind).toBe('bad-response');
    expect(result.ok || result.error.message).toMatch(/too many redirects/);
    expect(harness.server.countRequests('/simple/')).toBe(5);
  });

  it('reports an unreachable host', async () => {
    const result = await harness.client({ maxRetries: 0 }).getProject({ url: 'http://127.0.0.1:9/simple/' }, 'numpy');
    expect(result.ok || result.error.kind).toBe('unreachable');
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    harness.server.setFault('*', { kind: 'latency', ms: 30 });
    const client = harness.client({ concurrency: 2 });
    const names = ['numpy', 'requests', 'flask', 'django', 'pandas', 'pydantic'];
    const started = Date.now();
    const results = await Promise.all(names.map((name) => client.getProject(index(), name)));
    expect(results.every((result) => result.ok)).toBe(true);
    // 6 requests, 2 at a time, 30 ms each: at least 3 rounds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(85);
  });
});
