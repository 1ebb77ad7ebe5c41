/**
 * Index intelligence benchmark (issue 4 §5): the local index server answers every request after
 * 50 ms; a pyproject with 100 requirements on 100 generated projects (bench-pkg-000…099, made in
 * memory here, never committed) is fully annotated by collectInsights
 *   - from a cold cache at the client's default concurrency (16): budget 500 ms, the floor being
 *     ⌈100/16⌉ = 7 round trips = 350 ms;
 *   - warm, from the disk cache by a new IndexClient on the same folder: budget 50 ms;
 * and the HTTP requests of the cold run are counted against the unique (index, package) pairs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedFile } from '../server/src/core/model';
import { parseDocument } from '../server/src/core/parse';
import { IndexClient } from '../server/src/registry';
import { collectInsights, createInsightsContext } from '../server/src/registry/insights';
import type { FixtureProject } from '../test/index-server/fixture-data';
import { startIndexServer } from '../test/index-server/server';
import { median } from './stats';

const PACKAGES = 100;
const LATENCY_MS = 50;
const COLD_RUNS = 3;
const WARM_RUNS = 5;

export type Recorder = (measure: string, value: number, unit: 'ms' | 'MB' | 'requests', budget?: number) => void;

function benchProjects(): FixtureProject[] {
  return Array.from({ length: PACKAGES }, (_, index) => ({
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

function benchPyproject(projects: FixtureProject[]): string {
  const lines = projects.map((project, index) => `    "${project.name}${index % 2 === 0 ? '>=1.0' : '==1.0.0'}",`);
  return ['[project]', 'name = "bench"', 'version = "0.1.0"', 'requires-python = ">=3.9"', 'dependencies = [', ...lines, ']', ''].join('\n');
}

async function annotate(file: ParsedFile, indexUrl: string, cacheDirectory: string): Promise<{ ms: number; found: number; client: IndexClient }> {
  const client = new IndexClient({ cacheDirectory, network: { environment: {} } });
  const started = performance.now();
  const { plan, requiresPython } = createInsightsContext({ file, settings: [{ url: indexUrl, default: true }] });
  const insights = await collectInsights(client, plan, file, { requiresPython });
  const ms = performance.now() - started;
  const found = [...insights.values()].filter((insight) => insight.status === 'found' && insight.latestStable !== null).length;
  return { ms, found, client };
}

export async function benchIndexInsights(record: Recorder, notes: string[]): Promise<void> {
  const projects = benchProjects();
  const server = await startIndexServer({ latencyMs: LATENCY_MS, extraProjects: projects });
  const folders: string[] = [];
  try {
    const file = parseDocument('/bench/insights/pyproject.toml', benchPyproject(projects), 'pyproject')!;
    const uniquePairs = new Set(file.requirements.map((requirement) => requirement.normalizedName)).size;
    const cold: number[] = [];
    const requestCounts: number[] = [];
    let cacheDirectory = '';
    for (let run = 0; run < COLD_RUNS; run++) {
      cacheDirectory = mkdtempSync(join(tmpdir(), 'pipsight-bench-cache-'));
      folders.push(cacheDirectory);
      server.clearRequests();
      const result = await annotate(file, server.indexes.pypi, cacheDirectory);
      await result.client.close();
      if (result.found !== PACKAGES) notes.push(`index insights: only ${result.found} of ${PACKAGES} requirements annotated in a cold run`);
      cold.push(result.ms);
      requestCounts.push(server.countRequests());
    }
    const warm: number[] = [];
    server.clearRequests();
    for (let run = 0; run < WARM_RUNS; run++) {
      const result = await annotate(file, server.indexes.pypi, cacheDirectory);
      await result.client.close();
      if (result.found !== PACKAGES) notes.push(`index insights: only ${result.found} of ${PACKAGES} requirements annotated in a warm run`);
      warm.push(result.ms);
    }
    record(`${PACKAGES}-req pyproject annotated, cold cache (${LATENCY_MS} ms latency, concurrency 16)`, median(cold), 'ms', 500);
    record(`${PACKAGES}-req pyproject annotated, warm disk cache (new client)`, median(warm), 'ms', 50);
    const requests = Math.max(...requestCounts);
    record(`HTTP requests of a cold run (unique (index, package) pairs: ${uniquePairs})`, requests, 'requests');
    notes.push(`index insights: cold runs ${cold.map((ms) => ms.toFixed(0)).join(', ')} ms (floor ⌈${PACKAGES}/16⌉ × ${LATENCY_MS} ms = ${Math.ceil(PACKAGES / 16) * LATENCY_MS} ms); HTTP requests per cold run ${requestCounts.join(', ')} for ${uniquePairs} unique (index, package) pairs; warm runs sent ${server.countRequests()} requests`);
  } finally {
    await server.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }
}
