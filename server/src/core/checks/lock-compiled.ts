/**
 * A pip-compile / `uv pip compile` output compiled from a pyproject.toml (`requirements.txt` next
 * to it): recognised by its header command (`pip-compile ... pyproject.toml`,
 * `uv pip compile pyproject.toml ...`) or by `# via <project> (pyproject.toml)` annotations. It is
 * the project's lock when no lockfile exists. The header also says which extras (`--extra`,
 * `--all-extras`) and dependency groups (`--group`) were compiled: the other groups of the
 * pyproject are not in it and are not compared with it.
 */
import { requirementGroups, type ParsedFile, type Requirement } from '../model';
import { normalizeExtra, normalizeName } from '../names';

export interface CompiledFromPyproject {
  /** Extras compiled in (normalized); 'all' for `--all-extras`. */
  extras: string[] | 'all';
  /** PEP 735 groups compiled in (normalized), from uv's `--group`. */
  groups: string[];
}

const COMPILE_COMMAND = /^#\s+(?:pip-compile|uv pip compile)\b(.*)$/m;

/** null when `compiled` was not made from a pyproject.toml. */
export function compiledFromPyproject(text: string, compiled: ParsedFile): CompiledFromPyproject | null {
  const header = headerComments(text);
  const command = COMPILE_COMMAND.exec(header)?.[1] ?? null;
  const fromPyproject = command !== null ? /(?:^|[\s/\\])pyproject\.toml(?:\s|$)/.test(command) : false;
  const viaPyproject = compiled.requirements.some((requirement) => (requirement.via ?? []).some((item) => /\(pyproject\.toml\)$/.test(item.trim())));
  if (!fromPyproject && !viaPyproject) return null;
  const options = command ?? '';
  const extras = /(?:^|\s)--all-extras\b/.test(options) ? 'all' : optionValues(options, 'extra').map(normalizeExtra);
  const groups = optionValues(options, 'group').map((group) => normalizeName(group.replace(/^.*:/, '')));
  return { extras, groups };
}

/** Is a requirement of this manifest group compiled into the output? */
export function isCompiledGroup(compiled: CompiledFromPyproject, group: string): boolean {
  if (group === 'main') return true;
  if (group.startsWith('extra:')) return compiled.extras === 'all' || compiled.extras.includes(normalizeExtra(group.slice('extra:'.length)));
  if (group.startsWith('group:')) return compiled.groups.includes(normalizeName(group.slice('group:'.length)));
  return false;
}

/** The manifest with only the requirements compiled into the output (a requirement of several extras: when one of them is). */
export function compiledPart(manifest: ParsedFile, compiled: CompiledFromPyproject): ParsedFile {
  const isCompiled = (requirement: Requirement) => requirementGroups(requirement).some((group) => isCompiledGroup(compiled, group));
  return { ...manifest, requirements: manifest.requirements.filter(isCompiled) };
}

/** The comment lines at the top of the file. */
function headerComments(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#') && line.trim() !== '') break;
    lines.push(line);
  }
  return lines.join('\n');
}

/** The values of `--name=value` / `--name value` options. */
function optionValues(command: string, name: string): string[] {
  return [...command.matchAll(new RegExp(`(?:^|\\s)--${name}(?:=|\\s+)(?:"([^"]+)"|'([^']+)'|(\\S+))`, 'g'))].map((match) => match[1] ?? match[2] ?? match[3]);
}
