/**
 * Poetry version constraints (`^1.2`, `~1.2.3`, `>=1,<2 || 3.*`) translated to PEP 440, following
 * poetry-core's `parse_constraint` (src/poetry/core/constraints/version/parser.py, patterns.py):
 *
 * - The text is split into OR groups on `||` (or a single `|`), each group into AND parts on `,` or
 *   a space that does not follow an operator (`>= 1.2` is one part, `>=1.2 <2` two).
 * - `*`, `x`, `X`, `v*.x` … mean "any"; so does an empty constraint (Poetry's default when none is given).
 * - Each part is tried, in poetry-core's order, as: tilde `~`, PEP 440 `~=`, caret `^`, an X range
 *   (`1.2.*`, `!=1.*`, `1.x`, `==1.2.X`), then a basic comparison (`>=`, `>`, `<=`, `<`, `==`, `=`, `!=`,
 *   none = `==`). `x`/`X` as a release wildcard is accepted as poetry-core 1.x (Poetry ≤ 1.8) did;
 *   poetry-core 2.0 dropped it (python-poetry/poetry-core#770), so a Poetry 2 build rejects `1.x`.
 * - Whitespace may follow any operator, `^` included (`^ 1.2`, poetry-core#606).
 * - A local version label (`+cpu`) in a range (`>=1.2+cpu`, `^1.0+local`, `~1.0+x`) has no PEP 440
 *   spelling: reported as `local-version-in-range`, like a PEP 508 specifier.
 * - Bounds: `^` uses next_breaking, `~` next_minor (next_major for a one-part version), `~=` next_major
 *   for a two-part version and next_minor otherwise; all from the stable release (see ./version).
 *
 * Rendering: each part becomes one or two PEP 440 specifiers. Like poetry-core's intersection of
 * AND parts, only the tightest lower and upper bound of a group are kept (`^3.12,<3.14` →
 * `>=3.12,<3.14`), rendered lower bound first, then upper, then `==`/`!=` clauses. Lower bounds keep
 * the version as written (minus a leading `v`).
 */
import { compareVersions } from '../pep440';
import type { Span } from '../span';
import { memoizeString } from '../memo';
import {
  VERSION_SOURCE,
  isReleaseOnly,
  nextBreaking,
  nextMajor,
  nextMinor,
  parsePoetryVersion,
  renderRelease,
  renderVersion,
  type PoetryVersion,
} from './version';

export interface ConstraintError {
  /** Absent for a constraint poetry-core rejects (`invalid-poetry-constraint`). */
  code?: 'local-version-in-range';
  message: string;
  /** Relative to the text given to the translator. */
  span: Span;
}

export type ClauseOperator = '>=' | '>' | '<=' | '<' | '==' | '!=';

/** One PEP 440 specifier produced from a Poetry constraint part. */
export interface ConstraintClause {
  op: ClauseOperator;
  /** PEP 440 version text; for wildcards the release without the trailing `.*`. */
  version: string;
  wildcard: boolean;
  /** Number of release parts of the version (poetry-core's `precision`). */
  precision: number;
}

/**
 * The translated constraint: OR groups of AND-ed clauses. An empty group means "any version";
 * a constraint containing one is unconstrained.
 */
export type ConstraintGroups = ConstraintClause[][];

export interface TranslatedConstraint {
  /** PEP 440 alternatives joined by ' || ' ('' when unconstrained). */
  pep440: string;
  /** One PEP 440 specifier set per `||` alternative ([] when unconstrained). */
  alternatives: string[];
}

const ANY_PATTERN = /^v?[x*](\.[x*])*$/i;
const TILDE_PATTERN = new RegExp(`^~(?!=)\\s*(${VERSION_SOURCE})$`, 'i');
const TILDE_PEP440_PATTERN = new RegExp(`^~=\\s*(${VERSION_SOURCE})$`, 'i');
const CARET_PATTERN = new RegExp(`^\\^\\s*(${VERSION_SOURCE})$`, 'i');
/** poetry-core 1.x's X_CONSTRAINT: up to three numeric parts followed by `.*`, `.x` or `.X` wildcards. */
const X_RANGE_PATTERN = /^(!=|==)?\s*v?(\d+(?:\.\d+)?(?:\.\d+)?)(?:\.[xX*])+$/;
const BASIC_PATTERN = new RegExp(`^(<>|!=|>=?|<=?|==?)?\\s*(${VERSION_SOURCE}|dev)(\\.\\*)?$`, 'i');
/** poetry-core splits AND parts with this expression (a `,` or space not right after an operator, `^` included). */
const AND_SEPARATOR = /(?<!^)(?<![~=>< ,^]) *(?<!-)[, ](?!-) *(?!,|$)/g;
const ORDERED_OPERATORS = new Set<ClauseOperator>(['>=', '>', '<=', '<']);
const OR_SEPARATOR = /\s*\|\|?\s*/g;

/** Poetry constraint → PEP 440 (memoized: the result is shared and must not be mutated). */
export const translatePoetryConstraint: (text: string) => { value: TranslatedConstraint | null; errors: ConstraintError[] } = memoizeString(
  (text) => {
    const { value, errors } = parsePoetryConstraintGroups(text);
    if (!value) return { value: null, errors };
    return { value: renderPep440(value), errors };
  },
);

export function renderPep440(groups: ConstraintGroups): TranslatedConstraint {
  if (groups.some((group) => group.length === 0)) return { pep440: '', alternatives: [] };
  const alternatives: string[] = [];
  for (const group of groups) {
    const rendered = group.map(renderClause).join(',');
    if (!alternatives.includes(rendered)) alternatives.push(rendered);
  }
  return { pep440: alternatives.join(' || '), alternatives };
}

function renderClause(clause: ConstraintClause): string {
  return `${clause.op}${clause.version}${clause.wildcard ? '.*' : ''}`;
}

/** Parses a Poetry constraint into OR groups of clauses (shared with the marker translation). */
export function parsePoetryConstraintGroups(text: string): { value: ConstraintGroups | null; errors: ConstraintError[] } {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '*') return { value: [[]], errors: [] };
  const trimmedStart = text.indexOf(trimmed);
  const errors: ConstraintError[] = [];
  const groups: ConstraintGroups = [];
  for (const orPart of splitWithOffsets(trimmed, OR_SEPARATOR, trimmedStart)) {
    // poetry-core tolerates trailing commas: `constraints.rstrip(",").rstrip()`.
    const andText = orPart.text.replace(/,+$/, '').trimEnd();
    const group: ConstraintClause[] = [];
    for (const part of splitWithOffsets(andText, AND_SEPARATOR, orPart.start)) {
      const clauses = parseSingleConstraint(part.text);
      const local = clauses?.find((clause) => ORDERED_OPERATORS.has(clause.op) && clause.version.includes('+'));
      if (local) {
        const label = local.version.slice(local.version.indexOf('+'));
        const message = `A local version label ('${label}') cannot be part of a range (${part.text}); only an exact version (==, !=) accepts one.`;
        errors.push({ code: 'local-version-in-range', message, span: { start: part.start, end: part.start + part.text.length } });
        continue;
      }
      if (clauses) {
        group.push(...clauses);
        continue;
      }
      const spanOfPart = part.text === '' ? { start: trimmedStart, end: trimmedStart + trimmed.length } : { start: part.start, end: part.start + part.text.length };
      errors.push({ message: `Could not parse version constraint: ${part.text === '' ? text : part.text}`, span: spanOfPart });
    }
    groups.push(tightestBounds(group));
  }
  return errors.length ? { value: null, errors } : { value: groups, errors };
}

/**
 * Keeps the highest lower bound and the lowest upper bound of an AND group (at equal versions the
 * exclusive operator is the tighter one); `==` and `!=` clauses follow in their written order.
 */
function tightestBounds(group: ConstraintClause[]): ConstraintClause[] {
  let lower: ConstraintClause | undefined;
  let upper: ConstraintClause | undefined;
  const others: ConstraintClause[] = [];
  for (const clause of group) {
    if (clause.op === '>=' || clause.op === '>') {
      const order = lower ? compareVersions(clause.version, lower.version) : 1;
      if (order > 0 || (order === 0 && clause.op === '>')) lower = clause;
    } else if (clause.op === '<' || clause.op === '<=') {
      const order = upper ? compareVersions(clause.version, upper.version) : -1;
      if (order < 0 || (order === 0 && clause.op === '<')) upper = clause;
    } else if (!others.some((other) => renderClause(other) === renderClause(clause))) {
      others.push(clause);
    }
  }
  return [...(lower ? [lower] : []), ...(upper ? [upper] : []), ...others];
}

function splitWithOffsets(text: string, separator: RegExp, offset: number): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  let start = 0;
  for (const match of text.matchAll(separator)) {
    if (match[0] === '') continue;
    parts.push({ text: text.slice(start, match.index), start: offset + start });
    start = match.index + match[0].length;
  }
  parts.push({ text: text.slice(start), start: offset + start });
  return parts;
}

/** One AND part → its clauses ([] = any), or null when poetry-core would raise ParseConstraintError. */
function parseSingleConstraint(part: string): ConstraintClause[] | null {
  if (ANY_PATTERN.test(part)) return [];

  const tilde = TILDE_PATTERN.exec(part);
  if (tilde) {
    return rangeFrom(tilde[1], (version) => (version.release.length === 1 ? nextMajor(version.release) : nextMinor(version.release)));
  }
  const compatible = TILDE_PEP440_PATTERN.exec(part);
  if (compatible) {
    return rangeFrom(compatible[1], (version) => (version.release.length === 2 ? nextMajor(version.release) : nextMinor(version.release)));
  }
  const caret = CARET_PATTERN.exec(part);
  if (caret) return rangeFrom(caret[1], (version) => nextBreaking(version.release));

  const xRange = X_RANGE_PATTERN.exec(part);
  if (xRange) {
    const release = xRange[2];
    return [{ op: xRange[1] === '!=' ? '!=' : '==', version: release, wildcard: true, precision: release.split('.').length }];
  }

  const basic = BASIC_PATTERN.exec(part);
  if (!basic) return null;
  const operator = basic[1] ?? '';
  const version = parsePoetryVersion(basic[2].toLowerCase() === 'dev' ? '0.0.dev0' : basic[2]);
  if (!version) return null;
  const precision = version.release.length;
  switch (operator) {
    case '<':
    case '<=':
    case '>':
    case '>=':
      // poetry-core ignores a wildcard after an ordering operator (`>=1.2.*` is `>=1.2`).
      return [{ op: operator, version: version.text, wildcard: false, precision }];
    case '!=':
    case '<>': // poetry's historical spelling of "not equal"
      return basic[3] ? wildcardClauses(version, true) : [{ op: '!=', version: version.text, wildcard: false, precision }];
    default:
      return basic[3] ? wildcardClauses(version, false) : [{ op: '==', version: version.text, wildcard: false, precision }];
  }
}

function rangeFrom(versionText: string, upper: (version: PoetryVersion) => number[]): ConstraintClause[] | null {
  const version = parsePoetryVersion(versionText);
  if (!version) return null;
  const max = upper(version);
  return [
    { op: '>=', version: version.text, wildcard: false, precision: version.release.length },
    { op: '<', version: renderRelease(version.epoch, max), wildcard: false, precision: max.length },
  ];
}

/**
 * `==V.*` / `!=V.*` where V is not a bare release (poetry-core's _make_x_constraint_range): PEP 440
 * has no wildcard after a pre/post/dev part, so render the equivalent range [V.dev0, next.dev0).
 */
function wildcardClauses(version: PoetryVersion, negate: boolean): ConstraintClause[] | null {
  const precision = version.release.length;
  if (isReleaseOnly(version)) return [{ op: negate ? '!=' : '==', version: version.text, wildcard: true, precision }];
  if (version.local !== null || negate) return null;
  const next = { ...version, local: null };
  if (version.dev !== null) next.dev = version.dev + 1;
  else if (version.post !== null) next.post = version.post + 1;
  else if (version.pre) next.pre = { ...version.pre, number: version.pre.number + 1 };
  const min = renderVersion({ ...version, dev: version.dev ?? 0 });
  const max = renderVersion({ ...next, dev: next.dev ?? 0 });
  return [
    { op: '>=', version: min, wildcard: false, precision },
    { op: '<', version: max, wildcard: false, precision },
  ];
}
