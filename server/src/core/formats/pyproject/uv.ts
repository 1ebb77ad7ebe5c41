/**
 * `[tool.uv]`: dev-dependencies ("uv-dev"), constraint-dependencies ("uv-constraint"),
 * override-dependencies ("uv-override"), build-constraint-dependencies ("uv-build-constraint"),
 * `[[tool.uv.index]]` declarations and `[tool.uv.sources]`.
 *
 * Sources are applied to the requirements of the file with the same normalized name, as uv lowers
 * them: an entry with `extra = "x"` only to the requirements of `[project.optional-dependencies] x`,
 * one with `group = "g"` only to those of dependency group g (`[tool.uv] dev-dependencies` is group
 * "dev"), one with neither to all (see uvSourceApplies). A requirement no entry applies to keeps
 * `index` null: uv takes it from the default indexes.
 * - `{ index = "x" }` sets `index` to "x". When several applying entries (selected by `marker`)
 *   name different indexes, `index` is the names joined by ' | ' in declaration order: which one
 *   applies depends on the environment, and a check that needs one index can split on ' | '.
 * - `{ git | url | path = "..." }` sets `url` when the requirement has none and exactly one such
 *   location applies. `{ workspace = true }` changes neither.
 */
import type { IndexDeclaration, Requirement } from '../../model';
import { uvSourceApplies, uvSourceScope } from '../../indexes/uv-sources';
import { normalizeName } from '../../names';
import { booleanValue, entryAt, expectTable, report, stringValue, type PyprojectContext } from './context';
import { addRequirementArray } from './requirement-strings';
import type { TomlEntry, TomlTable } from './toml-document';

const REQUIREMENT_LISTS: [key: string, group: string][] = [
  ['dev-dependencies', 'uv-dev'],
  ['constraint-dependencies', 'uv-constraint'],
  ['override-dependencies', 'uv-override'],
  ['build-constraint-dependencies', 'uv-build-constraint'],
];

export function processUv(context: PyprojectContext): void {
  const uv = expectTable(context, entryAt(context.root, 'tool', 'uv'), '[tool.uv]');
  if (!uv) return;
  for (const [key, group] of REQUIREMENT_LISTS) addRequirementArray(context, uv.entries.get(key), group, `[tool.uv] ${key}`);
  processIndexes(context, uv.entries.get('index'));
  processGroupSettings(context, uv.entries.get('dependency-groups'));
}

/** `[tool.uv.dependency-groups] docs = { requires-python = ">=3.12" }`: uv locks such a group only for those Pythons. */
function processGroupSettings(context: PyprojectContext, entry: TomlEntry | undefined): void {
  const groups = expectTable(context, entry, '[tool.uv.dependency-groups]');
  for (const [group, settings] of groups?.entries ?? []) {
    const requiresPython = settings.value.type === 'table' ? settings.value.entries.get('requires-python')?.value : undefined;
    if (requiresPython?.type !== 'string') continue;
    context.file.uvGroupRequiresPython = { ...context.file.uvGroupRequiresPython, [group]: requiresPython.value };
  }
}

/** Runs after every other processor, so that sources reach requirements from all tables. */
export function applyUvSources(context: PyprojectContext): void {
  const sources = expectTable(context, entryAt(context.root, 'tool', 'uv', 'sources'), '[tool.uv.sources]');
  if (!sources) return;
  const byName = new Map<string, Requirement[]>();
  for (const requirement of context.file.requirements) {
    const list = byName.get(requirement.normalizedName) ?? [];
    list.push(requirement);
    byName.set(requirement.normalizedName, list);
  }
  for (const entry of sources.entries.values()) {
    const tables = sourceTables(context, entry);
    for (const requirement of byName.get(normalizeName(entry.key)) ?? []) {
      const scope = uvSourceScope(requirement.group);
      const applying = tables.filter((table) => uvSourceApplies({ extra: stringValue(table, 'extra')?.value, group: stringValue(table, 'group')?.value }, scope));
      const indexes = unique(applying.map((table) => stringValue(table, 'index')?.value).filter((name): name is string => !!name));
      const locations = unique(applying.map(sourceLocation).filter((location): location is string => !!location));
      if (indexes.length) requirement.index = indexes.join(' | ');
      if (locations.length === 1 && requirement.url === null) requirement.url = locations[0];
    }
  }
}

function sourceTables(context: PyprojectContext, entry: TomlEntry): TomlTable[] {
  const value = entry.value;
  if (value.type === 'table') return [value];
  if (value.type === 'array') return value.items.filter((item): item is TomlTable => item.type === 'table');
  report(context, 'invalid-requirement', `The uv source for "${entry.key}" must be a table or an array of tables`, value.span);
  return [];
}

function sourceLocation(table: TomlTable): string | undefined {
  return stringValue(table, 'git')?.value ?? stringValue(table, 'url')?.value ?? stringValue(table, 'path')?.value;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** `[[tool.uv.index]]`: role 'explicit' (explicit = true), 'default' (default = true), else 'index'. */
function processIndexes(context: PyprojectContext, entry: TomlEntry | undefined): void {
  if (!entry) return;
  if (entry.value.type !== 'array') {
    report(context, 'invalid-requirement', '[[tool.uv.index]] must be an array of tables', entry.value.span);
    return;
  }
  for (const index of entry.value.items) {
    if (index.type !== 'table') continue;
    const url = stringValue(index, 'url')?.value;
    if (!url) continue;
    const role = booleanValue(index, 'explicit') ? 'explicit' : booleanValue(index, 'default') ? 'default' : 'index';
    const declaration: IndexDeclaration = { name: stringValue(index, 'name')?.value ?? null, url, role, tool: 'uv', span: index.span };
    context.file.indexes.push(declaration);
  }
}
