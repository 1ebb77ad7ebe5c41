/**
 * PDM: `[tool.pdm.dev-dependencies]` ("pdm-dev:<group>", entries may be `-e <path or requirement>`)
 * and `[[tool.pdm.source]]` (role 'find_links' for `type = "find_links"`, else 'index').
 * Hatch: `[tool.hatch.envs.<env>]` dependencies and extra-dependencies ("hatch-env:<env>"); strings
 * holding Hatch context fields (`{root:uri}`, `{env:VAR}`) are formatted by Hatch and skipped.
 */
import { entryAt, expectTable, report, stringValue, type PyprojectContext } from './context';
import { addRequirementArray } from './requirement-strings';

export function processPdm(context: PyprojectContext): void {
  const pdm = expectTable(context, entryAt(context.root, 'tool', 'pdm'), '[tool.pdm]');
  if (!pdm) return;
  const devDependencies = expectTable(context, pdm.entries.get('dev-dependencies'), '[tool.pdm.dev-dependencies]');
  for (const [group, entry] of devDependencies?.entries ?? []) {
    addRequirementArray(context, entry, `pdm-dev:${group}`, `PDM dev-dependencies "${group}"`, { allowEditable: true });
  }
  const sources = pdm.entries.get('source');
  if (!sources) return;
  if (sources.value.type !== 'array') {
    report(context, 'invalid-requirement', '[[tool.pdm.source]] must be an array of tables', sources.value.span);
    return;
  }
  for (const source of sources.value.items) {
    if (source.type !== 'table') continue;
    const url = stringValue(source, 'url')?.value;
    if (!url) continue;
    const role = stringValue(source, 'type')?.value === 'find_links' ? 'find_links' : 'index';
    context.file.indexes.push({ name: stringValue(source, 'name')?.value ?? null, url, role, tool: 'pdm', span: source.span });
  }
}

export function processHatch(context: PyprojectContext): void {
  const environments = expectTable(context, entryAt(context.root, 'tool', 'hatch', 'envs'), '[tool.hatch.envs]');
  for (const [name, entry] of environments?.entries ?? []) {
    const environment = expectTable(context, entry, `[tool.hatch.envs.${name}]`);
    if (!environment) continue;
    for (const key of ['dependencies', 'extra-dependencies']) {
      addRequirementArray(context, environment.entries.get(key), `hatch-env:${name}`, `[tool.hatch.envs.${name}] ${key}`, { skipContextFields: true });
    }
  }
}
