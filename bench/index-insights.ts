/**
 * Index intelligence benchmark: the local index server answers every request after
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
import { fork, type ChildProcess } from 'node:child_process';
import type { FixtureProject } from '../test/index-server/fixture-data';
import { BENCH_LATENCY_MS as LATENCY_MS, BENCH_PACKAGES as PACKAGES, benchProjects } from './index-server-process';
import { median } from './stats';

const COLD_RUNS = 3;
const WARM_RUNS = 7;

export type Recorder = (measure: string, value: number, unit: 'ms' | 'MB' | 'requests', budget?: number) => void;

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

/** The index server in a child process (see index-server-process.ts), with a small request API. */
interface RemoteIndex {
  pypi: string;
  countRequests(): Promise<number>;
  clearRequests(): Promise<void>;
  close(): Promise<void>;
}

function ask<T>(child: ChildProcess, message: { type: string }, answer: string, pick: (reply: Record<string, unknown>) => T): Promise<T> {
  return new Promise((resolve) => {
    const listen = (reply: Record<string, unknown>) => {
      if (reply.type !== answer) return;
      child.off('message', listen);
      resolve(pick(reply));
    };
    child.on('message', listen);
    child.send(message);
  });
}

function startRemoteIndex(): Promise<RemoteIndex> {
  const child = fork(join(__dirname, 'index-server-process.ts'), ['--serve'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the benchmark index server exited with code ${code}`)));
    child.once('message', (ready: { type: string; pypi: string }) =>
      resolve({
        pypi: ready.pypi,
        countRequests: () => ask(child, { type: 'count' }, 'count', (reply) => reply.requests as number),
        clearRequests: () => ask(child, { type: 'clear' }, 'cleared', () => undefined),
        close: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.disconnect();
          }),
      }),
    );
  });
}

export async function benchIndexInsights(record: Recorder, notes: string[]): Promise<void> {
  const projects = benchProjects();
  const server = await startRemoteIndex();
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
      await server.clearRequests();
      const result = await annotate(file, server.pypi, cacheDirectory);
      await result.client.close();
      if (result.found !== PACKAGES) notes.push(`index insights: only ${result.found} of ${PACKAGES} requirements annotated in a cold run`);
      cold.push(result.ms);
      requestCounts.push(await server.countRequests());
    }
    const warm: number[] = [];
    await server.clearRequests();
    for (let run = 0; run < WARM_RUNS; run++) {
      const result = await annotate(file, server.pypi, cacheDirectory);
      await result.client.close();
      if (result.found !== PACKAGES) notes.push(`index insights: only ${result.found} of ${PACKAGES} requirements annotated in a warm run`);
      warm.push(result.ms);
    }
    record(`${PACKAGES}-req pyproject annotated, cold cache (${LATENCY_MS} ms latency, concurrency 16)`, median(cold), 'ms', 500);
    record(`${PACKAGES}-req pyproject annotated, warm disk cache (new client)`, median(warm), 'ms', 50);
    const requests = Math.max(...requestCounts);
    record(`HTTP requests of a cold run (unique (index, package) pairs: ${uniquePairs})`, requests, 'requests');
    notes.push(`index insights: cold runs ${cold.map((ms) => ms.toFixed(0)).join(', ')} ms (floor ⌈${PACKAGES}/16⌉ × ${LATENCY_MS} ms = ${Math.ceil(PACKAGES / 16) * LATENCY_MS} ms); HTTP requests per cold run ${requestCounts.join(', ')} for ${uniquePairs} unique (index, package) pairs; warm runs ${warm.map((ms) => ms.toFixed(0)).join(', ')} ms, sending ${await server.countRequests()} requests`);
  } finally {
    await server.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }
}
