/**
 * `[tool.poetry]`: dependencies (group "main"; the `python` key becomes requires-python when
 * [project] has none), `group.<g>.dependencies` ("poetry-group:<g>"), legacy `dev-dependencies`
 * ("poetry-group:dev"), `extras` (listed requirements are marked optional) and `[[source]]`.
 */
import type { IndexDeclaration } from '../../model';
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
  for (const entry of dependencies?.entries.values() ?? []) {
    if (entry.key.toLowerCase() === 'python') processPythonKey(context, entry);
    else context.file.requirements.push(...poetryRequirements(context, entry, 'main'));
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
  for (const error of errors) report(context, 'invalid-poetry-constraint', error.message, value.mapSpan(error.span));
  if (translated && !context.file.requiresPython) context.file.requiresPython = { specifier: translated.pep440, span: value.contentSpan };
}

/** `[tool.poetry.extras] name = ["pkg", ...]`: requirements of group "main" listed there become optional. */
function markExtras(context: PyprojectContext, extras: TomlTable | undefined): void {
  if (!extras) return;
  const listed = new Set<string>();
  for (const entry of extras.entries.values()) {
    if (entry.value.type !== 'array') {
      report(context, 'invalid-requirement', `Extra "${entry.key}" must be an array of package names`, entry.value.span);
      continue;
    }
    for (const item of entry.value.items) {
      // Entries are package names, possibly with a trailing constraint or extras: keep the name.
      if (item.type === 'string') listed.add(normalizeName(item.value.split(/[\s[<>=!~;^]/, 1)[0]));
    }
  }
  for (const requirement of context.file.requirements) {
    if (requirement.group === 'main' && listed.has(requirement.normalizedName)) requirement.optional = true;
  }
}

/**
 * `[[tool.poetry.source]]`: role = `priority` (Poetry ≥ 1.5), else legacy `default = true` →
 * 'default', `secondary = true` → 'supplemental', else 'primary'. A source named PyPI may omit its url.
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
  if (booleanValue(source, 'secondary')) return 'supplemental';
  return 'primary';
}
