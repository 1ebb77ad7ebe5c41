/**
 * Index URLs: PyPI's address, redaction of credentials for display, separating userinfo from the
 * URL, and the project page URL (`<index>/<normalized-name>/`, PEP 503).
 */
import { normalizeName } from '../names';
import { trimTrailing } from '../trim';

export const PYPI_SIMPLE_URL = 'https://pypi.org/simple/';

export interface BasicCredentials {
  username: string;
  password: string;
}

/**
 * The URL with its password (or a lone username, which is usually a token) replaced by '****', as
 * pip shows it: `https://user:****@host/simple/`, `https://****@host/simple/`. The same function as
 * redactCredentials (one masking rule for every URL and message shown).
 */
export function redactUrl(url: string): string {
  return redactCredentials(url);
}

// Character classes, one bit each, for the scans below (they look at each character a bounded
// number of times; regular expressions here rescanned the rest of the text for every `//` or `=`).
// White space is what `\s` matches.
const SPACE = 1;
// Where a URL written in text ends: white space, `<`, `>`, a backtick, or a double quote that is not
// escaped (`\"` inside JSON text is part of the URL). Not `'`: it is allowed in userinfo.
const URL_END = 2;
// The authority ends at the first of these (WHATWG URL and urllib.parse agree).
const AUTHORITY_END = 4;
// A scheme-less `user:secret@host` (a malformed setting, `alice:s3cret@pypi.example.com/simple/`)
// lies within a word: a run of characters other than white space, quotes and backticks. The
// secret may hold reserved characters (`alice:pa/ss@host`), up to the last `@` of the word.
const WORD_END = 8;
// Not part of a user name.
const NOT_USER = 16;
// A user name starts a word or follows one of these.
const BEFORE_USER = 32;
const ASCII_CLASSES = asciiClasses();
const UNICODE_SPACE = /\s/;
// An authority that is a plain `host:port` (nothing in it is a secret).
const HOST_AND_PORT = /^[^:@]*:\d*$/;

function asciiClasses(): Uint8Array {
  const classes = new Uint8Array(128);
  const mark = (chars: string, bits: number) => {
    for (const char of chars) classes[char.charCodeAt(0)] |= bits;
  };
  mark(' \t\n\v\f\r', SPACE | URL_END | WORD_END | NOT_USER);
  mark('<>`', URL_END);
  mark('/?#\\', AUTHORITY_END);
  mark('"\'`', WORD_END);
  mark('/?#@:"\'`(<[=,;', NOT_USER);
  mark('(<[=,;', BEFORE_USER);
  return classes;
}

function classOf(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 128) return ASCII_CLASSES[code];
  return UNICODE_SPACE.test(text[index]) ? SPACE | URL_END | WORD_END | NOT_USER : 0;
}

const AT = 0x40;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * `text` with every credential part of a URL masked, whatever surrounds it: `scheme://user:pass@`
 * → `scheme://user:****@`, `scheme://token@` → `scheme://****@`, and a scheme-less
 * `user:pass@host` → `user:****@host`. For every message, URL and requirement that may quote a
 * configured index or a direct reference (plan problems, registry errors, logs, CLI output, hovers).
 *
 * The userinfo is what URL parsers take: everything up to the last `@` before the end of the
 * authority (the first `/`, `?`, `#` or `\\`). A password with unencoded reserved characters
 * (`http://alice:pa/ss@host/`) makes parsers see host `alice` and port `pa/ss…`, which no tool can
 * use, but the text still holds a secret: when the authority is `user:something` that is not a
 * plain `host:port`, everything up to the last `@` of the URL is masked as well. Not masked (it
 * reads as a path): a lone token holding `/`, `?` or `#` (`https://to/ken@host/`), and a password
 * of digits only followed by `/` (`https://alice:1234/x@host/` reads as host `alice`, port 1234).
 * A password holding both `@` and `/` (`https://alice:p@ss/w@host/`) is masked up to its first `@`
 * only: `alice:p@ss` is a valid authority, and telling it from `user:token@host/repo.git@v1` is
 * not possible.
 *
 * Linear in the length of `text`: every character is looked at a bounded number of times (each
 * scan below starts where an earlier one stopped or reuses its result).
 */
export function redactCredentials(text: string): string {
  if (!text.includes('@')) return text;
  return maskBareUserinfo(maskUrlUserinfo(text));
}

/** `scheme://user:pass@` and `//token@` → `scheme://user:****@`, `//****@` (see redactCredentials). */
function maskUrlUserinfo(text: string): string {
  let output = '';
  let copied = 0;
  // The end of the URL found by the last scan, and the last `@` that scan passed: a later URL that
  // starts before that end ends there too (the scan is not repeated for every `//` of a run).
  let urlEnd = -1;
  let lastAtBeforeEnd = -1;
  for (let slashes = text.indexOf('//'); slashes !== -1; ) {
    const start = slashes + 2;
    if (urlEnd < start) {
      lastAtBeforeEnd = -1;
      urlEnd = start;
      while (urlEnd < text.length && !isUrlEnd(text, urlEnd)) {
        if (text.charCodeAt(urlEnd) === AT) lastAtBeforeEnd = urlEnd;
        urlEnd++;
      }
    }
    let authorityEnd = start;
    let authorityAt = -1;
    while (authorityEnd < urlEnd && !(classOf(text, authorityEnd) & AUTHORITY_END)) {
      if (text.charCodeAt(authorityEnd) === AT) authorityAt = authorityEnd;
      authorityEnd++;
    }
    let userinfoEnd = authorityAt;
    if (userinfoEnd === -1 && lastAtBeforeEnd > authorityEnd) {
      const authority = text.slice(start, authorityEnd);
      if (authority.includes(':') && !HOST_AND_PORT.test(authority)) userinfoEnd = lastAtBeforeEnd;
    }
    if (userinfoEnd <= start) {
      slashes = text.indexOf('//', start);
      continue;
    }
    output += text.slice(copied, start) + maskUserinfo(text.slice(start, userinfoEnd));
    copied = userinfoEnd;
    slashes = text.indexOf('//', copied);
  }
  return output + text.slice(copied);
}

function isUrlEnd(text: string, index: number): boolean {
  if (text.charCodeAt(index) === QUOTE) return text.charCodeAt(index - 1) !== BACKSLASH;
  return (classOf(text, index) & URL_END) !== 0;
}

/** A scheme-less `user:secret@host` → `user:****@host` (see redactCredentials). */
function maskBareUserinfo(text: string): string {
  let output = '';
  let copied = 0;
  let wordStart = 0;
  while (wordStart < text.length) {
    let wordEnd = wordStart;
    let lastAt = -1;
    for (; wordEnd < text.length && !(classOf(text, wordEnd) & WORD_END); wordEnd++) if (text.charCodeAt(wordEnd) === AT) lastAt = wordEnd;
    const secretEnd = lastSecretEnd(text, wordStart, lastAt);
    if (secretEnd !== -1) {
      // The first user name of the word followed by `:` and a secret that reaches secretEnd.
      let user = wordStart;
      while (user < secretEnd) {
        let colon = user;
        while (colon < wordEnd && !(classOf(text, colon) & NOT_USER)) colon++;
        if (colon > user && text[colon] === ':' && colon + 2 <= secretEnd && text[colon + 1] !== '/' && text[colon + 1] !== '@') {
          output += text.slice(copied, colon + 1) + '****';
          copied = secretEnd;
          break;
        }
        user = colon;
        while (user < secretEnd && !(classOf(text, user) & BEFORE_USER)) user++;
        user++;
      }
    }
    wordStart = wordEnd + 1;
  }
  return output + text.slice(copied);
}

/** The last `@` of text[from, lastAt] followed by a character that is neither white space nor `@`, or -1. */
function lastSecretEnd(text: string, from: number, lastAt: number): number {
  for (let at = lastAt; at >= from; at--) {
    if (text.charCodeAt(at) === AT && at + 1 < text.length && text.charCodeAt(at + 1) !== AT && !(classOf(text, at + 1) & SPACE)) return at;
  }
  return -1;
}

function maskUserinfo(userinfo: string): string {
  if (userinfo === '****' || userinfo.endsWith(':****')) return userinfo;
  const colon = userinfo.indexOf(':');
  return colon === -1 ? '****' : `${userinfo.slice(0, colon)}:****`;
}

/** Splits `https://user:pass@host/simple` into the URL without userinfo and the credentials. */
export function splitUserinfo(url: string): { url: string; credentials: BasicCredentials | null } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, credentials: null };
  }
  if (!parsed.username && !parsed.password) return { url: parsed.href, credentials: null };
  const credentials = { username: safeDecode(parsed.username), password: safeDecode(parsed.password) };
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.href, credentials };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Index base URL with exactly one trailing slash (and no userinfo), or null when not http(s). */
export function normalizeIndexUrl(url: string): string | null {
  const { url: withoutUserinfo } = splitUserinfo(url.trim());
  let parsed: URL;
  try {
    parsed = new URL(withoutUserinfo);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  parsed.hash = '';
  return trimTrailing(parsed.href, '/') + '/';
}

/** `https://pypi.org/simple/` + `Django` → `https://pypi.org/simple/django/` (PEP 503). */
export function projectPageUrl(indexUrl: string, project: string): string {
  const base = indexUrl.endsWith('/') ? indexUrl : indexUrl + '/';
  return `${base}${encodeURIComponent(normalizeName(project))}/`;
}

/** The PyPI JSON API URL for a pypi.org index, else null (the JSON API is a pypi.org extra). */
export function pypiJsonUrl(indexUrl: string, project: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(indexUrl);
  } catch {
    return null;
  }
  if (parsed.hostname !== 'pypi.org' && parsed.hostname !== 'test.pypi.org') return null;
  return `${parsed.origin}/pypi/${encodeURIComponent(normalizeName(project))}/json`;
}
