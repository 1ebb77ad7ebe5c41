import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ManualClock, type Harness } from './helpers';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterEach(() => {
  harness.server.clearFaults();
  harness.server.clearRequests();
});
afterAll(async () => harness.close());

const index = () => ({ url: harness.server.indexes.pypi });

describe('cache', () => {
  it('shares one in-flight request between concurrent callers', async () => {
    harness.server.setFault('/simple/numpy/', { kind: 'latency', ms: 50 });
    const client = harness.client();
    const results = await Promise.all(Array.from({ length: 10 }, () => client.getProject(index(), 'NumPy')));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(harness.server.countRequests('/simple/numpy/')).toBe(1);
  });

  it('serves from memory while fresh and revalidates with ETag after the TTL (304)', async () => {
    const clock = new ManualClock();
    const client = harness.client({ clock, ttlMs: 60_000 });
    expect((await client.getProject(index(), 'flask')).ok).toBe(true);
    const cached = await client.getProject(index(), 'flask');
    expect(cached.ok && cached.source.via).toBe('memory');
    expect(harness.server.countRequests('/simple/flask/')).toBe(1);
    clock.advance(61_000);
    const revalidated = await client.getProject(index(), 'flask');
    expect(revalidated.ok && revalidated.source).toEqual({ via: 'revalidated', fetchedAt: clock.time });
    expect(revalidated.ok && revalidated.project.versions).toEqual(['2.3.3', '3.0.3', '3.1.0']);
    const conditional = harness.server.requests.at(-1)!;
    expect(conditional.headers['if-none-match']).toMatch(/^"/);
    // The 304 refreshed the entry: fresh again.
    expect((await client.getProject(index(), 'flask')).ok).toBe(true);
    expect(harness.server.countRequests('/simple/flask/')).toBe(2);
  });

  it('the server max-age bounds freshness too', async () => {
    const clock = new ManualClock();
    const client = harness.client({ clock, ttlMs: 3_600_000 });
    await client.getProject(index(), 'django');
    clock.advance(601_000); // the index server sends max-age=600
    await client.getProject(index(), 'django');
    expect(harness.server.countRequests('/simple/django/')).toBe(2);
  });

  it('warm start from disk: a new client with the same directory sends no request while fresh', async () => {
    const directory = harness.temporaryDirectory();
    const clock = new ManualClock();
    const names = ['numpy', 'requests', 'torch'];
    const cold = harness.client({ clock, cacheDirectory: directory });
    for (const name of names) expect((await cold.getProject(index(), name)).ok).toBe(true);
    await cold.close(); // the first session ends (its disk writes are flushed) before the next starts
    harness.server.clearRequests();
    const warm = harness.client({ clock, cacheDirectory: directory });
    const results = await Promise.all(names.map((name) => warm.getProject(index(), name)));
    expect(results.map((result) => result.ok && result.source.via)).toEqual(['disk', 'disk', 'disk']);
    expect(results[1].ok && results[1].project.releases[1].yanked).toBe(true);
    expect(harness.server.requests).toHaveLength(0);
    expect(warm.requestCount).toBe(0);
  });

  it('stale-if-error: a failing index still gets the cached answer', async () => {
    const clock = new ManualClock();
    const client = harness.client({ clock, maxRetries: 0 });
    await client.getProject(index(), 'pandas');
    clock.advance(3_600_000);
    harness.server.setFault('/simple/pandas/', { kind: 'status', status: 500 });
    const result = await client.getProject(index(), 'pandas');
    expect(result.ok && result.source.via).toBe('stale');
    expect(result.ok && result.source.staleBecause?.kind).toBe('unreachable');
  });

  it('offline: cached data only, error kind offline otherwise, no requests', async () => {
    const clock = new ManualClock();
    const directory = harness.temporaryDirectory();
    const online = harness.client({ clock, cacheDirectory: directory });
    await online.getProject(index(), 'pydantic');
    await online.close();
    harness.server.clearRequests();
    clock.advance(86_400_000);
    const offline = harness.client({ clock, cacheDirectory: directory, offline: true });
    const cached = await offline.getProject(index(), 'pydantic');
    expect(cached.ok && cached.source.via).toBe('stale');
    const missing = await offline.getProject(index(), 'accelerate');
    expect(missing.ok || missing.error.kind).toBe('offline');
    expect(harness.server.requests).toHaveLength(0);
  });

  it('evicts least recently used entries beyond the size bound', async () => {
    const clock = new ManualClock();
    const directory = harness.temporaryDirectory();
    // Each cached page is a few KB; a 12 KB bound holds only some of them.
    const client = harness.client({ clock, cacheDirectory: directory, maxCacheBytes: 12_000 });
    const names = ['numpy', 'requests', 'flask', 'django', 'pandas', 'pydantic', 'accelerate', 'scikit-learn'];
    for (const name of names) {
      clock.advance(1_000);
      expect((await client.getProject(index(), name)).ok).toBe(true);
    }
    await client.close();
    harness.server.clearRequests();
    const warm = harness.client({ clock, cacheDirectory: directory, maxCacheBytes: 12_000 });
    const newest = await warm.getProject(index(), 'scikit-learn');
    expect(newest.ok && newest.source.via).toBe('disk');
    const oldest = await warm.getProject(index(), 'numpy');
    expect(oldest.ok && oldest.source.via).toBe('network');
  });

  it('clear() empties memory and disk', async () => {
    const directory = harness.temporaryDirectory();
    const client = harness.client({ cacheDirectory: directory });
    await client.getProject(index(), 'requests');
    await client.clear();
    harness.server.clearRequests();
    await client.getProject(index(), 'requests');
    expect(harness.server.countRequests('/simple/requests/')).toBe(1);
  });

  it('metadata files are cached as immutable', async () => {
    const clock = new ManualClock();
    const client = harness.client({ clock });
    await client.getMetadata(index(), 'requests', '2.32.3');
    clock.advance(400_000);
    await client.getMetadata(index(), 'requests', '2.32.3');
    expect(harness.server.countRequests('/files/')).toBe(1);
  });
});
