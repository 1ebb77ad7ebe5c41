/**
 * The index intelligence service: for every requirement of a document, what its indexes say
 * (PackageInsight, see core/insights/types.ts). Shared by the language server and the CLI.
 *
 *   createInsightsContext(input)                   → the IndexPlan of a document, built the same way everywhere
 *   collectInsights(client, plan, file, options)   → InsightMap (one resolveProject per unique
 *                                                   (indexes, normalized name); never throws)
 *   namesSeenOnIndexes(client)                     → project names the client has found (completion, suggestions)
 *
 * Concurrency is the client's (its request limit); requests for the same (index, project) are
 * shared by the client. An aborted signal resolves at once: requirements not answered yet get
 * status 'unavailable' with problem 'cancelled' (requests already sent finish in the background
 * and fill the cache).
 */
import { buildIndexPlan, detectIndexTool, indexesForRequirement, readUvIndexSources, redactCredentials, type ConfiguredIndex, type IndexEnvironment, type IndexPlan, type IndexTool, type RequirementIndexes, type SelectedIndex } from '../core/indexes';
import { emptyInsight, insightFromProject } from '../core/insights/build-insight';
import { suggestPackageNames } from '../core/insights/suggestions';
import type { InsightMap, PackageInsight } from '../core/insights/types';
import { isSelfReference, type FileKind, type ParsedFile, type Requirement } from '../core/model';
import type { MarkerEnvironment } from '../core/pep508';
import type { IndexClient } from './index-client';
import { resolveProject, type ResolvedProject } from './resolve-project';

export interface InsightsContextInput {
  file: ParsedFile;
  /** Files included by `file` (requirements trees), in discovery order: their index options count too. */
  included?: ParsedFile[];
  /** Kinds of the lockfiles beside a pyproject.toml (which tool's index rules apply). */
  siblingKinds?: FileKind[];
  /** The `pipsight.indexes` setting. */
  settings?: ConfiguredIndex[];
  /** The CLI's `--index-url` / `--extra-index-url`: above every project and tool default. */
  commandLine?: { indexUrl?: string | null; extraIndexUrls?: string[] };
  /** `readIndexEnvironment(...).environment` from server/src/env/index-config. */
  environment?: Partial<IndexEnvironment>;
  /** The text of `file` when it is a pyproject.toml: `[tool.uv.sources]` marker arrays are read from it. */
  text?: string;
  /**
   * The environment markers are evaluated for (`pipsight.targetEnvironment`, the interpreter's, or
   * the CLI's host): picks one entry of a uv source marker array. Null: every entry's index is asked.
   */
  targetEnvironment?: MarkerEnvironment | null;
}

export interface InsightsContext {
  plan: IndexPlan;
  tool: IndexTool;
  /** The project's requires-python specifier, or null. */
  requiresPython: string | null;
}

export function createInsightsContext(input: InsightsContextInput): InsightsContext {
  const tool = detectIndexTool(input.file, input.siblingKinds ?? []);
  const declarations = [input.file, ...(input.included ?? [])].flatMap((file) => file.indexes);
  const uvSources = input.text !== undefined && input.file.kind === 'pyproject' ? readUvIndexSources(input.text) : undefined;
  const plan = buildIndexPlan({ tool, declarations, settings: input.settings ?? [], environment: input.environment, commandLine: input.commandLine, uvSources, targetEnvironment: input.targetEnvironment });
  return { plan, tool, requiresPython: input.file.requiresPython?.specifier ?? null };
}

export interface CollectInsightsOptions {
  signal?: AbortSignal;
  /** Called after each unique project is answered (and once with 0 before the first). */
  onProgress?: (done: number, total: number) => void;
  /** The project's requires-python (default: the file's own). */
  requiresPython?: string | null;
  /** Also read core metadata of the newest release (summary, links): for hovers. */
  fetchMetadata?: boolean;
}

const seenNames = new WeakMap<IndexClient, Set<string>>();

/** Normalized names of the projects this client has found on any index. */
export function namesSeenOnIndexes(client: IndexClient): string[] {
  return [...(seenNames.get(client) ?? [])];
}

function remember(client: IndexClient, name: string): void {
  let names = seenNames.get(client);
  if (!names) seenNames.set(client, (names = new Set()));
  names.add(name);
}

interface ProjectQuery {
  name: string;
  indexes: RequirementIndexes;
  requirements: Requirement[];
}

function queryKey(indexes: RequirementIndexes, name: string): string {
  const urls = (list: SelectedIndex[]) => list.map((index) => index.url).join(' ');
  return `${indexes.strategy}|${urls(indexes.indexes)}|${urls(indexes.fallback)}|${name}`;
}

export async function collectInsights(client: IndexClient, plan: IndexPlan, file: ParsedFile, options: CollectInsightsOptions = {}): Promise<InsightMap> {
  const insights: InsightMap = new Map();
  const requiresPython = options.requiresPython !== undefined ? options.requiresPython : (file.requiresPython?.specifier ?? null);
  const queries = new Map<string, ProjectQuery>();
  for (const requirement of file.requirements) {
    if (requirement.url) {
      insights.set(requirement, emptyInsight(requirement, 'skipped', 'direct reference: not installed from an index'));
      continue;
    }
    if (isSelfReference(file, requirement)) {
      insights.set(requirement, emptyInsight(requirement, 'skipped', 'the project itself'));
      continue;
    }
    if (!requirement.normalizedName) continue;
    const indexes = indexesForRequirement(plan, requirement);
    if (indexes.problem) {
      insights.set(requirement, emptyInsight(requirement, 'skipped', indexes.problem));
      continue;
    }
    const key = queryKey(indexes, requirement.normalizedName);
    const query = queries.get(key) ?? { name: requirement.normalizedName, indexes, requirements: [] };
    query.requirements.push(requirement);
    queries.set(key, query);
  }
  const total = queries.size;
  let done = 0;
  options.onProgress?.(0, total);
  const work = [...queries.values()].map(async (query) => {
    const answers = await answerQuery(client, query, requiresPython, options).catch((error: unknown) =>
      query.requirements.map((requirement) => [requirement, emptyInsight(requirement, 'unavailable', `internal error: ${String(error)}`)] as const),
    );
    if (options.signal?.aborted) return;
    for (const [requirement, insight] of answers) insights.set(requirement, insight);
    options.onProgress?.(++done, total);
  });
  await untilDoneOrAborted(Promise.all(work), options.signal);
  for (const query of queries.values()) {
    for (const requirement of query.requirements) if (!insights.has(requirement)) insights.set(requirement, emptyInsight(requirement, 'unavailable', 'cancelled'));
  }
  return insights;
}

/**
 * The calls waiting on each signal, and the one 'abort' listener that wakes them: a signal gets a
 * single listener however many calls share it (the editor runs one call per requirement under a
 * document's job signal; a listener each would pass Node's limit, MaxListenersExceededWarning).
 * The listener is removed when the last waiting call is done.
 */
const abortWaiters = new WeakMap<AbortSignal, { wakers: Set<() => void>; onAbort: () => void }>();

function untilDoneOrAborted(work: Promise<unknown>, signal: AbortSignal | undefined): Promise<unknown> {
  if (!signal) return work;
  if (signal.aborted) return Promise.resolve();
  let waiting = abortWaiters.get(signal);
  if (!waiting) {
    const wakers = new Set<() => void>();
    const onAbort = () => {
      abortWaiters.delete(signal);
      for (const wake of wakers) wake();
    };
    waiting = { wakers, onAbort };
    abortWaiters.set(signal, waiting);
    signal.addEventListener('abort', onAbort, { once: true });
  }
  const { wakers, onAbort } = waiting;
  return new Promise((resolve) => {
    const wake = () => resolve(undefined);
    wakers.add(wake);
    void work.then(() => {
      wakers.delete(wake);
      if (wakers.size === 0 && abortWaiters.get(signal)?.wakers === wakers) {
        abortWaiters.delete(signal);
        signal.removeEventListener('abort', onAbort);
      }
      resolve(undefined);
    });
  });
}

async function answerQuery(client: IndexClient, query: ProjectQuery, requiresPython: string | null, options: CollectInsightsOptions): Promise<(readonly [Requirement, PackageInsight])[]> {
  const resolved = await resolveProject(client, query.indexes, query.name);
  const failedIndexes = resolved.failures.map((failure) => ({ index: failure.index, message: redactCredentials(failure.error.message), kind: failure.error.kind }));
  if (resolved.ok) {
    remember(client, resolved.project.normalizedName);
    const details = options.fetchMetadata ? await readDetails(client, query, resolved) : null;
    return query.requirements.map((requirement) => {
      const insight = insightFromProject(requirement, { project: resolved.project, answeredBy: resolved.answeredBy, versionIndex: resolved.versionIndex, stale: resolved.source.via === 'stale' }, requiresPython);
      return [requirement, { ...insight, ...details, failedIndexes }] as const;
    });
  }
  if (resolved.error.kind === 'not-found') {
    const suggestions = await verifiedSuggestions(client, query);
    return query.requirements.map((requirement) => [requirement, { ...emptyInsight(requirement, 'not-found', resolved.error.message), suggestions, failedIndexes }] as const);
  }
  return query.requirements.map((requirement) => [requirement, { ...emptyInsight(requirement, 'unavailable', redactCredentials(resolved.error.message)), failedIndexes }] as const);
}

/** Near names that the same indexes do have (at most 3 asked). */
async function verifiedSuggestions(client: IndexClient, query: ProjectQuery): Promise<string[]> {
  const candidates = suggestPackageNames(query.name, namesSeenOnIndexes(client));
  const answers = await Promise.all(candidates.map((candidate) => resolveProject(client, query.indexes, candidate)));
  return candidates.filter((_, position) => answers[position].ok);
}

/** Summary and links from the core metadata of the newest release, on the index that served it. */
async function readDetails(client: IndexClient, query: ProjectQuery, resolved: Extract<ResolvedProject, { ok: true }>): Promise<Pick<PackageInsight, 'summary' | 'links'> | null> {
  const releases = resolved.project.releases.filter((release) => !release.yanked && release.files.length > 0);
  const newest = releases.filter((release) => !release.prerelease).at(-1) ?? releases.at(-1);
  if (!newest) return null;
  const answeredBy = resolved.versionIndex.get(newest.version) ?? resolved.answeredBy[0];
  const index = [...query.indexes.indexes, ...query.indexes.fallback].find((candidate) => candidate.url === answeredBy?.url);
  if (!index) return null;
  const metadata = await client.getMetadata(index, query.name, newest.version);
  if (!metadata.ok) return null;
  return { summary: metadata.metadata.summary, links: metadata.metadata.projectUrls };
}
