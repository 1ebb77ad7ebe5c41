/**
 * The package-index part of `pipsight check` and `pipsight outdated`: one IndexClient for the run
 * (disk cache in --cache-dir or the XDG cache folder), the document's IndexPlan built exactly as
 * the editor builds it (createInsightsContext + readIndexEnvironment), and the insight findings.
 * `--index-url` / `--extra-index-url` act like the `pipsight.indexes` setting. Progress goes to
 * stderr on a terminal only; URLs shown are redacted.
 */
import { dirname, resolve } from 'node:path';
import type { DocumentAnalysis } from '../core/analyze';
import type { ConfiguredIndex } from '../core/indexes';
import { insightFindings } from '../core/insights/findings';
import { siblingLockedVersions } from '../core/insights/locked-versions';
import type { InsightMap } from '../core/insights/types';
import type { FileSource } from '../core/file-source';
import type { Finding } from '../core/model';
import { readIndexEnvironment, type IndexEnvironmentReading } from '../env/index-config';
import { IndexClient, defaultCacheDirectory } from '../registry';
import { collectInsights, createInsightsContext } from '../registry/insights';
import type { CliIo } from './io';

export const INDEX_OPTIONS = {
  'index-url': { type: 'string' },
  'extra-index-url': { type: 'string', multiple: true },
  offline: { type: 'boolean' },
  'cache-dir': { type: 'string' },
} as const;

export const INDEX_HELP = `      --index-url URL     package index to use instead of the configured default (like pip)
      --extra-index-url URL
                          another index to ask as well (repeatable)
      --offline           use only cached index data, send no request
      --cache-dir DIR     index cache folder (default: $XDG_CACHE_HOME/pipsight or ~/.cache/pipsight)
`;

export interface IndexFlags {
  'index-url'?: string;
  'extra-index-url'?: string[];
  offline?: boolean;
  'cache-dir'?: string;
}

export interface DocumentInsights {
  insights: InsightMap;
  /** Locked versions from the lockfile beside the manifest, when there is one. */
  lockedVersions: Map<string, string> | null;
}

export class CliIndexService {
  private readonly client: IndexClient;
  private readonly settings: ConfiguredIndex[];
  private readonly environments = new Map<string, IndexEnvironmentReading>();
  private readonly env: Record<string, string | undefined>;
  /** Requirements left without data because --offline found nothing cached. */
  offlineMisses = 0;

  constructor(
    flags: IndexFlags,
    private readonly io: CliIo,
    cwd: string,
  ) {
    this.env = io.env ?? process.env;
    this.settings = [
      ...(flags['index-url'] ? [{ url: flags['index-url'], default: true }] : []),
      ...(flags['extra-index-url'] ?? []).map((url) => ({ url })),
    ];
    const first = this.environmentFor(cwd);
    this.client = new IndexClient({
      cacheDirectory: flags['cache-dir'] ? resolve(cwd, flags['cache-dir']) : defaultCacheDirectory(this.env),
      offline: flags.offline ?? false,
      netrc: first.netrc,
      network: { environment: this.env },
    });
    for (const problem of [...this.client.problems, ...first.problems]) io.stderr.write(`pipsight: ${problem}\n`);
  }

  /** pip.conf, uv.toml, netrc and the environment variables, read once per project folder. */
  private environmentFor(directory: string): IndexEnvironmentReading {
    let reading = this.environments.get(directory);
    if (!reading) {
      reading = readIndexEnvironment({ environment: this.env, home: this.env.HOME || undefined, projectDirectory: directory });
      this.environments.set(directory, reading);
    }
    return reading;
  }

  async insightsFor(analysis: DocumentAnalysis, files: FileSource, label: string): Promise<DocumentInsights> {
    const locked = siblingLockedVersions(analysis.file, files);
    const { plan, requiresPython } = createInsightsContext({
      file: analysis.file,
      included: analysis.included,
      siblingKinds: locked ? [locked.kind] : [],
      settings: this.settings,
      environment: this.environmentFor(dirname(analysis.file.path)).environment,
    });
    const progress = this.io.stderrIsTTY ? (done: number, total: number) => this.io.stderr.write(`\r\x1b[2K${label}: package indexes ${done}/${total}`) : undefined;
    const insights = await collectInsights(this.client, plan, analysis.file, { requiresPython, onProgress: progress });
    if (progress) this.io.stderr.write('\r\x1b[2K');
    for (const insight of insights.values()) if (insight.status === 'unavailable' && insight.failedIndexes.every((failure) => failure.kind === 'offline')) this.offlineMisses++;
    return { insights, lockedVersions: locked?.versions ?? null };
  }

  async findingsFor(analysis: DocumentAnalysis, text: string, files: FileSource, label: string): Promise<Finding[]> {
    const { insights, lockedVersions } = await this.insightsFor(analysis, files, label);
    return insightFindings(analysis.file, text, insights, { outdated: 'hint', lockedVersions: lockedVersions ?? undefined });
  }

  /** Notes for stderr at the end of the run. */
  finish(): void {
    if (this.offlineMisses > 0) this.io.stderr.write(`pipsight: offline: ${this.offlineMisses} requirement(s) have no cached index data; run without --offline to fetch it\n`);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
