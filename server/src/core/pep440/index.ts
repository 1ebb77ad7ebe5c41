/**
 * PEP 440 public API of core (contract used by every parser and check). Implementation: see files
 * in this folder. Parsing, normalization and ordering come from @renovatebot/pep440; specifier
 * matching is our own.
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

export declare function isValidVersion(text: string): boolean;
export declare function normalizeVersion(text: string): string | null;
/** Total PEP 440 order; invalid versions sort before every valid one (and compare equal among themselves by text). */
export declare function compareVersions(a: string, b: string): number;
export declare function isPrerelease(version: string): boolean;
export declare function parseSpecifierSet(text: string): { value: SpecifierSet | null; errors: SpecifierError[] };
/** Does the version satisfy every specifier? Invalid versions never match (except for ===). Never throws. */
export declare function specifierSetContains(set: SpecifierSet, version: string, options?: MatchOptions): boolean;
/** PEP 440 candidate selection: filter, applying the pre-release rules (pre-releases only if nothing else matches, when options.prereleases is undefined). */
export declare function filterVersions(set: SpecifierSet, versions: readonly string[], options?: MatchOptions): string[];
/** Is there any version (pre-releases allowed) satisfying both sets? */
export declare function specifierSetsIntersect(a: SpecifierSet, b: SpecifierSet): boolean;
