/**
 * Poetry version constraints (`^1.2`, `~1.2.3`, `>=1,<2 || 3.*`) translated to PEP 440, following
 * poetry-core's `parse_constraint` (src/poetry/core/constraints/version/parser.py, patterns.py):
 *
 * - The text is split into OR groups on `||` (or a single `|`), each group into AND parts on `,` or
 *   a space that does not follow an operator (`>= 1.2` is one part, `>=1.2 <2` two).
 * - `*`, `x`, `X`, `v*.x` … mean "any"; so does an empty constraint (Poetry's default when none is given).
 * - Each part is tried, in poetry-core's order, as: tilde `~`, PEP 440 `~=`, caret `^`, an X range
 *   (`1.2.*`, `!=1.*`, `1.x`, `==1.2.X`), then a basic comparison (`>=`, `>`, `<=`, `<`, `==`, `=`, `!=`,
 *   none = `==`; `<>` matches too but poetry-core then treats it like no operator: `<>1.0` is `==1.0`).
 *   `x`/`X` as a release wildcard is accepted as poetry-core 1.x (Poetry ≤ 1.8) did;
 *   poetry-core 2.0 dropped it (python-poetry/poetry-core#770), so a Poetry 2 build rejects `1.x`.
 * - Wildcards follow poetry-core ≥ 1.6 (Poetry ≥ 1.5): `4.*` is [4.dev0, 5.dev0), that is `==4.*`
 *   (4.0.0a1 included); poetry-core ≤ 1.5 read it as >=4.0.0,<5.0.0. See wildcardRange.
 * - Whitespace may follow any operator, `^` included (`^ 1.2`, poetry-core#606).
 * - A local version label (`+cpu`) in a range (`>=1.2+cpu`, `^1.0+local`, `~1.0+x`) has no PEP 440
 *   spelling: reported as `local-version-in-range`, like a PEP 508 specifier.
 * - Bounds: `^` uses next_breaking, `~` next_minor (next_major for a one-part version), `~=` next_major
 *   for a two-part version and next_minor otherwise; all from the stable release (see ./version).
 *
 * Rendering: each part becomes one or two PEP 440 specifiers. Like poetry-core's intersection of
 * AND parts, only the tightest lower and upper bound of a group are kept (`^3.12,<3.14` →
 * `>=3.12,<3.14`), rendered lower bound first, then upper, then `==`/`!=` clauses. Lower bounds keep
 * the written number of release parts but are normalized like poetry-core's Version.text
 * (`^1.0-beta.2` → `>=1.0b2,<2.0`).
 */
import { compareVersions } from '../pep440';
import type { Span } from '../span';
import { memoizeString } from '../memo';
import {
  VERSION_SOURCE,
  nextBreaking,
  nextMajor,
  nextMinor,
  parsePoetryVersion,
  renderRelease,
  renderVersion,
  type PoetryVersion,
} from './version';
import { trimTrailing } from '../trim';

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
// Not from inside a run of spaces (the separator starts where the run does): that would rescan the run from each space.
const OR_SEPARATOR = /(?<!\s)\s*\|\|?\s*/g;

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
    const andText = trimTrailing(orPart.text, ',').trimEnd();
    // An AND part may itself be a union (`!=1.0a1.*`): the group then splits into alternatives.
    let partials: ConstraintClause[][] = [[]];
    for (const part of splitWithOffsets(andText, AND_SEPARATOR, orPart.start)) {
      const alternatives = parseSingleConstraint(part.text);
      const local = alternatives?.flat().find((clause) => ORDERED_OPERATORS.has(clause.op) && clause.version.includes('+'));
      if (local) {
        const label = local.version.slice(local.version.indexOf('+'));
        const message = `A local version label ('${label}') cannot be part of a range (${part.text}); only an exact version (==, !=) accepts one.`;
        errors.push({ code: 'local-version-in-range', message, span: { start: part.start, end: part.start + part.text.length } });
        continue;
      }
      if (alternatives) {
        partials = partials.flatMap((partial) => alternatives.map((clauses) => [...partial, ...clauses]));
        continue;
      }
      const spanOfPart = part.text === '' ? { start: trimmedStart, end: trimmedStart + trimmed.length } : { start: part.start, end: part.start + part.text.length };
      errors.push({ message: `Could not parse version constraint: ${part.text === '' ? text : part.text}`, span: spanOfPart });
    }
    groups.push(...partials.map(tightestBounds));
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

/**
 * One AND part → its alternatives, each an AND of clauses (`[[]]` = any; one alternative except for
 * a negated wildcard PEP 440 cannot spell), or null when poetry-core would raise ParseConstraintError.
 */
function parseSingleConstraint(part: string): ConstraintClause[][] | null {
  if (ANY_PATTERN.test(part)) return [[]];

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
    const version = parsePoetryVersion(xRange[2]);
    return version ? wildcardRange(version, xRange[1] === '!=') : null;
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
      return [[{ op: operator, version: version.text, wildcard: false, precision }]];
    case '!=':
      return basic[3] ? wildcardRange(version, true) : [[{ op: '!=', version: version.text, wildcard: false, precision }]];
    default:
      // `<>` is accepted by poetry-core's pattern but handled like no operator at all: an exact version.
      return basic[3] ? wildcardRange(version, false) : [[{ op: '==', version: version.text, wildcard: false, precision }]];
  }
}

function rangeFrom(versionText: string, upper: (version: PoetryVersion) => number[]): ConstraintClause[][] | null {
  const version = parsePoetryVersion(versionText);
  if (!version) return null;
  const max = upper(version);
  return [[
    { op: '>=', version: version.text, wildcard: false, precision: version.release.length },
    { op: '<', version: renderRelease(version.epoch, max), wildcard: false, precision: max.length },
  ]];
}

/**
 * `V.*` / `!=V.*` (poetry-core's _make_x_constraint_range): the range [min, max) with
 *   - V a release (a local label is dropped): min = V.dev0, max = next release at V's precision
 *     (`1.2` → `1.3`) .dev0; that is PEP 440's `==V.*` (`!=V.*` for the complement);
 *   - V a post-release: max = the next post-release (the same one when V has a dev part);
 *   - V a pre-release: max = the next pre-release (the same one when V has a dev part);
 *   - V a dev release: max = the next dev release;
 *   min = V with dev0 (also replacing V's own dev number), max with dev0 unless it is a dev release.
 * PEP 440 has no wildcard after a pre/post/dev part, so those are rendered as the range
 * `>=min,<max`, and their complement as the union `<min || >=max`. (poetry-core prints a
 * post-release range as `==2.0.post1.*`, which pip rejects.)
 */
function wildcardRange(version: PoetryVersion, invert: boolean): ConstraintClause[][] {
  const precision = version.release.length;
  const base = { epoch: version.epoch, release: version.release, pre: version.pre, post: version.post, dev: null, local: null };
  if (!version.pre && version.post === null && version.dev === null) {
    return [[{ op: invert ? '!=' : '==', version: renderVersion(base), wildcard: true, precision }]];
  }
  let next: Omit<PoetryVersion, 'text'>;
  if (version.post !== null) next = { ...base, post: version.dev === null ? version.post + 1 : version.post };
  else if (version.pre) next = { ...base, pre: version.dev === null ? { ...version.pre, number: version.pre.number + 1 } : version.pre };
  else next = { ...base, dev: version.dev! + 1 };
  const min = renderVersion({ ...base, dev: 0 });
  const max = renderVersion(next.dev === null ? { ...next, dev: 0 } : next);
  if (invert) return [[{ op: '<', version: min, wildcard: false, precision }], [{ op: '>=', version: max, wildcard: false, precision }]];
  return [[{ op: '>=', version: min, wildcard: false, precision }, { op: '<', version: max, wildcard: false, precision }]];
}
