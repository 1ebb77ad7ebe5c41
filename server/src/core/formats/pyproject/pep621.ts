/** PEP 621 `[project]` (dependencies, optional-dependencies, requires-python) and PEP 518 `[build-system]`. */
import { normalizeName } from '../../names';
import { parseSpecifierSet } from '../../pep440';
import { entryAt, expectTable, report, type PyprojectContext } from './context';
import { addRequirementArray } from './requirement-strings';
import type { TomlValue } from './toml-document';

export function processProject(context: PyprojectContext): void {
  const project = expectTable(context, entryAt(context.root, 'project'), '[project]');
  if (!project) return;
  const name = project.entries.get('name')?.value;
  const dynamic = project.entries.get('dynamic')?.value;
  context.file.project = {
    name: name?.type === 'string' ? name.value : null,
    normalizedName: name?.type === 'string' ? normalizeName(name.value) : null,
    dynamic: dynamic?.type === 'array' ? dynamic.items.flatMap((item) => (item.type === 'string' ? [item.value] : [])) : [],
  };
  addRequirementArray(context, project.entries.get('dependencies'), 'main', '[project] dependencies');
  const optional = expectTable(context, project.entries.get('optional-dependencies'), '[project.optional-dependencies]');
  for (const [extra, entry] of optional?.entries ?? []) {
    addRequirementArray(context, entry, `extra:${extra}`, `optional dependencies "${extra}"`);
  }
  processRequiresPython(context, project.entries.get('requires-python')?.value);
}

function processRequiresPython(context: PyprojectContext, value: TomlValue | undefined): void {
  if (!value) return;
  if (value.type !== 'string') {
    report(context, 'invalid-specifier', 'requires-python must be a string', value.span);
    return;
  }
  const { value: set, errors } = parseSpecifierSet(value.value);
  for (const error of errors) report(context, error.code, error.message, value.mapSpan(error.span));
  if (set) context.file.requiresPython = { specifier: set.text, span: value.contentSpan };
}

export function processBuildSystem(context: PyprojectContext): void {
  const buildSystem = expectTable(context, entryAt(context.root, 'build-system'), '[build-system]');
  if (!buildSystem) return;
  addRequirementArray(context, buildSystem.entries.get('requires'), 'build-system', '[build-system] requires');
}
