/**
 * Parses a PEP 440 specifier set (`>= 1.0 , < 2`). Never throws: every invalid specifier becomes
 * an error whose span covers that specifier (trimmed), relative to the text given.
 */
import type { Specifier, SpecifierError, SpecifierSet } from './index';
import { parseVersion } from './version';
import { containsPythonWhitespace, trimRange } from './whitespace';

type Operator = Specifier['operator'];

/** Longest first, so that `===` is not read as `==` and `<=` not as `<`. */
const OPERATORS: readonly Operator[] = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];

/** Operators that order versions: PEP 440 forbids a local label in their version. */
const ORDERED_OPERATORS: ReadonlySet<Operator> = new Set<Operator>(['~=', '<=', '>=', '<', '>']);

/** A release-only version, the only form allowed before a trailing `.*`. */
const WILDCARD_BASE = /^v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*$/i;

type SpecifierResult = { specifier: Specifier; error?: undefined } | { error: SpecifierError; specifier?: undefined };

export function parseSpecifierSet(text: string): { value: SpecifierSet | null; errors: SpecifierError[] } {
  const source = typeof text === 'string' ? text : '';
  const specifiers: Specifier[] = [];
  const errors: SpecifierError[] = [];
  let pieceStart = 0;
  while (pieceStart <= source.length) {
    const comma = source.indexOf(',', pieceStart);
    const pieceEnd = comma === -1 ? source.length : comma;
    const range = trimRange(source, pieceStart, pieceEnd);
    // Empty pieces (`>=1,,<2`, a trailing comma) are ignored, as packaging does.
    if (range.end > range.start) {
      const result = parseOneSpecifier(source, range.start, range.end);
      if (result.error) errors.push(result.error);
      else specifiers.push(result.specifier);
    }
    pieceStart = pieceEnd + 1;
  }
  if (errors.length > 0) return { value: null, errors };
  return { value: { specifiers, text: specifiers.map((s) => s.operator + s.version).join(',') }, errors };
}

function parseOneSpecifier(text: string, start: number, end: number): SpecifierResult {
  const span = { start, end };
  const written = text.slice(start, end);
  const invalid = (message: string): SpecifierResult => ({ error: { code: 'invalid-specifier', message, span } });

  const operator = OPERATORS.find((candidate) => written.startsWith(candidate));
  if (!operator) return invalid(missingOperatorMessage(written));

  const versionRange = trimRange(text, start + operator.length, end);
  const version = text.slice(versionRange.start, versionRange.end);
  if (version === '') return invalid(`Missing version after '${operator}'.`);

  if (operator === '===') {
    if (/[;)]/.test(version) || containsPythonWhitespace(version)) {
      return invalid(`The arbitrary version after '===' cannot contain whitespace, ';' or ')'.`);
    }
    return { specifier: { operator, version, span } };
  }

  if (containsPythonWhitespace(version)) {
    return invalid(/\s[<>=!~]/.test(version)
      ? `Missing ',' between specifiers in '${written}'.`
      : `Invalid version '${version}': versions cannot contain spaces.`);
  }

  if (version.endsWith('.*')) {
    const message = wildcardProblem(operator, version.slice(0, -2));
    return message ? invalid(message) : { specifier: { operator, version, span } };
  }
  if (version.includes('*')) return invalid(`Invalid version '${version}': '.*' may only end the version.`);

  const parsed = parseVersion(version);
  if (!parsed) return invalid(`Invalid version '${version}' (not PEP 440).`);
  if (parsed.local && ORDERED_OPERATORS.has(operator)) {
    const label = version.slice(version.indexOf('+'));
    return {
      error: {
        code: 'local-version-in-range',
        message: `A local version label ('${label}') is not allowed with '${operator}'; only '==' and '!=' accept one.`,
        span,
      },
    };
  }
  if (operator === '~=' && parsed.release.length < 2) {
    return invalid(`'~=' needs at least two release segments (e.g. '~=${version}.0').`);
  }
  return { specifier: { operator, version, span } };
}

function wildcardProblem(operator: Operator, base: string): string | null {
  if (operator !== '==' && operator !== '!=') {
    return `A '.*' prefix match is only allowed with '==' and '!=', not '${operator}'.`;
  }
  if (WILDCARD_BASE.test(base)) return null;
  if (parseVersion(base)) {
    return `'.*' must follow a release number only, not a pre-, post-, dev-release or local label ('${base}.*').`;
  }
  return `Invalid version '${base}.*' (not PEP 440).`;
}

function missingOperatorMessage(written: string): string {
  if (written.startsWith('=>') || written.startsWith('=<')) {
    return `Unknown operator '${written.slice(0, 2)}'; did you mean '${written[1]}='?`;
  }
  if (written.startsWith('=')) return `'=' is not a version operator; use '=='.`;
  if (written.startsWith('~') || written.startsWith('^')) {
    return `'${written[0]}' is not a PEP 440 operator; use '~=' (compatible release) or a range such as '>=1.2,<2'.`;
  }
  if (/^v?[0-9]/i.test(written)) return `Missing operator before version '${written}' (e.g. '==${written}').`;
  return `Expected a version operator (==, !=, <=, >=, <, >, ~=, ===) at '${written}'.`;
}
