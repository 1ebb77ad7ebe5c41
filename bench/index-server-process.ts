/**
 * The benchmark's package index in its own process, as a real index is: its work (rendering
 * pages, the 50 ms latency timers) must not share the event loop and CPU time of the client
 * being measured. Started by bench/index-insights.ts with fork(); speaks over the IPC channel:
 *   → { type: 'ready', pypi }            once listening
 *   ← { type: 'count' }                  → { type: 'count', requests }
 *   ← { type: 'clear' }                  → { type: 'cleared' }
 */
import type { FixtureProject } from '../test/index-server/fixture-data';
import { startIndexServer } from '../test/index-server/server';

export const BENCH_PACKAGES = 100;
export const BENCH_LATENCY_MS = 50;

/** bench-pkg-000…099, made in memory (never committed). */
export function benchProjects(): FixtureProject[] {
  return Array.from({ length: BENCH_PACKAGES }, (_, index) => ({
    name: `bench-pkg-${String(index).padStart(3, '0')}`,
    index: 'pypi',
    summary: 'Generated for the benchmark',
    releases: ['1.0.0', '1.1.0', '1.2.0', '2.0.0rc1'].map((version, position) => ({
      version,
      requiresPython: '>=3.9',
      uploadTime: `2024-0${position + 1}-01T00:00:00Z`,
      files: ['py3-none-any', 'sdist'],
    })),
  }));
}

async function serve(): Promise<void> {
  const server = await startIndexServer({ latencyMs: BENCH_LATENCY_MS, extraProjects: benchProjects() });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'count') process.send?.({ type: 'count', requests: server.countRequests() });
    if (message.type === 'clear') {
      server.clearRequests();
      process.send?.({ type: 'cleared' });
    }
  });
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
  process.send?.({ type: 'ready', pypi: server.indexes.pypi });
}

if (process.send && process.argv.includes('--serve')) void serve();
