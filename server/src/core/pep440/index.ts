/**
 * PEP 440 public API of core (contract used by every parser and check). Implementation: see files
 * in this folder. Parsing and letter normalization come from @renovatebot/pep440 (version.ts);
 * the order compares the parsed records (cached; tested against the library's compare and
 * packaging's vectors); specifier parsing, matching and intersection are our own.
 */
import type { Span } from '../span';

export interface SpecifierError {
  code: 'invalid-specifier' | 'local-version-in-range';
  message: string;
  /** Relative to the text given to parseSpecifierSet. */
  span: Span;
}

export interface Specifier {
  operator: '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';
  /** Version text as written (may end in `.*` for == and !=). */
  version: string;
  span: Span;
}

/** parseSpecifierSet returns `value: null` when any specifier is invalid; `errors` then lists each one. */
export interface SpecifierSet {
  specifiers: Specifier[];
  /** Normalized text: specifiers joined by ',' without spaces, e.g. '>=1.0,<2'. */
  text: string;
}

export interface MatchOptions {
  /**
   * true: pre-releases are allowed (use when checking a locked or installed version).
   * false: pre-releases never match.
   * undefined: PEP 440 default — allowed only if a specifier explicitly mentions a pre-release.
   */
  prereleases?: boolean;
}

/*
 * Functions (none of them throws, whatever the input):
 * - isValidVersion(text), normalizeVersion(text) -> canonical text or null, isPrerelease(version)
 *   (false for an invalid version). Surrounding whitespace is allowed, as in packaging.
 * - compareVersions(a, b): total PEP 440 order; invalid versions sort before every valid one and
 *   are ordered by their text among themselves (equal only when the texts are equal).
 * - parseSpecifierSet(text): '' gives an empty set (matches everything); see SpecifierSet.
 * - specifierSetContains(set, version, options): does the version satisfy every specifier? Invalid
 *   versions never match (except for ===).
 * - filterVersions(set, versions, options): PEP 440 candidate selection (packaging >= 25): when
 *   options.prereleases is undefined and no specifier mentions a pre-release, pre-releases are
 *   returned only if no final release matches. An empty set keeps non-PEP 440 items, as packaging.
 * - specifierSetsIntersect(a, b): is there a version (pre-releases allowed) satisfying both sets?
 */
export { isValidVersion, normalizeVersion, compareVersions, isPrerelease } from './version';
export { parseSpecifierSet } from './specifier-parse';
export { specifierSetContains, filterVersions } from './specifier-match';
export { specifierSetsIntersect } from './intersect';
export { parseSpecifierAlternatives, versionSatisfies } from './satisfies';
