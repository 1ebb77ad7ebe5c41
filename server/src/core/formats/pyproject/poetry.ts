/**
 * `[tool.poetry]`: dependencies (group "main"; the `python` key becomes requires-python when
 * [project] has none; with Poetry 2 an entry for a package that `[project]` already declares
 * enriches that declaration instead of adding one, see enrichProjectRequirement),
 * `group.<g>.dependencies` ("poetry-group:<g>"), legacy `dev-dependencies` ("poetry-group:dev"),
 * `extras` (listed requirements are optional, in group "extra:<name>") and `[[source]]`.
 */
import type { IndexDeclaration, Requirement } from '../../model';
import { normalizeName } from '../../names';
import { translatePoetryConstraint } from '../../poetry';
import { booleanValue, entryAt, expectTable, report, stringValue, type PyprojectContext } from './context';
import { poetryRequirements } from './poetry-dependency';
import type { TomlEntry, TomlTable } from './toml-document';

const PYPI_SIMPLE_URL = 'https://pypi.org/simple';

export function processPoetry(context: PyprojectContext): void {
  const poetry = expectTable(context, entryAt(context.root, 'tool', 'poetry'), '[tool.poetry]');
  if (!poetry) return;
  const name = stringValue(poetry, 'name')?.value;
  if (name !== undefined && !context.file.project?.name) {
    context.file.project = { dynamic: [], ...context.file.project, name, normalizedName: normalizeName(name) };
  }
  const dependencies = expectTable(context, poetry.entries.get('dependencies'), '[tool.poetry.dependencies]');
  // [project] dependencies and optional-dependencies, read before this table.
  const projectRequirements = context.file.requirements.filter((requirement) => requirement.group === 'main' || requirement.group.startsWith('extra:'));
  for (const entry of dependencies?.entries.values() ?? []) {
    if (entry.key.toLowerCase() === 'python') {
      processPythonKey(context, entry);
      continue;
    }
    for (const requirement of poetryRequirements(context, entry, 'main')) {
      const declared = projectRequirements.filter((candidate) => candidate.normalizedName === requirement.normalizedName);
      if (declared.length === 0) context.file.requirements.push(requirement);
      for (const projectRequirement of declared) enrichProjectRequirement(projectRequirement, requirement);
    }
  }
  addDependencyTable(context, poetry.entries.get('dev-dependencies'), 'poetry-group:dev', '[tool.poetry.dev-dependencies]');
  const groups = expectTable(context, poetry.entries.get('group'), '[tool.poetry.group]');
  for (const [name, entry] of groups?.entries ?? []) {
    const group = expectTable(context, entry, `[tool.poetry.group.${name}]`);
    if (group) addDependencyTable(context, group.entries.get('dependencies'), `poetry-group:${name}`, `[tool.poetry.group.${name}.dependencies]`);
  }
  markExtras(context, expectTable(context, poetry.entries.get('extras'), '[tool.poetry.extras]'));
  processSources(context, poetry.entries.get('source'));
}

/**
 * Poetry 2: when `[project]` declares a package, its `[tool.poetry.dependencies]` entry only adds
 * what PEP 508 cannot say, for locking ("enriching" the project dependency): the source (index), a
 * path/VCS location, develop mode. A version given there as well narrows the declared range (both
 * must hold; left as declared when either is a Poetry `||` union). The declaration keeps its place.
 */
function enrichProjectRequirement(declared: Requirement, poetry: Requirement): void {
  if (poetry.index !== null) declared.index = poetry.index;
  if (poetry.url !== null && declared.url === null) {
    declared.url = poetry.url;
    if (poetry.editable !== undefined) declared.editable = poetry.editable;
  }
  const union = (specifier: string) => specifier.includes('||');
  if (poetry.specifier !== '' && poetry.specifier !== declared.specifier && !union(poetry.specifier) && !union(declared.specifier)) {
    declared.specifier = declared.specifier === '' ? poetry.specifier : `${declared.specifier},${poetry.specifier}`;
  }
}

function addDependencyTable(context: PyprojectContext, entry: TomlEntry | undefined, group: string, what: string): void {
  const table = expectTable(context, entry, what);
  for (const dependency of table?.entries.values() ?? []) {
    if (dependency.key.toLowerCase() === 'python') continue;
    context.file.requirements.push(...poetryRequirements(context, dependency, group));
  }
}

/**
 * `python = "^3.8"` → requires-python (PEP 440; a `||` union keeps its alternatives joined by
 * ' || ', like Requirement.specifier). [project].requires-python, when present, wins.
 */
function processPythonKey(context: PyprojectContext, entry: TomlEntry): void {
  const value = entry.value;
  if (value.type !== 'string') {
    report(context, 'invalid-poetry-constraint', 'python must be a version constraint string', value.span);
    return;
  }
  const { value: translated, errors } = translatePoetryConstraint(value.value);
  for (const error of errors) report(context, error.code ?? 'invalid-poetry-constraint', error.message, value.mapSpan(error.span));
  if (translated && !context.file.requiresPython) context.file.requiresPython = { specifier: translated.pep440, span: value.contentSpan };
}

/**
 * `[tool.poetry.extras] name = ["pkg", ...]`: requirements of group "main" listed there become
 * optional and move to group "extra:<name>" (installed only with that extra, so pair checks do not
 * treat them as always installed). A package listed by several extras belongs to each of them
 * (poetry-core gives it the marker `extra == "a" or extra == "b"`): it stays one requirement, with
 * `group` the first extra and `groups` all of them, since one requirement per extra would repeat
 * the same text span, doubling every editor feature on that line.
 */
function markExtras(context: PyprojectContext, extras: TomlTable | undefined): void {
  if (!extras) return;
  const extrasOf = new Map<string, string[]>();
  for (const entry of extras.entries.values()) {
    if (entry.value.type !== 'array') {
      report(context, 'invalid-requirement', `Extra "${entry.key}" must be an array of package names`, entry.value.span);
      continue;
    }
    for (const item of entry.value.items) {
      // Entries are package names, possibly with a trailing constraint or extras: keep the name.
      if (item.type !== 'string') continue;
      const name = normalizeName(item.value.split(/[\s[<>=!~;^]/, 1)[0]);
      const groups = extrasOf.get(name) ?? [];
      if (!groups.includes(`extra:${entry.key}`)) groups.push(`extra:${entry.key}`);
      extrasOf.set(name, groups);
    }
  }
  for (const requirement of context.file.requirements) {
    const groups = extrasOf.get(requirement.normalizedName);
    if (requirement.group !== 'main' || groups === undefined) continue;
    requirement.optional = true;
    requirement.group = groups[0];
    if (groups.length > 1) requirement.groups = [...groups];
  }
}

/**
 * `[[tool.poetry.source]]`: role = `priority` (Poetry ≥ 1.5), else legacy `default = true` →
 * 'default', `secondary = true` → 'secondary' (kept PyPI, like `priority = "secondary"`), else 'primary'. A source named PyPI may omit its url.
 */
function processSources(context: PyprojectContext, entry: TomlEntry | undefined): void {
  if (!entry) return;
  if (entry.value.type !== 'array') {
    report(context, 'invalid-requirement', '[[tool.poetry.source]] must be an array of tables', entry.value.span);
    return;
  }
  for (const source of entry.value.items) {
    if (source.type !== 'table') continue;
    const name = stringValue(source, 'name')?.value ?? null;
    const url = stringValue(source, 'url')?.value ?? (name?.toLowerCase() === 'pypi' ? PYPI_SIMPLE_URL : null);
    if (!url) continue;
    const declaration: IndexDeclaration = { name, url, role: poetrySourceRole(source), tool: 'poetry', span: source.span };
    context.file.indexes.push(declaration);
  }
}

function poetrySourceRole(source: TomlTable): string {
  const priority = stringValue(source, 'priority')?.value;
  if (priority) return priority;
  if (booleanValue(source, 'default')) return 'default';
  if (booleanValue(source, 'secondary')) return 'secondary';
  return 'primary';
}
