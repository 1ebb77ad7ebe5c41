/**
 * Minimal version edits for code actions (pure). They rewrite only the version text of a
 * requirement (`spans.specifier`: the specifier as written, for Poetry the constraint string's
 * contents), keeping the user's operators, spacing, quoting and comments:
 *
 *   update to V     `==1.2` → `==V`, `>=1.2` → `>=V`, `>1.2` → `>=V`, `~=1.2` → `~=` V cut to the same
 *                   number of segments, Poetry `^1.2`/`~1.2` likewise, `==1.*` → `==V1.*`, a bare
 *                   Poetry `1.2` → `V`; upper bounds (`<2`, `<=2`) stay when V still fits, else they
 *                   are widened at the same precision (`<2` → `<3`); no edit when that cannot work
 *                   (e.g. `!=V`) or for Poetry `||` unions
 *   pin exactly     `==V` (Poetry: `V`); inserted after the name/extras when there is no specifier
 */
import type { ParsedFile, Requirement } from '../model';
import { parseSpecifierAlternatives, parseSpecifierSet } from '../pep440';
import { translatePoetryConstraint } from '../poetry';
import type { Span } from '../span';
import { satisfies } from './build-insight';

export interface TextEdit {
  span: Span;
  newText: string;
}

/** Poetry tables write `name = "constraint"` / `name = { version = ... }`; PEP 508 strings write `name<spec>`. */
export function isPoetryRequirement(requirement: Requirement, text: string): boolean {
  return /^["']?\s*=(?!=)/.test(text.slice(requirement.spans.name.end, requirement.spans.whole.end));
}

/** Release segments of a version ('2.1.3rc1' → [2, 1, 3]); [] when there are none. */
function releaseSegments(version: string): number[] {
  const match = /^\s*v?(?:\d+!)?(\d+(?:\.\d+)*)/i.exec(version);
  return match ? match[1].split('.').map(Number) : [];
}

/** `version` cut (or padded with zeros) to `count` release segments. */
function withSegments(version: string, count: number): string {
  const segments = releaseSegments(version);
  return Array.from({ length: count }, (_, index) => segments[index] ?? 0).join('.');
}

/** Version text without a leading `v`, `.*` or Poetry `.x` wildcard. */
function segmentCount(version: string): number {
  return releaseSegments(version.replace(/\.[*xX]$/, '')).length;
}

// One clause: operator (optional: a bare version is an exact Poetry pin), spacing, version. Without
// an operator a clause never starts inside a run of spaces (it would start where the run does):
// trying there would rescan the run from every space of it.
const CLAUSE = /(?:(===|==|~=|!=|<=|>=|<|>|\^|~|=)|(?<!\s))(\s*)(v?\d[0-9A-Za-z.!+_*-]*)/g;

function isValid(written: string, version: string, poetry: boolean): boolean {
  const specifier = poetry ? translatePoetryConstraint(written).value?.pep440 : parseSpecifierSet(written.trim()).value?.text;
  if (specifier === undefined || specifier === null) return false;
  const sets = parseSpecifierAlternatives(specifier);
  return sets !== null && satisfies(sets, version, true);
}

function rewriteLowerBounds(written: string, version: string): string {
  return written.replace(CLAUSE, (whole, operator: string | undefined, spacing: string, current: string) => {
    const op = operator ?? '';
    if (op === '~=' || op === '^' || op === '~') return `${op}${spacing}${withSegments(version, Math.max(segmentCount(current), op === '~=' ? 2 : 1))}`;
    if ((op === '==' || op === '') && /\.[*xX]$/.test(current)) return `${op}${spacing}${withSegments(version, segmentCount(current))}${current.slice(-2)}`;
    if (op === '==' || op === '===' || op === '>=' || op === '=' || op === '') return `${op}${spacing}${version}`;
    if (op === '>') return `>=${spacing}${version}`;
    return whole;
  });
}

/**
 * Upper bounds just above `version` at the bound's precision, trailing zeros not counting:
 * `<2` → `<3` and `<2.0` → `<3.0` for 2.1.3; `<2.1` → `<2.4` for 2.3.0.
 */
function widenUpperBounds(written: string, version: string): string {
  return written.replace(CLAUSE, (whole, operator: string | undefined, spacing: string, current: string) => {
    if (operator === '<=') return `<=${spacing}${version}`;
    if (operator !== '<') return whole;
    const bound = releaseSegments(current);
    let significant = bound.length;
    while (significant > 1 && bound[significant - 1] === 0) significant--;
    const segments = releaseSegments(withSegments(version, bound.length));
    segments[significant - 1]++;
    segments.fill(0, significant);
    return `<${spacing}${segments.join('.')}`;
  });
}

/** The specifier rewritten to admit `version` in the user's style; null when there is nothing to do or it cannot work. */
export function updateToVersionEdit(requirement: Requirement, text: string, version: string): TextEdit | null {
  const span = requirement.spans.specifier;
  if (!span || requirement.url) return null;
  const written = text.slice(span.start, span.end);
  const poetry = isPoetryRequirement(requirement, text);
  if (written.includes('|') || !/\d/.test(written)) return null;
  let updated = rewriteLowerBounds(written, version);
  if (!isValid(updated, version, poetry)) updated = widenUpperBounds(updated, version);
  if (updated === written || !isValid(updated, version, poetry)) return null;
  return { span, newText: updated };
}

/** Replace the specifier with an exact pin (`==V`; Poetry: `V`), or insert one after the name. */
export function pinExactlyEdit(requirement: Requirement, text: string, version: string): TextEdit | null {
  if (requirement.url) return null;
  const span = requirement.spans.specifier;
  const poetry = isPoetryRequirement(requirement, text);
  const newText = poetry ? version : `==${version}`;
  if (span) return text.slice(span.start, span.end) === newText ? null : { span, newText };
  if (poetry) return null;
  const at = (requirement.spans.extras ?? requirement.spans.name).end;
  return { span: { start: at, end: at }, newText };
}

/** "Update all in this file": one edit per requirement that has a target version and an edit. */
export function updateAllEdits(file: ParsedFile, text: string, targets: ReadonlyMap<Requirement, string>): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const requirement of file.requirements) {
    const version = targets.get(requirement);
    const edit = version === undefined ? null : updateToVersionEdit(requirement, text, version);
    if (edit) edits.push(edit);
  }
  return edits;
}

/** Applies non-overlapping edits (for tests and the CLI). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start)) result = result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end);
  return result;
}
