/**
 * Where one version specifier ends inside a requirement: a hand-written equivalent of the
 * SPECIFIER token of pypa/packaging (its `Specifier._specifier_regex_str`, case-insensitive). The
 * token only decides where the specifier text ends; its meaning comes from parseSpecifierSet.
 *
 *   ===  \s* [^\s;)]*
 *   == != \s* v? (N!)? N(.N)*  ( .*  |  pre? post? dev? local? )
 *   ~=    \s* v? (N!)? N(.N)+  pre? post? dev?
 *   <= >= < >  \s* v? (N!)? N(.N)*  pre? post? dev?
 *
 * Each optional part is taken when it matches (the regex never needs to give one back, because
 * everything after it is optional too), so a single forward scan gives the regex's match.
 */
import { isAsciiAlphanumeric, isAsciiDigit, isPythonWhitespace } from './scanner';

const PRE_RELEASE_WORDS = ['alpha', 'beta', 'preview', 'pre', 'a', 'b', 'c', 'rc'];
const POST_RELEASE_WORDS = ['post', 'rev', 'r'];
const DEV_RELEASE_WORDS = ['dev'];

function isSeparator(code: number): boolean {
  return code === 45 || code === 95 || code === 46; // - _ .
}

function skipDigits(text: string, index: number): number {
  while (isAsciiDigit(text.charCodeAt(index))) index++;
  return index;
}

function skipPythonWhitespace(text: string, index: number): number {
  while (index < text.length && isPythonWhitespace(text.charCodeAt(index))) index++;
  return index;
}

/** First word of `words` (case-insensitive ASCII) at index; returns its end or -1. */
function matchWord(text: string, index: number, words: readonly string[]): number {
  for (const word of words) {
    if (text.length - index < word.length) continue;
    if (text.slice(index, index + word.length).toLowerCase() === word) return index + word.length;
  }
  return -1;
}

/** `[-_.]? (word) [-_.]? [0-9]*`, or index itself when it does not match. */
function skipLabeledSegment(text: string, index: number, words: readonly string[]): number {
  let wordEnd = -1;
  if (isSeparator(text.charCodeAt(index))) wordEnd = matchWord(text, index + 1, words);
  if (wordEnd < 0) wordEnd = matchWord(text, index, words);
  if (wordEnd < 0) return index;
  if (isSeparator(text.charCodeAt(wordEnd))) wordEnd++;
  return skipDigits(text, wordEnd);
}

/** `\+[a-z0-9]+([-_.][a-z0-9]+)*` (case-insensitive), or index itself. */
export function skipLocalLabel(text: string, index: number): number {
  if (text.charCodeAt(index) !== 43 /* + */ || !isAsciiAlphanumeric(text.charCodeAt(index + 1))) return index;
  let end = index + 1;
  for (;;) {
    while (isAsciiAlphanumeric(text.charCodeAt(end))) end++;
    if (isSeparator(text.charCodeAt(end)) && isAsciiAlphanumeric(text.charCodeAt(end + 1))) end++;
    else return end;
  }
}

interface VersionRules {
  minimumReleaseParts: number;
  allowWildcardAndLocal: boolean;
}

/** The version after an operator; returns its end or -1. */
function matchVersion(text: string, index: number, rules: VersionRules): number {
  if (text.charCodeAt(index) === 118 || text.charCodeAt(index) === 86) index++; // v / V
  const epochDigitsEnd = skipDigits(text, index);
  if (epochDigitsEnd > index && text.charCodeAt(epochDigitsEnd) === 33 /* ! */) index = epochDigitsEnd + 1;
  let end = skipDigits(text, index);
  if (end === index) return -1;
  let releaseParts = 1;
  while (text.charCodeAt(end) === 46 && isAsciiDigit(text.charCodeAt(end + 1))) {
    end = skipDigits(text, end + 1);
    releaseParts++;
  }
  if (releaseParts < rules.minimumReleaseParts) return -1;
  if (rules.allowWildcardAndLocal && text.charCodeAt(end) === 46 && text.charCodeAt(end + 1) === 42) return end + 2;
  end = skipLabeledSegment(text, end, PRE_RELEASE_WORDS);
  if (text.charCodeAt(end) === 45 && isAsciiDigit(text.charCodeAt(end + 1))) end = skipDigits(text, end + 1);
  else end = skipLabeledSegment(text, end, POST_RELEASE_WORDS);
  end = skipLabeledSegment(text, end, DEV_RELEASE_WORDS);
  if (rules.allowWildcardAndLocal) end = skipLocalLabel(text, end);
  return end;
}

/** End of the specifier token starting at index, or -1 when there is none. */
export function matchSpecifierToken(text: string, index: number): number {
  if (text.startsWith('===', index)) {
    let end = skipPythonWhitespace(text, index + 3);
    while (end < text.length) {
      const code = text.charCodeAt(end);
      if (isPythonWhitespace(code) || code === 59 /* ; */ || code === 41 /* ) */) break;
      end++;
    }
    return end;
  }
  const twoCharacters = text.slice(index, index + 2);
  let operatorEnd: number;
  let rules: VersionRules;
  if (twoCharacters === '==' || twoCharacters === '!=') {
    operatorEnd = index + 2;
    rules = { minimumReleaseParts: 1, allowWildcardAndLocal: true };
  } else if (twoCharacters === '~=') {
    operatorEnd = index + 2;
    rules = { minimumReleaseParts: 2, allowWildcardAndLocal: false };
  } else if (twoCharacters === '<=' || twoCharacters === '>=') {
    operatorEnd = index + 2;
    rules = { minimumReleaseParts: 1, allowWildcardAndLocal: false };
  } else if (twoCharacters.startsWith('<') || twoCharacters.startsWith('>')) {
    operatorEnd = index + 1;
    rules = { minimumReleaseParts: 1, allowWildcardAndLocal: false };
  } else {
    return -1;
  }
  return matchVersion(text, skipPythonWhitespace(text, operatorEnd), rules);
}

/**
 * `~=` with a one-segment release (`~=4`): not a SPECIFIER token for packaging (a syntax error,
 * "Expected semicolon..."), but plainly a specifier the author meant. Its end, or -1, so that the
 * requirement parser can hand it to parseSpecifierSet, which explains what `~=` needs.
 */
export function matchOneSegmentCompatibleRelease(text: string, index: number): number {
  if (!text.startsWith('~=', index)) return -1;
  return matchVersion(text, skipPythonWhitespace(text, index + 2), { minimumReleaseParts: 1, allowWildcardAndLocal: false });
}
