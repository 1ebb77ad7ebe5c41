/**
 * Which indexes answer a requirement, decided the way each tool decides (see index-plan-types.ts
 * for the shapes and index-plan-tools.ts for each tool's order):
 *   buildIndexPlan(input)                  → the indexes of a file/project
 *   indexesForRequirement(plan, requirement) → the indexes for one requirement (pins applied)
 *   detectIndexTool(file, lockKinds)       → which tool's rules apply to a file
 */
import type { FileKind, ParsedFile, Requirement } from '../model';
import { normalizeIndexUrl, PYPI_SIMPLE_URL, redactCredentials, splitUserinfo } from './index-url';
import { credentialsFromEnvironment } from './index-credentials';
import type { IndexEnvironment, IndexPlan, IndexPlanInput, IndexTool, RequirementIndexes, SelectedIndex } from './index-plan-types';
import { pdmPlan, pipPlan, poetryPlan, uvPlan } from './index-plan-tools';
import { routeUvSources, uvSourceKey, uvSourceScope, uvSourceScopes, uvSourcesLeaveGaps } from './uv-sources';

export const EMPTY_INDEX_ENVIRONMENT: IndexEnvironment = {
  variables: {},
  pip: { indexUrl: null, extraIndexUrls: [] },
  uv: { indexes: [], indexUrl: null, extraIndexUrls: [], indexStrategy: null },
};

/** Collects indexes with their credentials and reports unusable URLs as problems. */
export class IndexCollector {
  readonly problems: string[] = [];

  constructor(
    readonly tool: IndexTool,
    readonly variables: Record<string, string | undefined>,
  ) {}

  /**
   * `options.requestUrl`: the URL with `${VAR}` expanded (a requirements file's IndexDeclaration.requestUrl):
   * requests and credentials use it, while `url` (as written) is what the index is shown as.
   */
  make(url: string, name: string | null, origin: string, options: { explicit?: boolean; credentialTool?: IndexTool | 'any'; requestUrl?: string } = {}): SelectedIndex | null {
    const requested = options.requestUrl ?? url;
    const normalized = normalizeIndexUrl(requested);
    if (!normalized) {
      this.problems.push(`${origin}: "${redactCredentials(url.trim())}" is not an http(s) index URL`);
      return null;
    }
    const credentials = splitUserinfo(requested.trim()).credentials ?? credentialsFromEnvironment(options.credentialTool ?? this.tool, name, this.variables);
    const index: SelectedIndex = { name, url: normalized, origin, credentials, explicit: options.explicit ?? false };
    if (options.requestUrl === undefined) return index;
    // Shown as written: the expanded text may hold a secret. Without userinfo, like `url` always is.
    const shown = shownIndexUrl(url);
    return shown === normalized ? index : { ...index, url: shown, requestUrl: normalized };
  }

  pypi(): SelectedIndex {
    return { name: 'pypi', url: PYPI_SIMPLE_URL, origin: 'default', credentials: null, explicit: false };
  }
}

/** An index URL as written, for display: without userinfo or fragment, ending in one '/'. */
function shownIndexUrl(url: string): string {
  let shown = url.trim();
  const fragment = shown.indexOf('#');
  if (fragment >= 0) shown = shown.slice(0, fragment);
  const authorityStart = shown.indexOf('//') + 2;
  if (authorityStart >= 2) {
    const authorityLength = shown.slice(authorityStart).search(/[/?]/);
    const authority = authorityLength < 0 ? shown.slice(authorityStart) : shown.slice(authorityStart, authorityStart + authorityLength);
    shown = shown.slice(0, authorityStart) + shown.slice(authorityStart + authority.lastIndexOf('@') + 1);
  }
  let end = shown.length;
  while (end > 0 && shown[end - 1] === '/') end--;
  return `${shown.slice(0, end)}/`;
}

export function buildIndexPlan(input: IndexPlanInput): IndexPlan {
  const environment: IndexEnvironment = {
    variables: input.environment?.variables ?? {},
    pip: input.environment?.pip ?? EMPTY_INDEX_ENVIRONMENT.pip,
    uv: input.environment?.uv ?? EMPTY_INDEX_ENVIRONMENT.uv,
  };
  const collector = new IndexCollector(input.tool, environment.variables);
  const commandLine = {
    indexUrl: input.commandLine?.indexUrl ? collector.make(input.commandLine.indexUrl, null, 'command line', { credentialTool: 'any' }) : null,
    extras: (input.commandLine?.extraIndexUrls ?? []).map((url) => collector.make(url, null, 'command line', { credentialTool: 'any' })).filter((index): index is SelectedIndex => index !== null),
  };
  const context = { declarations: input.declarations, settings: input.settings ?? [], environment, collector, commandLine };
  const plan = { pip: pipPlan, uv: uvPlan, poetry: poetryPlan, pdm: pdmPlan }[input.tool](context);
  const sourceChoices = new Map<string, string | null>();
  const sourceGaps = new Set<string>();
  const sourceKeys = new Set<string>();
  for (const [name, sources] of input.uvSources ?? []) {
    for (const scope of uvSourceScopes(sources)) {
      const key = uvSourceKey(name, scope);
      sourceKeys.add(key);
      const chosen = routeUvSources(sources, scope, input.targetEnvironment);
      if (chosen !== undefined) sourceChoices.set(key, chosen);
      else if (!input.targetEnvironment && uvSourcesLeaveGaps(sources, scope)) sourceGaps.add(key);
    }
  }
  return { ...plan, tool: input.tool, named: dedupe([...plan.indexes, ...plan.fallback, ...plan.named].filter((index) => index.name !== null)), problems: collector.problems, sourceChoices, sourceGaps, sourceKeys };
}

/** Keeps the first index of each URL (and name). */
export function dedupe(indexes: SelectedIndex[]): SelectedIndex[] {
  const seen = new Set<string>();
  return indexes.filter((index) => {
    const key = `${index.url}\n${index.name ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Applies a requirement's pin (`Requirement.index`: uv sources / Poetry `source =`; 'a | b' when
 * the applying uv source entries name several indexes by marker). The target environment's choice
 * (`plan.sourceChoices`, for the requirement's extra or group) is asked alone; where no applying
 * entry's marker holds there, the plan's default indexes answer, as in uv. When the environment
 * does not decide, every index is asked and their releases merged (each version labelled with its
 * index), the default indexes too when the markers leave environments uncovered
 * (`plan.sourceGaps`). A pin that is a URL is used as is. Unpinned requirements get the plan's
 * indexes.
 */
export function indexesForRequirement(plan: IndexPlan, requirement: Pick<Requirement, 'index'> & Partial<Pick<Requirement, 'normalizedName' | 'group'>>): RequirementIndexes {
  const unpinned: RequirementIndexes = { indexes: plan.indexes, strategy: plan.strategy, fallback: plan.fallback, pinnedTo: null, problem: null };
  if (!requirement.index) return unpinned;
  const alternatives = requirement.index.split(' | ').map((part) => part.trim()).filter(Boolean);
  const key = requirement.normalizedName ? sourceKeyOf(plan, requirement.normalizedName, requirement.group) : null;
  const chosen = key === null ? undefined : plan.sourceChoices?.get(key);
  if (chosen === null) return unpinned;
  const asked = chosen && alternatives.some((alternative) => alternative.toLowerCase() === chosen.toLowerCase()) ? [chosen] : alternatives;
  const pinned: SelectedIndex[] = [];
  const missing: string[] = [];
  for (const alternative of asked) {
    const found = plan.named.find((index) => index.name?.toLowerCase() === alternative.toLowerCase());
    if (found) pinned.push(found);
    else if (/^https?:\/\//i.test(alternative) && normalizeIndexUrl(alternative)) pinned.push(new IndexCollector(plan.tool, {}).make(alternative, null, 'pin')!);
    else if (alternative.toLowerCase() === 'pypi') pinned.push(new IndexCollector(plan.tool, {}).pypi());
    else missing.push(alternative);
  }
  const problem = missing.length ? `index ${missing.map((name) => `"${name}"`).join(', ')} is not declared` : null;
  if (!problem && chosen === undefined && key !== null && plan.sourceGaps?.has(key)) {
    // Merged with the default indexes: uv takes the package from them where no marker holds.
    return { indexes: dedupe([...pinned, ...plan.indexes]), strategy: 'merge', fallback: plan.fallback, pinnedTo: requirement.index, problem: null };
  }
  return { indexes: problem ? [] : dedupe(pinned), strategy: pinned.length > 1 ? 'merge' : 'first-match', fallback: [], pinnedTo: requirement.index, problem };
}

/** The key of the plan's uv source choice for a requirement: its extra's or group's when some entry names that scope, else the package's. */
function sourceKeyOf(plan: IndexPlan, normalizedName: string, group: string | undefined): string {
  if (group === undefined) return normalizedName;
  const scoped = uvSourceKey(normalizedName, uvSourceScope(group));
  return plan.sourceKeys?.has(scoped) ? scoped : normalizedName;
}

const GROUP_TOOLS: [prefix: string, tool: IndexTool][] = [['uv-', 'uv'], ['poetry-group:', 'poetry'], ['pdm-dev:', 'pdm']];
const LOCK_TOOLS: Partial<Record<FileKind, IndexTool>> = { 'uv-lock': 'uv', 'poetry-lock': 'poetry', 'pdm-lock': 'pdm' };

/**
 * The tool whose index rules apply to a file: requirements files → pip; lockfiles → their tool;
 * pyproject.toml → the tool whose index tables or dependency tables it uses, else the tool of a
 * lockfile beside it (`siblingKinds`), else pip (PEP 621 projects installed with pip).
 */
export function detectIndexTool(file: Pick<ParsedFile, 'kind' | 'indexes' | 'requirements'>, siblingKinds: FileKind[] = []): IndexTool {
  if (file.kind === 'requirements' || file.kind === 'pylock') return 'pip';
  const fromLock = LOCK_TOOLS[file.kind];
  if (fromLock) return fromLock;
  const declared = file.indexes.find((index) => index.tool !== 'pip')?.tool;
  if (declared && declared !== 'pip') return declared;
  for (const [prefix, tool] of GROUP_TOOLS) if (file.requirements.some((requirement) => requirement.group.startsWith(prefix))) return tool;
  for (const kind of siblingKinds) if (LOCK_TOOLS[kind]) return LOCK_TOOLS[kind]!;
  return 'pip';
}
