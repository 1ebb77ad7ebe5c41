/**
 * PEP 508 dependency specifiers, following pypa/packaging's parser (grammar, messages):
 *
 *   requirement = WS? NAME WS? extras? WS? details END
 *   extras      = '[' WS? (NAME (WS? ',' WS? NAME)*)? WS? ']'
 *   details     = '@' WS? URL (WS (';' marker WS?)?)?
 *               | specifier WS? (';' marker WS?)?
 *   specifier   = '(' WS? versions WS? ')' | WS? versions WS?
 *   versions    = (SPECIFIER (WS? ',' WS? SPECIFIER)*)?
 *
 * WS is spaces and tabs only; a URL runs to the next space or tab (so `url;` keeps the `;`).
 * The specifier text is read by parseSpecifierSet; its errors keep their own codes.
 */
import { parseSpecifierSet } from '../pep440';
import { shiftSpan, type Span } from '../span';
import { readMarker } from './marker-parser';
import { Scanner, SyntaxFailure } from './scanner';
import { matchOneSegmentCompatibleRelease, matchSpecifierToken, skipLocalLabel } from './specifier-token';
import type { Marker, ParsedRequirement, RequirementError } from './types';

interface ExtrasResult {
  extras: string[];
  span?: Span;
}

function readExtras(scanner: Scanner): ExtrasResult {
  if (scanner.code() !== 91 /* [ */) return { extras: [] };
  const open = scanner.pos;
  scanner.pos++;
  scanner.skipBlanks();
  const extras: string[] = [];
  const first = scanner.readIdentifier('extra name');
  if (first !== null) {
    extras.push(first);
    for (;;) {
      scanner.skipBlanks();
      if (scanner.matchIdentifier() >= 0) scanner.fail('Expected comma between extra names');
      if (scanner.code() !== 44 /* , */) break;
      scanner.pos++;
      scanner.skipBlanks();
      const extra = scanner.readIdentifier('extra name');
      if (extra === null) scanner.fail('Expected extra name after comma');
      extras.push(extra);
    }
  }
  scanner.skipBlanks();
  if (scanner.code() !== 93 /* ] */) {
    scanner.fail('Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras', open, Math.max(scanner.pos, open + 1));
  }
  scanner.pos++;
  return { extras, span: { start: open, end: scanner.pos } };
}

/** A `.*` or `+local` right after a specifier whose operator does not allow it. */
interface GluedSuffix {
  /** From the start of the specifier to the end of the suffix. */
  span: Span;
  kind: 'wildcard' | 'local';
}

interface VersionsResult {
  /** First to last specifier; undefined when there is none. */
  span?: Span;
  gluedSuffixes: GluedSuffix[];
}

/**
 * Reads `versions`. A glued `.*` or `+local` is taken into the specifier text, so that
 * parseSpecifierSet reports it with its own code (packaging stops with a syntax error there).
 */
function readVersions(scanner: Scanner): VersionsResult {
  const result: VersionsResult = { gluedSuffixes: [] };
  for (;;) {
    const start = scanner.pos;
    // `~=4` is reported by parseSpecifierSet (invalid-specifier) rather than as a syntax error.
    let end = matchSpecifierToken(scanner.text, start);
    if (end < 0) end = matchOneSegmentCompatibleRelease(scanner.text, start);
    if (end < 0) break;
    if (scanner.text.startsWith('.*', end)) {
      end += 2;
      result.gluedSuffixes.push({ span: { start, end }, kind: 'wildcard' });
    } else if (skipLocalLabel(scanner.text, end) > end) {
      end = skipLocalLabel(scanner.text, end);
      result.gluedSuffixes.push({ span: { start, end }, kind: 'local' });
    }
    result.span = { start: result.span?.start ?? start, end };
    scanner.pos = end;
    scanner.skipBlanks();
    if (scanner.code() !== 44 /* , */) break;
    scanner.pos++;
    scanner.skipBlanks();
  }
  return result;
}

/** packaging's message for a glued suffix, used if parseSpecifierSet did not already object. */
function gluedSuffixError(text: string, suffix: GluedSuffix): RequirementError {
  if (suffix.kind === 'local') {
    return { code: 'local-version-in-range', message: 'Local version label can only be used with `==` or `!=` operators', span: suffix.span };
  }
  const exact = text.startsWith('==', suffix.span.start) || text.startsWith('!=', suffix.span.start);
  const message = exact
    ? '.* suffix cannot be used with pre-release, post-release, dev or local versions'
    : '.* suffix can only be used with `==` or `!=` operators';
  return { code: 'invalid-specifier', message, span: suffix.span };
}

function readSpecifier(scanner: Scanner): VersionsResult {
  if (scanner.code() !== 40 /* ( */) {
    scanner.skipBlanks();
    return readVersions(scanner);
  }
  const open = scanner.pos;
  scanner.pos++;
  scanner.skipBlanks();
  const versions = readVersions(scanner);
  scanner.skipBlanks();
  if (scanner.code() !== 41 /* ) */) {
    scanner.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier', open, Math.max(scanner.pos, open + 1));
  }
  scanner.pos++;
  return versions;
}

/** `';' marker WS?`, with the message packaging gives when the semicolon is missing. */
/** A version operator with nothing after it (`pandas>=`, `requests>=2,<`): the usual half-typed requirement. */
const DANGLING_OPERATOR = /^(===|~=|==|!=|<=|>=|<|>)[ \t]*(?=$|[,;])/;

function readRequirementMarker(scanner: Scanner, expected: string): { marker: Marker; span: Span } {
  if (scanner.code() !== 59 /* ; */) {
    const dangling = DANGLING_OPERATOR.exec(scanner.text.slice(scanner.pos));
    if (dangling) {
      scanner.fail(`Expected ${expected} or end: the operator '${dangling[1]}' needs a version after it`, scanner.pos, scanner.pos + dangling[1].length);
    }
    scanner.fail(`Expected ${expected} or end`);
  }
  scanner.pos++;
  scanner.skipBlanks();
  const start = scanner.pos;
  const marker = readMarker(scanner);
  let end = scanner.pos;
  while (end > start && (scanner.text.charCodeAt(end - 1) === 32 || scanner.text.charCodeAt(end - 1) === 9)) end--;
  scanner.skipBlanks();
  return { marker, span: { start, end } };
}

function parseRequirementOrFail(text: string, specifierErrors: RequirementError[]): ParsedRequirement {
  const scanner: Scanner = new Scanner(text);
  scanner.skipBlanks();
  const nameStart = scanner.pos;
  const name = scanner.readIdentifier('package name');
  if (name === null) scanner.fail('Expected package name at the start of dependency specifier');
  const nameSpan = { start: nameStart, end: scanner.pos };
  scanner.skipBlanks();
  const { extras, span: extrasSpan } = readExtras(scanner);
  scanner.skipBlanks();

  const result: ParsedRequirement = {
    name, nameSpan, extras, extrasSpan,
    specifier: '', url: null, marker: null,
  };
  if (scanner.code() === 64 /* @ */) {
    scanner.pos++;
    scanner.skipBlanks();
    const urlStart = scanner.pos;
    while (!scanner.atEnd() && scanner.code() !== 32 && scanner.code() !== 9) scanner.pos++;
    if (scanner.pos === urlStart) scanner.fail('Expected URL after @');
    result.url = text.slice(urlStart, scanner.pos);
    result.urlSpan = { start: urlStart, end: scanner.pos };
    scanner.skipBlanks();
    if (!scanner.atEnd()) {
      if (result.url.endsWith(';') && scanner.code() !== 59) {
        scanner.fail(
          "Expected semicolon (after URL and whitespace) or end: a ';' right after the URL is part of the URL, put a space before it",
          result.urlSpan.end - 1, result.urlSpan.end,
        );
      }
      const { marker, span } = readRequirementMarker(scanner, 'semicolon (after URL and whitespace)');
      result.marker = marker;
      result.markerSpan = span;
    }
  } else {
    const versions = readSpecifier(scanner);
    scanner.skipBlanks();
    const specifierSpan = versions.span;
    if (specifierSpan) {
      const specifierText = text.slice(specifierSpan.start, specifierSpan.end);
      const parsed = parseSpecifierSet(specifierText);
      for (const error of parsed.errors) {
        specifierErrors.push({ code: error.code, message: error.message, span: shiftSpan(error.span, specifierSpan.start) });
      }
      if (parsed.errors.length === 0) specifierErrors.push(...versions.gluedSuffixes.map((suffix) => gluedSuffixError(text, suffix)));
      result.specifier = parsed.value?.text ?? specifierText;
      result.specifierSpan = specifierSpan;
    }
    if (!scanner.atEnd()) {
      const expected = specifierSpan
        ? 'comma (within version specifier), semicolon (after version specifier)'
        : 'semicolon (after name with no version specifier)';
      const { marker, span } = readRequirementMarker(scanner, expected);
      result.marker = marker;
      result.markerSpan = span;
    }
  }
  if (!scanner.atEnd()) scanner.fail('Expected end of dependency specifier');
  return result;
}

/**
 * Parses one PEP 508 requirement. Never throws. On any error `value` is null and `errors` says
 * what is wrong and where (spans relative to `text`).
 */
export function parseRequirement(text: string): { value: ParsedRequirement | null; errors: RequirementError[] } {
  const specifierErrors: RequirementError[] = [];
  try {
    const value = parseRequirementOrFail(text, specifierErrors);
    return specifierErrors.length > 0 ? { value: null, errors: specifierErrors } : { value, errors: [] };
  } catch (failure) {
    if (!(failure instanceof SyntaxFailure)) throw failure;
    return { value: null, errors: [...specifierErrors, failure.error] };
  }
}
