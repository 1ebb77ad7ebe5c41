/** Shared set-up for registry tests: a local index server, a client with short limits, a manual clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IndexClient, type IndexClientOptions } from '../../../server/src/registry';
import { startIndexServer, type IndexServer, type IndexServerOptions } from '../../index-server/server';

export class ManualClock {
  constructor(public time = Date.UTC(2025, 0, 1)) {}
  now = () => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface Harness {
  server: IndexServer;
  clients: IndexClient[];
  directories: string[];
  sleeps: number[];
  client(options?: IndexClientOptions): IndexClient;
  temporaryDirectory(): string;
  close(): Promise<void>;
}

export async function createHarness(serverOptions: IndexServerOptions = {}): Promise<Harness> {
  const server = await startIndexServer(serverOptions);
  const harness: Harness = {
    server,
    clients: [],
    directories: [],
    sleeps: [],
    client(options = {}) {
      const client = new IndexClient({
        headersTimeoutMs: 1_000,
        bodyTimeoutMs: 1_000,
        requestTimeoutMs: 3_000,
        retryBaseDelayMs: 1,
        // Records the waits instead of sleeping: retry tests assert delays without waiting for them.
        sleep: async (ms) => void harness.sleeps.push(ms),
        network: { environment: {} },
        ...options,
      });
      harness.clients.push(client);
      return client;
    },
    temporaryDirectory() {
      const directory = mkdtempSync(join(tmpdir(), 'pipsight-registry-'));
      harness.directories.push(directory);
      return directory;
    },
    async close() {
      await Promise.all(harness.clients.map((client) => client.close()));
      await server.close();
      for (const directory of harness.directories) rmSync(directory, { recursive: true, force: true });
    },
  };
  return harness;
}

/**
 * pyproject.toml of a uv project `ml` that depends on `torch>=2.4`: `extras` are optional
 * dependencies that require it too, `indexes` (name → URL) explicit `[[tool.uv.index]]` entries,
 * `sources` the lines of `[tool.uv.sources]`.
 */
export function uvTorchProject(options: { extras?: string[]; indexes: Record<string, string>; sources: string[] }): string {
  const extras = options.extras ?? [];
  return [
    '[project]',
    'name = "ml"',
    'version = "0.1.0"',
    'requires-python = ">=3.10"',
    'dependencies = ["torch>=2.4"]',
    '',
    ...(extras.length > 0 ? ['[project.optional-dependencies]', ...extras.map((extra) => `${extra} = ["torch>=2.4"]`), ''] : []),
    ...Object.entries(options.indexes).flatMap(([name, url]) => ['[[tool.uv.index]]', `name = "${name}"`, `url = "${url}"`, 'explicit = true', '']),
    '[tool.uv.sources]',
    ...options.sources,
    '',
  ].join('\n');
}
