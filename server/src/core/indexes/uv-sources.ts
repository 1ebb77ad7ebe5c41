/**
 * uv `[tool.uv.sources]` entries that pin a package to an index (pure):
 *
 *   torch = [
 *     { index = "cpu",   marker = "sys_platform != 'linux'" },
 *     { index = "cu124", marker = "sys_platform == 'linux'" },
 *   ]
 *   torch = [
 *     { index = "pytorch-cpu",   extra = "cpu" },
 *     { index = "pytorch-cu128", extra = "cu128" },
 *   ]
 *
 * Which entries apply to a requirement is decided as uv lowers requirements: an entry with
 * `extra = "x"` applies only to the requirements of the project's own extra x
 * (`[project.optional-dependencies] x`), one with `group = "g"` only to dependency group g (PEP 735
 * groups; `[tool.uv] dev-dependencies` is group "dev"), one with neither to every requirement of
 * the package (uvSourceApplies). Among the entries that apply, `marker` picks by environment; where
 * no entry applies, or no applying entry's marker holds, the requirement comes from the default
 * indexes.
 *
 * The model keeps only the names of the indexes that apply to each requirement
 * (`Requirement.index = 'cpu | cu124'`, null when none applies). readUvIndexSources() reads the
 * entries with their markers and scopes from the pyproject text, and chooseUvIndex() picks the entry
 * whose marker holds for a target environment. When no environment is known, every applying index
 * is asked and their releases are merged (with the default indexes too when the markers leave
 * realistic environments uncovered: uvSourcesLeaveGaps).
 */
import { entryAt, stringValue } from '../formats/pyproject/context';
import { parseTomlDocument, type TomlTable } from '../formats/pyproject/toml-document';
import type { RequirementGroup } from '../model';
import { normalizeExtra, normalizeName } from '../names';
import { defaultEnvironments, evaluateMarker, parseMarker, type MarkerEnvironment } from '../pep508';

export interface UvIndexSource {
  index: string;
  /** The entry's `marker`, null when it has none (it always applies). */
  marker: string | null;
  /** The entry's `extra` (normalized): it applies only to requirements of that extra of the project. */
  extra?: string;
  /** The entry's `group` (normalized): it applies only to requirements of that dependency group. */
  group?: string;
}

/** The extra or dependency group a requirement is lowered for by uv, from its model group. */
export interface UvSourceScope {
  extra: string | null;
  group: string | null;
}

/**
 * `extra:x` → extra x; `group:g` → group g; `uv-dev` (`[tool.uv] dev-dependencies`) → group dev;
 * anything else (main dependencies, build-system, constraints, other tools' tables) → neither.
 */
export function uvSourceScope(group: RequirementGroup): UvSourceScope {
  if (group.startsWith('extra:')) return { extra: normalizeExtra(group.slice('extra:'.length)), group: null };
  if (group.startsWith('group:')) return { extra: null, group: normalizeName(group.slice('group:'.length)) };
  if (group === 'uv-dev') return { extra: null, group: 'dev' };
  return { extra: null, group: null };
}

/** Does a source entry (its `extra` / `group` keys, as written) apply to a requirement of this scope? */
export function uvSourceApplies(source: { extra?: string | null; group?: string | null }, scope: UvSourceScope): boolean {
  if (source.extra && normalizeExtra(source.extra) !== scope.extra) return false;
  if (source.group && normalizeName(source.group) !== scope.group) return false;
  return true;
}

/** The key of a package's source choice for one scope: `torch`, `torch extra:cpu`, `torch group:dev`. */
export function uvSourceKey(normalizedName: string, scope: UvSourceScope | null): string {
  if (scope?.extra) return `${normalizedName} extra:${scope.extra}`;
  if (scope?.group) return `${normalizedName} group:${scope.group}`;
  return normalizedName;
}

/** The scopes a package's entries name, and the scope of every other requirement (neither). */
export function uvSourceScopes(sources: readonly UvIndexSource[]): UvSourceScope[] {
  const scopes: UvSourceScope[] = [{ extra: null, group: null }];
  for (const source of sources) {
    if (source.extra && !scopes.some((scope) => scope.extra === source.extra)) scopes.push({ extra: source.extra, group: null });
    if (source.group && !scopes.some((scope) => scope.group === source.group)) scopes.push({ extra: null, group: source.group });
  }
  return scopes;
}

/** Index sources per normalized package name (a table or an array of tables; entries without `index` are left out). */
export function readUvIndexSources(pyprojectText: string): Map<string, UvIndexSource[]> {
  const sources = new Map<string, UvIndexSource[]>();
  if (!pyprojectText.includes('sources')) return sources;
  const table = entryAt(parseTomlDocument(pyprojectText).root, 'tool', 'uv', 'sources')?.value;
  if (table?.type !== 'table') return sources;
  for (const entry of table.entries.values()) {
    const items = entry.value.type === 'array' ? entry.value.items : [entry.value];
    const entries = items
      .filter((item): item is TomlTable => item.type === 'table')
      .flatMap((item) => {
        const index = stringValue(item, 'index')?.value;
        if (!index) return [];
        const source: UvIndexSource = { index, marker: stringValue(item, 'marker')?.value ?? null };
        const extra = stringValue(item, 'extra')?.value;
        const group = stringValue(item, 'group')?.value;
        if (extra) source.extra = normalizeExtra(extra);
        if (group) source.group = normalizeName(group);
        return [source];
      });
    if (entries.length > 0) sources.set(normalizeName(entry.key), entries);
  }
  return sources;
}

/**
 * The one index whose entries' markers hold in `environment` (an entry without a marker always
 * holds); null when that does not decide: no environment, no entry holds, or the holding entries
 * name different indexes. An unreadable marker never holds.
 */
export function chooseUvIndex(sources: readonly UvIndexSource[], environment: MarkerEnvironment | null | undefined): string | null {
  if (!environment) return null;
  const indexes = new Set(holdingSources(sources, environment).map((source) => source.index));
  return indexes.size === 1 ? [...indexes][0] : null;
}

/**
 * The index the entries that apply to a scope give in `environment`: an index name; null when no
 * entry's marker holds there (uv then uses the default indexes, as for a package without
 * sources); undefined when the environment does not decide (none known, or entries naming
 * different indexes hold).
 */
export function routeUvSources(sources: readonly UvIndexSource[], scope: UvSourceScope, environment: MarkerEnvironment | null | undefined): string | null | undefined {
  if (!environment) return undefined;
  const holding = holdingSources(sources.filter((source) => uvSourceApplies(source, scope)), environment);
  if (holding.length === 0) return null;
  const indexes = new Set(holding.map((source) => source.index));
  return indexes.size === 1 ? [...indexes][0] : undefined;
}

/**
 * Do the entries that apply to a scope leave a realistic environment (CPython 3.8–3.14 on Linux,
 * Windows, macOS) where none of their markers holds? There uv takes the package from the default
 * indexes. False when no entry applies (the requirement is not pinned at all).
 */
export function uvSourcesLeaveGaps(sources: readonly UvIndexSource[], scope: UvSourceScope): boolean {
  const applying = sources.filter((source) => uvSourceApplies(source, scope));
  if (applying.length === 0 || applying.some((source) => source.marker === null)) return false;
  return defaultEnvironments().some((environment) => holdingSources(applying, environment).length === 0);
}

function holdingSources(sources: readonly UvIndexSource[], environment: MarkerEnvironment): UvIndexSource[] {
  return sources.filter((source) => {
    if (source.marker === null) return true;
    const marker = parseMarker(source.marker).value;
    return marker !== null && evaluateMarker(marker, { extra: '', ...environment });
  });
}
