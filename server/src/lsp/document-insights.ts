/**
 * Index intelligence per open document, loaded in the background so typing never waits for the
 * network: offline diagnostics are published first; then, debounced, the requirements whose
 * insight is not known yet are sent to collectInsights (with `window/workDoneProgress`), and when
 * the answers arrive `onUpdated` re-publishes / refreshes diagnostics, inlay hints and code lenses.
 *
 * Insights are stored per document under a key of what they depend on (name, specifier, index pin, marker)
 * inside a per-document context (declared indexes, requires-python, settings): editing one line
 * reuses every other requirement's insight, and a job still running for the needed keys is not
 * restarted. A job is aborted when the document closes, when the settings change, or when an edit
 * needs requirements the running job does not cover.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { indexesForRequirement } from '../core/indexes';
import type { ParsedFile, Requirement } from '../core/model';
import type { MarkerEnvironment } from '../core/pep508';
import { redactUrl } from '../registry';
import type { InsightMap, PackageInsight } from '../core/insights/types';
import type { PipsightSettings } from '../protocol';
import type { CachedAnalysis } from './document-analyses';
import type { IndexAccess } from './index-access';
import { collectDocumentInsights } from './insight-sources';
import type { LockedVersionReader, LockedVersions } from './locked-versions';
import type { ServerLog } from './log';

export interface InsightHost {
  connection: Connection;
  log: ServerLog;
  settings(): PipsightSettings;
  /** Resolves when the settings have been read. */
  ready(): Promise<void>;
  document(uri: string): TextDocument | undefined;
  analysis(document: TextDocument): CachedAnalysis;
  /** Data for `uri` arrived: refresh what shows it. */
  onUpdated(uri: string): void;
  /** The environment markers are evaluated for at `path` (picks one index of a uv source marker array); null when unknown. */
  targetEnvironment?(path: string): MarkerEnvironment | null;
  /** Resolves once the document's edits already received have been applied (only its latest version is analysed). */
  settled?(uri: string): Promise<unknown>;
}

interface RunningJob {
  controller: AbortController;
  keys: Set<string>;
  done: Promise<void>;
}

interface DocumentState {
  contextKey: string;
  byKey: Map<string, PackageInsight>;
  /** Keys whose insight includes core metadata (summary, links): fetched for hovers only. */
  detailed: Set<string>;
  timer?: NodeJS.Timeout;
  job?: RunningJob;
  /** Bumped whenever new insights are stored (part of the pull-diagnostics result id). */
  generation: number;
}

/** Debounce before index work starts after an edit (on top of the diagnostics debounce). */
const MIN_DELAY_MS = 250;
/** Answers arriving together are shown with one refresh. */
const REFRESH_INTERVAL_MS = 100;

export class DocumentInsights {
  private readonly states = new Map<string, DocumentState>();
  /** Latest insight per normalized name from any document (completion). */
  private readonly byName = new Map<string, PackageInsight>();
  /** Provides-Extra per (index, name, version). */
  private readonly extras = new Map<string, string[]>();
  /** Index configuration problems already logged (as warnings, once each). */
  private readonly reportedProblems = new Set<string>();

  constructor(
    private readonly host: InsightHost,
    private readonly access: IndexAccess,
    private readonly locks: LockedVersionReader,
  ) {}

  /** Starts (debounced) the index work the document's current text needs. `immediate` on open. */
  schedule(uri: string, immediate = false): void {
    const state = this.stateOf(uri);
    if (state.timer) clearTimeout(state.timer);
    const delay = immediate ? 0 : Math.max(MIN_DELAY_MS, this.host.settings().diagnostics.debounceMs);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.start(uri).catch((error: unknown) => this.host.log.error(`Index work for ${uri} failed`, error));
    }, delay);
  }

  /** The document closed: stop its work and forget its insights. */
  forget(uri: string): void {
    const state = this.states.get(uri);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    state.job?.controller.abort();
    this.states.delete(uri);
  }

  /** Settings or the cache changed: forget everything and load the open documents again. */
  reset(openUris: readonly string[]): void {
    for (const uri of [...this.states.keys()]) this.forget(uri);
    this.byName.clear();
    this.extras.clear();
    this.reportedProblems.clear();
    for (const uri of openUris) this.schedule(uri, true);
  }

  dispose(): void {
    for (const uri of [...this.states.keys()]) this.forget(uri);
  }

  generation(uri: string): number {
    return this.states.get(uri)?.generation ?? 0;
  }

  /** The insights known for the requirements of this analysis (possibly only some of them). */
  insightsFor(cached: CachedAnalysis): InsightMap {
    const map: InsightMap = new Map();
    const state = this.states.get(cached.uri);
    const file = cached.analysis?.file;
    if (!state || !file || state.contextKey !== this.contextKey(cached)) return map;
    for (const requirement of file.requirements) {
      const insight = state.byKey.get(requirementKey(requirement));
      if (insight) map.set(requirement, insight);
    }
    return map;
  }

  /** The lockfile beside the document's file and its versions (hover, pin-to-locked fixes). */
  lock(cached: CachedAnalysis): LockedVersions | null {
    return cached.analysis ? this.locks.lockedFor(cached.analysis.file) : null;
  }

  lockedVersions(cached: CachedAnalysis): Map<string, string> | undefined {
    return this.lock(cached)?.versions;
  }

  /** Normalized names seen on the indexes (completion). */
  knownNames(): string[] {
    return [...this.byName.values()].filter((insight) => insight.status === 'found').map((insight) => insight.normalizedName);
  }

  knownInsight(normalizedName: string): PackageInsight | undefined {
    return this.byName.get(normalizedName);
  }

  /**
   * The insight of one requirement with core metadata (summary, links), for a hover: waits for a
   * running job first, then fetches what is missing. Null when the document has moved on.
   */
  async detailed(cached: CachedAnalysis, requirement: Requirement, signal: AbortSignal): Promise<PackageInsight | null> {
    if (!eligible(requirement, this.access.workspaceTrusted) || !cached.analysis) return null;
    const state = this.stateOf(cached.uri);
    const key = requirementKey(requirement);
    if (state.job?.keys.has(key)) await state.job.done;
    if (signal.aborted) return null;
    // Before the first background load the document's context is not set yet: answer without storing.
    const sameContext = () => state.contextKey === this.contextKey(cached);
    if (sameContext() && state.detailed.has(key) && state.byKey.has(key)) return state.byKey.get(key)!;
    const insight = (await this.collect(cached, [requirement], signal, true)).get(requirement);
    if (!insight || signal.aborted) return sameContext() ? (state.byKey.get(key) ?? null) : null;
    if (sameContext() && this.states.get(cached.uri) === state) {
      this.store(state, key, insight);
      state.detailed.add(key);
    }
    return insight;
  }

  /** An insight for a name typed in a completion (not yet a parsed requirement of any document). */
  async lookUp(cached: CachedAnalysis, requirement: Requirement, signal: AbortSignal): Promise<PackageInsight | null> {
    const known = this.byName.get(requirement.normalizedName);
    if (known) return known;
    if (!cached.analysis || !eligible(requirement, this.access.workspaceTrusted)) return null;
    const insight = (await this.collect(cached, [requirement], signal, false)).get(requirement) ?? null;
    // A failure is not kept: the client remembers an unreachable index for a while and asks again later.
    if (insight && insight.status !== 'unavailable') this.byName.set(insight.normalizedName, insight);
    return insight;
  }

  /**
   * The extras the latest release declares (Provides-Extra of its core metadata, fetched now; only
   * completion inside `[` asks). Empty when unknown.
   */
  async extrasOf(cached: CachedAnalysis, requirement: Requirement, signal: AbortSignal): Promise<string[]> {
    const insight = await this.lookUp(cached, requirement, signal);
    const release = insight?.latestStable ?? insight?.latestPrerelease;
    if (!insight || !release || signal.aborted || !cached.analysis) return [];
    const cacheKey = `${insight.answeredBy?.url ?? ''}|${insight.normalizedName}|${release.version}`;
    const known = this.extras.get(cacheKey);
    if (known) return known;
    const settings = this.host.settings();
    const plan = this.planFor(cached, settings);
    const candidates = indexesForRequirement(plan, requirement);
    const all = [...candidates.indexes, ...candidates.fallback];
    const index = all.find((candidate) => redactUrl(candidate.url) === insight.answeredBy?.url) ?? all[0];
    if (!index) return [];
    const metadata = await this.access.clientFor(settings).getMetadata(index, insight.normalizedName, release.version);
    const extras = metadata.ok ? metadata.metadata.providesExtra : [];
    if (metadata.ok) this.extras.set(cacheKey, extras);
    return extras;
  }

  /** Index answers for `requirements` of the analysed document, through the shared IndexClient. */
  async collect(cached: CachedAnalysis, requirements: Requirement[], signal: AbortSignal, fetchMetadata: boolean): Promise<InsightMap> {
    // The settings name the indexes: nothing is asked before they are known.
    await this.host.ready();
    const analysis = cached.analysis!;
    const settings = this.host.settings();
    const plan = this.planFor(cached, settings);
    // A setting that is not an index URL is left out (the other indexes answer): say so, once.
    for (const problem of plan.problems) {
      if (this.reportedProblems.has(problem)) continue;
      this.reportedProblems.add(problem);
      this.host.log.warn(`Index configuration: ${problem}`);
    }
    const file: ParsedFile = { ...analysis.file, requirements };
    return collectDocumentInsights(this.access.clientFor(settings), plan, file, { signal, fetchMetadata });
  }

  private planFor(cached: CachedAnalysis, settings: PipsightSettings) {
    const analysis = cached.analysis!;
    const source = hasSourceAlternatives(analysis.file) ? { text: cached.text, targetEnvironment: this.host.targetEnvironment?.(cached.path) ?? null } : {};
    return this.access.planFor(analysis.file, analysis.included, this.locks.siblingKinds(analysis.file), settings, source);
  }

  private async start(uri: string): Promise<void> {
    await this.host.ready();
    await this.host.settled?.(uri);
    const document = this.host.document(uri);
    const state = this.states.get(uri);
    if (!document || !state || !this.host.settings().enable) return;
    const cached = this.host.analysis(document);
    if (!cached.analysis) return;
    const contextKey = this.contextKey(cached);
    if (contextKey !== state.contextKey) {
      state.job?.controller.abort();
      state.job = undefined;
      state.byKey.clear();
      state.detailed.clear();
      state.contextKey = contextKey;
    }
    const wanted = new Map<string, Requirement>();
    for (const requirement of cached.analysis.file.requirements) {
      if (eligible(requirement, this.access.workspaceTrusted)) wanted.set(requirementKey(requirement), requirement);
    }
    // Forget requirements that are gone; ask again for the ones that could not be answered.
    for (const key of [...state.byKey.keys()]) if (!wanted.has(key)) state.byKey.delete(key);
    const missing = [...wanted].filter(([key]) => state.byKey.get(key)?.status !== 'found' && state.byKey.get(key)?.status !== 'not-found');
    if (missing.length === 0) return;
    if (state.job) {
      if (missing.every(([key]) => state.job!.keys.has(key))) return;
      state.job.controller.abort();
    }
    const controller = new AbortController();
    const job: RunningJob = { controller, keys: new Set(missing.map(([key]) => key)), done: Promise.resolve() };
    job.done = this.runJob(uri, cached, state, job, missing.map(([, requirement]) => requirement)).finally(() => {
      if (state.job === job) state.job = undefined;
    });
    state.job = job;
    await job.done;
  }

  /**
   * One collectInsights call per requirement, all in parallel (the client limits concurrency and
   * shares requests): a slow or hanging index delays only its own packages, and answers are shown
   * as they arrive (refreshes throttled to one per REFRESH_INTERVAL_MS).
   */
  private async runJob(uri: string, cached: CachedAnalysis, state: DocumentState, job: RunningJob, requirements: Requirement[]): Promise<void> {
    const signal = job.controller.signal;
    const progress = await this.host.connection.window.createWorkDoneProgress().catch(() => null);
    const noun = requirements.length === 1 ? 'package' : 'packages';
    progress?.begin('Pipsight', 0, `checking ${requirements.length} ${noun}…`, false);
    const started = performance.now();
    let done = 0;
    let refreshTimer: NodeJS.Timeout | undefined;
    const current = () => !signal.aborted && this.states.get(uri) === state;
    const refresh = () => {
      refreshTimer = undefined;
      if (current()) this.host.onUpdated(uri);
    };
    try {
      await Promise.all(
        requirements.map(async (requirement) => {
          const insight = (await this.collect(cached, [requirement], signal, false)).get(requirement);
          if (!insight || !current()) return;
          this.store(state, requirementKey(requirement), insight);
          done += 1;
          progress?.report(Math.round((done / requirements.length) * 100), `checking ${requirements.length} ${noun}… ${done}/${requirements.length}`);
          refreshTimer ??= setTimeout(refresh, REFRESH_INTERVAL_MS);
        }),
      );
      if (current()) this.host.log.debug(`Index data for ${done} requirements of ${uri} in ${(performance.now() - started).toFixed(0)} ms`);
    } finally {
      clearTimeout(refreshTimer);
      if (refreshTimer) refresh();
      progress?.done();
    }
  }

  private store(state: DocumentState, key: string, insight: PackageInsight): void {
    state.byKey.set(key, insight);
    state.generation += 1;
    if (insight.status === 'found') this.byName.set(insight.normalizedName, insight);
  }

  private stateOf(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) {
      state = { contextKey: '', byKey: new Map(), detailed: new Set(), generation: 0 };
      this.states.set(uri, state);
    }
    return state;
  }

  /** Everything besides the requirement itself that an insight depends on. */
  private contextKey(cached: CachedAnalysis): string {
    const file = cached.analysis?.file;
    if (!file) return '';
    const declared = [file, ...(cached.analysis?.included ?? [])].flatMap((parsed) => parsed.indexes.map((index) => [index.name, index.url, index.role, index.tool]));
    // The uv source choices (not the whole environment): a new interpreter only matters when it changes a choice.
    const choices = hasSourceAlternatives(file) ? [...(this.planFor(cached, this.host.settings()).sourceChoices ?? [])] : [];
    return JSON.stringify([declared, file.requiresPython?.specifier ?? null, this.locks.siblingKinds(file), choices]);
  }
}

/** Some requirement is pinned to an index: a uv source entry's marker may pick it, one of several ('a | b'), or leave it to the default indexes. */
function hasSourceAlternatives(file: ParsedFile): boolean {
  return file.requirements.some((requirement) => requirement.index !== null);
}

/** Requirements that go to an index: not direct references; in an untrusted workspace, not pinned to a workspace-declared index. */
function eligible(requirement: Requirement, workspaceTrusted: boolean): boolean {
  if (requirement.url !== null || requirement.normalizedName === '') return false;
  return workspaceTrusted || requirement.index === null;
}

/** What one requirement's insight depends on (the marker decides the lowest Python it is installed on). */
export function requirementKey(requirement: Pick<Requirement, 'normalizedName' | 'specifier' | 'index' | 'marker'>): string {
  return JSON.stringify([requirement.normalizedName, requirement.specifier, requirement.index, requirement.marker]);
}
