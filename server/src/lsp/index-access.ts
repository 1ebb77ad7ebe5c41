/**
 * The server's one IndexClient and the inputs of index selection: settings, VS Code's proxy
 * options, the cache folder, the environment (PIP_* / UV_* variables, pip.conf, uv.toml, netrc)
 * and the workspace trust state. The client is rebuilt only when a setting that shapes the network
 * or the cache changes; going offline or online just flips it.
 */
import { dirname } from 'node:path';
import type { ParsedFile } from '../core/model';
import type { IndexEnvironment, IndexPlan, NetrcEntry } from '../core/indexes';
import type { MarkerEnvironment } from '../core/pep508';
import { readIndexEnvironment } from '../env/index-config';
import { cacheDirectoryProblem, defaultCacheDirectory, IndexClient } from '../registry';
import { createInsightsContext } from '../registry/insights';
import type { InitializationOptions, PipsightSettings } from '../protocol';
import type { ServerLog } from './log';

interface EnvironmentReading {
  environment: IndexEnvironment;
  netrc: NetrcEntry[];
}

export class IndexAccess {
  private client: IndexClient | null = null;
  private clientKey = '';
  private readonly environments = new Map<string, EnvironmentReading>();

  /** Set from the `initialize` request's initializationOptions. */
  options: InitializationOptions = {};

  constructor(private readonly log: ServerLog) {}

  /** false in an untrusted VS Code workspace (see InitializationOptions.workspaceTrusted). */
  get workspaceTrusted(): boolean {
    return this.options.workspaceTrusted !== false;
  }

  /** The client for these settings (created or rebuilt when network/cache settings changed). */
  clientFor(settings: PipsightSettings): IndexClient {
    const cacheDirectory = this.options.cacheDirectory === undefined ? defaultCacheDirectory() : this.options.cacheDirectory;
    const key = JSON.stringify([settings.cache, settings.http, settings.network, this.options.http ?? null, cacheDirectory]);
    if (this.client && key === this.clientKey) {
      this.client.setOffline(settings.offline);
      return this.client;
    }
    void this.client?.close();
    this.clientKey = key;
    // A folder that cannot be created (e.g. under /proc) is not handed to the cache: memory only.
    const cacheProblem = cacheDirectory ? cacheDirectoryProblem(cacheDirectory) : null;
    if (cacheProblem) this.log.warn(`Index cache: ${cacheProblem}; index data is not cached on disk`);
    this.client = new IndexClient({
      cacheDirectory: cacheProblem ? undefined : cacheDirectory,
      offline: settings.offline,
      ttlMs: settings.cache.ttlMinutes * 60_000,
      maxCacheBytes: settings.cache.maxSizeMB * 1024 * 1024,
      concurrency: settings.network.concurrency,
      netrc: this.userEnvironment().netrc,
      network: { proxy: this.options.http?.proxy ?? null, proxyStrictSSL: this.options.http?.proxyStrictSSL, caFile: settings.http.caFile },
      log: (message) => this.log.debug(`[index] ${message}`),
    });
    for (const problem of this.client.problems) this.log.warn(problem);
    return this.client;
  }

  /**
   * Which indexes answer the requirements of `file`: the tool's rules (see core/indexes) over the
   * file's declarations (and its includes'), `pipsight.indexes` and the environment. In an
   * untrusted workspace, declarations in the workspace's files and a project uv.toml are left out,
   * so no index the workspace names is contacted (PyPI and the user's own configuration still are).
   * `text` (of a pyproject.toml) and `targetEnvironment` pick one index of a uv source marker array.
   */
  planFor(file: ParsedFile, included: readonly ParsedFile[], siblingKinds: ParsedFile['kind'][], settings: PipsightSettings, source: { text?: string; targetEnvironment?: MarkerEnvironment | null } = {}): IndexPlan {
    const trusted = this.workspaceTrusted;
    const reading = trusted ? this.projectEnvironment(dirname(file.path)) : this.userEnvironment();
    return createInsightsContext({
      file: trusted ? file : { ...file, indexes: [] },
      included: trusted ? [...included] : [],
      siblingKinds,
      settings: settings.indexes,
      environment: reading.environment,
      text: trusted ? source.text : undefined,
      targetEnvironment: source.targetEnvironment,
    }).plan;
  }

  /** Drops the environment readings (settings or config files changed). */
  forgetEnvironment(): void {
    this.environments.clear();
  }

  async close(): Promise<void> {
    await this.client?.close();
    this.client = null;
  }

  private userEnvironment(): EnvironmentReading {
    return this.read('');
  }

  private projectEnvironment(directory: string): EnvironmentReading {
    return this.read(directory);
  }

  private read(projectDirectory: string): EnvironmentReading {
    let reading = this.environments.get(projectDirectory);
    if (!reading) {
      const result = readIndexEnvironment(projectDirectory ? { projectDirectory } : {});
      for (const problem of result.problems) this.log.warn(problem);
      reading = { environment: result.environment, netrc: result.netrc };
      this.environments.set(projectDirectory, reading);
    }
    return reading;
  }
}
