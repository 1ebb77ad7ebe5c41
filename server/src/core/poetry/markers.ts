/**
 * Poetry's `python = "..."` and `platform = "..."` dependency keys as PEP 508 markers, following
 * poetry-core's `create_nested_marker("python_version", constraint)` (src/poetry/core/version/markers.py):
 *
 * - Versions with three or more parts compare against `python_full_version`, shorter ones against
 *   `python_version` (`>=3.8` → `python_version >= "3.8"`, `>=3.8.1` → `python_full_version >= "3.8.1"`).
 * - `>` and `<=` with a short version switch to `python_full_version` padded to three parts, because
 *   `python_version > "3.8"` would wrongly exclude 3.8.1 (`>3.8` → `python_full_version > "3.8.0"`).
 * - `||` alternatives are joined with `or`; an alternative of several clauses is parenthesized.
 *
 * Simplifications (same meaning, different spelling from poetry-core): `!=3.8` becomes
 * `python_full_version != "3.8.0"` instead of a union of two ranges; `3.8.*` becomes
 * `python_version == "3.8"` and other wildcards `python_full_version == "3.*"`.
 */
import { parsePoetryConstraintGroups, type ConstraintClause, type ConstraintError } from './constraint';

/** '' means "any Python"; null when the constraint is invalid (see errors). */
export function poetryPythonToMarker(constraint: string): { value: string | null; errors: ConstraintError[] } {
  const { value: groups, errors } = parsePoetryConstraintGroups(constraint);
  if (!groups) return { value: null, errors };
  if (groups.some((group) => group.length === 0)) return { value: '', errors };
  const alternatives: string[] = [];
  for (const group of groups) {
    const marker = group.map(pythonClauseToMarker).join(' and ');
    if (!alternatives.includes(marker)) alternatives.push(marker);
  }
  if (alternatives.length === 1) return { value: alternatives[0], errors };
  return { value: alternatives.map((marker) => (marker.includes(' and ') ? `(${marker})` : marker)).join(' or '), errors };
}

function pythonClauseToMarker(clause: ConstraintClause): string {
  const { op, version, precision } = clause;
  if (clause.wildcard) {
    if (precision === 2) return `python_version ${op} "${version}"`;
    return `python_full_version ${op} "${version}.*"`;
  }
  if (precision >= 3) return `python_full_version ${op} "${version}"`;
  if (op === '>' || op === '<=' || op === '!=') return `python_full_version ${op} "${padToThreeParts(version)}"`;
  return `python_version ${op} "${version}"`;
}

/** `3.8` → `3.8.0`; keeps any suffix after the release (`3.8rc1` → `3.8.0rc1`). */
function padToThreeParts(version: string): string {
  const release = /^\d+(?:\.\d+)*/.exec(version);
  if (!release) return version;
  const parts = release[0].split('.');
  while (parts.length < 3) parts.push('0');
  return parts.join('.') + version.slice(release[0].length);
}

/**
 * Poetry's `platform = "linux"` → `sys_platform == "linux"`. Alternatives separated by `|`/`||`
 * are joined with `or`; a leading `!=` or `!` negates. '' for an empty value.
 */
export function poetryPlatformToMarker(platform: string): string {
  const clauses: string[] = [];
  for (const raw of platform.split(/\|\|?/)) {
    const item = raw.trim();
    if (!item) continue;
    const negated = /^!=?/.exec(item);
    const name = item.replace(/^(!=?|==?)\s*/, '');
    if (!name) continue;
    clauses.push(`sys_platform ${negated ? '!=' : '=='} "${name.replace(/["\\]/g, '')}"`);
  }
  return clauses.join(' or ');
}
