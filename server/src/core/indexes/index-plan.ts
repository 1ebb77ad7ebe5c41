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
import { chooseUvIndex } from './uv-sources';

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

  make(url: string, name: string | null, origin: string, options: { explicit?: boolean; credentialTool?: IndexTool | 'any' } = {}): SelectedIndex | null {
    const normalized = normalizeIndexUrl(url);
    if (!normalized) {
      this.problems.push(`${origin}: "${redactCredentials(url.trim())}" is not an http(s) index URL`);
      return null;
    }
    const credentials = splitUserinfo(url.trim()).credentials ?? credentialsFromEnvironment(options.credentialTool ?? this.tool, name, this.variables);
    return { name, url: normalized, origin, credentials, explicit: options.explicit ?? false };
  }

  pypi(): SelectedIndex {
    return { name: 'pypi', url: PYPI_SIMPLE_URL, origin: 'default', credentials: null, explicit: false };
  }
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
  const sourceChoices = new Map<string, string>();
  for (const [name, sources] of input.uvSources ?? []) {
    const chosen = chooseUvIndex(sources, input.targetEnvironment);
    if (chosen) sourceChoices.set(name, chosen);
  }
  return { ...plan, tool: input.tool, named: dedupe([...plan.indexes, ...plan.fallback, ...plan.named].filter((index) => index.name !== null)), problems: collector.problems, sourceChoices };
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
 * a uv marker array names several indexes). For 'a | b' the target environment's choice
 * (`plan.sourceChoices`) is asked alone; when the environment does not decide, every index is
 * asked and their releases merged (each version labelled with its index). A pin that is a URL is
 * used as is. Unpinned requirements get the plan's indexes.
 */
export function indexesForRequirement(plan: IndexPlan, requirement: Pick<Requirement, 'index'> & Partial<Pick<Requirement, 'normalizedName'>>): RequirementIndexes {
  if (!requirement.index) return { indexes: plan.indexes, strategy: plan.strategy, fallback: plan.fallback, pinnedTo: null, problem: null };
  const alternatives = requirement.index.split(' | ').map((part) => part.trim()).filter(Boolean);
  const chosen = requirement.normalizedName ? plan.sourceChoices?.get(requirement.normalizedName) : undefined;
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
  return { indexes: problem ? [] : dedupe(pinned), strategy: pinned.length > 1 ? 'merge' : 'first-match', fallback: [], pinnedTo: requirement.index, problem };
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
