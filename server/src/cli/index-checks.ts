/**
 * The package-index part of `pipsight check` and `pipsight outdated`: one IndexClient for the run
 * (disk cache in --cache-dir or the XDG cache folder), the document's IndexPlan built exactly as
 * the editor builds it (createInsightsContext + readIndexEnvironment), and the insight findings.
 * `--index-url` / `--extra-index-url` take top priority: they beat the project's and the tools'
 * defaults (requirements options, pyproject index tables, PIP_* / UV_* variables, pip.conf, uv.toml),
 * like `uv --default-index`; a value that is not an http(s) URL is a usage error. Index
 * configuration problems are warned about on stderr (once each). Progress goes to stderr on a
 * terminal only; URLs and messages shown have their credentials masked.
 * Bounded: an index that cannot be reached (refused, DNS failure, no answer before the timeout) is
 * not asked again in the run (a DNS failure or a refused connection gives it up at the first
 * failure) and is reported once per run with the files it left incomplete, and all index work stops after `--index-timeout` seconds (default
 * 120): requests under way are ended, the indexes still awaited are named on stderr, and the
 * findings that need no index are printed as usual.
 */
import { dirname, resolve } from 'node:path';
import type { DocumentAnalysis } from '../core/analyze';
import { normalizeIndexUrl, redactCredentials } from '../core/indexes';
import { insightFindings } from '../core/insights/findings';
import { siblingLockedVersions } from '../core/insights/locked-versions';
import type { InsightMap } from '../core/insights/types';
import type { FileSource } from '../core/file-source';
import type { Finding } from '../core/model';
import type { MarkerEnvironment } from '../core/pep508';
import { readIndexEnvironment, type IndexEnvironmentReading } from '../env/index-config';
import { interpreterMarkerEnvironment } from '../env/marker-environment';
import { IndexClient, cacheDirectoryProblem, defaultCacheDirectory } from '../registry';
import { collectInsights, createInsightsContext } from '../registry/insights';
import { UsageError, type CliIo } from './io';

export const INDEX_OPTIONS = {
  'index-url': { type: 'string' },
  'extra-index-url': { type: 'string', multiple: true },
  offline: { type: 'boolean' },
  'cache-dir': { type: 'string' },
  'index-timeout': { type: 'string' },
} as const;

/** Default of --index-timeout: the longest a run spends on package indexes. */
export const DEFAULT_INDEX_TIMEOUT_SECONDS = 120;

export const INDEX_HELP = `      --index-url URL     package index to use instead of the default index, above the
                          project's and the tools' settings (like uv --default-index)
      --extra-index-url URL
                          another index to ask as well, before the configured ones (repeatable)
      --offline           use only cached index data, send no request
      --cache-dir DIR     index cache folder (default: $XDG_CACHE_HOME/pipsight or ~/.cache/pipsight)
      --index-timeout SECONDS
                          stop all index work after this long (default: 120); findings that
                          need no index are still printed
`;

export interface IndexFlags {
  'index-url'?: string;
  'extra-index-url'?: string[];
  offline?: boolean;
  'cache-dir'?: string;
  'index-timeout'?: string;
}

/** Why an index could not answer, in a few words: `unreachable: connection refused`, `timed out`, `offline: nothing cached`. */
export function indexFailureReason(failure: { message: string; kind?: string }): string {
  const code = /\b(E[A-Z_]{3,}|UND_ERR_[A-Z_]+)\b/.exec(failure.message)?.[1];
  const status = /\breturned (\d{3})\b/.exec(failure.message)?.[1];
  const detail = code ? (ERROR_CODE_TEXT[code] ?? code) : status ? `HTTP ${status}` : failure.message;
  switch (failure.kind) {
    case 'offline':
      return 'offline: nothing cached';
    case 'timeout':
      return code && ERROR_CODE_TEXT[code] ? `timed out: ${ERROR_CODE_TEXT[code]}` : 'timed out';
    case 'auth':
      return `credentials refused${status ? ` (HTTP ${status})` : ''}`;
    case undefined:
      return detail;
    default:
      return `${failure.kind}: ${detail}`;
  }
}

const ERROR_CODE_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'host name lookup failed (DNS)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host down',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'no connection before the timeout',
  UND_ERR_HEADERS_TIMEOUT: 'no answer before the timeout',
  UND_ERR_BODY_TIMEOUT: 'answer stopped before the timeout',
};

/** An index that failed during the run: reported once, with every file it left incomplete. */
export interface UnavailableIndex {
  /** URL without credentials. */
  index: string;
  name: string | null;
  reason: string;
  /** Displayed paths of the files whose index checks it left incomplete, in the order checked. */
  files: string[];
}

export interface DocumentInsights {
  insights: InsightMap;
  /** Locked versions from the lockfile beside the manifest, when there is one. */
  lockedVersions: Map<string, string> | null;
}

export class CliIndexService {
  private readonly client: IndexClient;
  private readonly commandLine: { indexUrl: string | null; extraIndexUrls: string[] };
  /** Index configuration problems already warned about. */
  private readonly warned = new Set<string>();
  private readonly environments = new Map<string, IndexEnvironmentReading>();
  private readonly env: Record<string, string | undefined>;
  /** Requirements left without data because --offline found nothing cached. */
  offlineMisses = 0;
  /** Ends the index work at the run's deadline. */
  private readonly deadline = new AbortController();
  private readonly deadlineTimer: ReturnType<typeof setTimeout>;
  private readonly timeoutSeconds: number;
  /** The indexes still awaited when the deadline passed. */
  private awaitedAtDeadline: string[] = [];
  /** Requirements not checked because the deadline passed. */
  private unchecked = 0;
  /** Indexes that failed in this run (not --offline misses), by URL, in the order first met. */
  private readonly failedIndexes = new Map<string, UnavailableIndex>();

  constructor(
    flags: IndexFlags,
    private readonly io: CliIo,
    cwd: string,
  ) {
    this.env = io.env ?? process.env;
    for (const [flag, urls] of [['--index-url', flags['index-url'] === undefined ? [] : [flags['index-url']]], ['--extra-index-url', flags['extra-index-url'] ?? []]] as const) {
      for (const url of urls) if (!normalizeIndexUrl(url)) throw new UsageError(`${flag} must be an http:// or https:// URL, not "${redactCredentials(url)}"`);
    }
    this.timeoutSeconds = flags['index-timeout'] === undefined ? DEFAULT_INDEX_TIMEOUT_SECONDS : Number(flags['index-timeout']);
    if (!Number.isFinite(this.timeoutSeconds) || this.timeoutSeconds <= 0) throw new UsageError(`--index-timeout must be a positive number of seconds, not "${flags['index-timeout']}"`);
    this.commandLine = { indexUrl: flags['index-url'] ?? null, extraIndexUrls: flags['extra-index-url'] ?? [] };
    const first = this.environmentFor(cwd);
    this.client = new IndexClient({
      cacheDirectory: usableCacheDirectory(flags['cache-dir'] ? resolve(cwd, flags['cache-dir']) : null, defaultCacheDirectory(this.env), io),
      offline: flags.offline ?? false,
      netrc: first.netrc,
      network: { environment: this.env },
      // An index that cannot be reached stays down for the whole run (a run is short).
      unreachableForMs: Number.POSITIVE_INFINITY,
    });
    for (const problem of [...this.client.problems, ...first.problems]) io.stderr.write(`pipsight: ${redactCredentials(problem)}\n`);
    this.deadlineTimer = setTimeout(() => {
      this.awaitedAtDeadline = this.client.pendingOrigins();
      this.deadline.abort();
      this.client.stopRequests();
    }, this.timeoutSeconds * 1000);
    this.deadlineTimer.unref?.();
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

  /**
   * `text`: the file's text (a pyproject's uv source marker arrays are read from it);
   * `targetEnvironment`: what such markers are evaluated for — the installed interpreter's markers
   * when known, else this host's platform (Python version markers then decide nothing).
   */
  async insightsFor(analysis: DocumentAnalysis, files: FileSource, label: string, source: { text?: string; targetEnvironment?: MarkerEnvironment | null } = {}): Promise<DocumentInsights> {
    const locked = siblingLockedVersions(analysis.file, files);
    const { plan, requiresPython } = createInsightsContext({
      file: analysis.file,
      included: analysis.included,
      siblingKinds: locked ? [locked.kind] : [],
      commandLine: this.commandLine,
      environment: this.environmentFor(dirname(analysis.file.path)).environment,
      text: source.text,
      targetEnvironment: source.targetEnvironment ?? interpreterMarkerEnvironment(null, null),
    });
    for (const problem of plan.problems) {
      if (this.warned.has(problem)) continue;
      this.warned.add(problem);
      this.io.stderr.write(`pipsight: warning: index configuration: ${redactCredentials(problem)}\n`);
    }
    const progress = this.io.stderrIsTTY ? (done: number, total: number) => this.io.stderr.write(`\r\x1b[2K${label}: package indexes ${done}/${total}`) : undefined;
    const insights = await collectInsights(this.client, plan, analysis.file, { requiresPython, onProgress: progress, signal: this.deadline.signal });
    if (progress) this.io.stderr.write('\r\x1b[2K');
    if (this.deadline.signal.aborted) for (const insight of insights.values()) if (insight.status === 'unavailable' && insight.problem === 'cancelled') this.unchecked++;
    for (const insight of insights.values()) if (insight.status === 'unavailable' && insight.problem !== 'cancelled' && insight.failedIndexes.every((failure) => failure.kind === 'offline')) this.offlineMisses++;
    return { insights, lockedVersions: locked?.versions ?? null };
  }

  /**
   * The document's findings. An index that failed is reported once per run (`index-unreachable`
   * at the first file it failed for); the files it left incomplete are in unavailableIndexes().
   */
  async findingsFor(analysis: DocumentAnalysis, text: string, files: FileSource, label: string, targetEnvironment?: MarkerEnvironment | null): Promise<Finding[]> {
    const { insights, lockedVersions } = await this.insightsFor(analysis, files, label, { text, targetEnvironment });
    const alreadyReported = new Set(this.failedIndexes.keys());
    this.recordFailures(insights, label);
    const firstReports: InsightMap = new Map();
    for (const [requirement, insight] of insights) {
      const fresh = insight.failedIndexes.filter((failure) => !alreadyReported.has(failure.index.url));
      firstReports.set(requirement, fresh.length === insight.failedIndexes.length ? insight : { ...insight, failedIndexes: fresh });
    }
    return insightFindings(analysis.file, text, firstReports, { outdated: 'hint', lockedVersions: lockedVersions ?? undefined });
  }

  /** Notes which indexes failed for the file `label` (--offline misses are not failures of the index). */
  recordFailures(insights: InsightMap, label: string): void {
    for (const insight of insights.values()) {
      for (const failure of insight.failedIndexes) {
        if (failure.kind === 'offline') continue;
        let entry = this.failedIndexes.get(failure.index.url);
        if (!entry) {
          entry = { index: failure.index.url, name: failure.index.name, reason: indexFailureReason(failure), files: [] };
          this.failedIndexes.set(failure.index.url, entry);
        }
        if (!entry.files.includes(label)) entry.files.push(label);
      }
    }
  }

  /** Every index that failed in the run, with the files it left incomplete. */
  unavailableIndexes(): UnavailableIndex[] {
    return [...this.failedIndexes.values()];
  }

  /** Notes for stderr at the end of the run. */
  finish(): void {
    for (const failed of this.failedIndexes.values()) {
      if (failed.files.length > 1) this.io.stderr.write(`pipsight: ${failed.index} is unavailable (${failed.reason}); index checks incomplete in ${failed.files.length} files\n`);
    }
    if (this.deadline.signal.aborted) {
      const awaited = this.awaitedAtDeadline.length > 0 ? `; no answer from ${this.awaitedAtDeadline.join(', ')}` : '';
      this.io.stderr.write(`pipsight: index checks stopped after ${this.timeoutSeconds} s (--index-timeout)${awaited}; ${this.unchecked} requirement(s) not checked against the indexes\n`);
    }
    if (this.offlineMisses > 0) this.io.stderr.write(`pipsight: offline: ${this.offlineMisses} requirement(s) have no cached index data; run without --offline to fetch it\n`);
  }

  async close(): Promise<void> {
    clearTimeout(this.deadlineTimer);
    await this.client.close();
  }
}

/**
 * The cache folder to use: `--cache-dir` must be usable (else a usage error: a folder that cannot
 * be created, e.g. under /proc, is never handed to the cache); an unusable default folder is
 * warned about and the run caches in memory only.
 */
function usableCacheDirectory(given: string | null, fallback: string, io: CliIo): string | undefined {
  const problem = cacheDirectoryProblem(given ?? fallback);
  if (problem === null) return given ?? fallback;
  if (given !== null) throw new UsageError(`--cache-dir: ${problem}`);
  io.stderr.write(`pipsight: warning: index cache: ${problem}; index data is not cached on disk\n`);
  return undefined;
}
