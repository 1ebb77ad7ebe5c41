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

// Where a URL's authority starts: after the `//` of `scheme://` or of a scheme-relative `//` (the
// scheme itself does not matter; matching it would rescan every run of letters: quadratic).
const AUTHORITY_START = /\/\//g;
// Where a URL written in text ends: white space, `<`, `>`, a backtick, or a double quote that is not
// escaped (`\"` inside JSON text is part of the URL). Not `'`: it is allowed in userinfo.
const URL_END = /[\s<>`]|(?<!\\)"/g;
// The authority ends at the first of these (WHATWG URL and urllib.parse agree).
const AUTHORITY_END = /[/?#\\]/;
// An authority that is a plain `host:port` (nothing in it is a secret).
const HOST_AND_PORT = /^[^:@]*:\d*$/;
// `user:secret@host` without a scheme (a malformed setting, `alice:s3cret@pypi.example.com/simple/`); the
// secret may hold reserved characters (`alice:pa/ss@host`), up to the last `@` of the word.
const BARE_USERINFO = /(^|[\s"'`(<\[=,;])([^\s/?#@:"'`(<\[=,;]+):([^\s/"'`@][^\s"'`]*)@(?=[^\s@])/g;

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
 */
export function redactCredentials(text: string): string {
  let output = '';
  let copied = 0;
  AUTHORITY_START.lastIndex = 0;
  for (let match = AUTHORITY_START.exec(text); match; match = AUTHORITY_START.exec(text)) {
    const start = match.index + match[0].length;
    URL_END.lastIndex = start;
    const end = URL_END.exec(text);
    const url = text.slice(start, end ? end.index : text.length);
    const authorityEnd = url.search(AUTHORITY_END) === -1 ? url.length : url.search(AUTHORITY_END);
    const authority = url.slice(0, authorityEnd);
    let userinfoEnd = authority.lastIndexOf('@');
    const lastAt = url.lastIndexOf('@');
    if (userinfoEnd === -1 && lastAt > authorityEnd && authority.includes(':') && !HOST_AND_PORT.test(authority)) userinfoEnd = lastAt;
    if (userinfoEnd <= 0) continue;
    output += text.slice(copied, start) + maskUserinfo(url.slice(0, userinfoEnd));
    copied = start + userinfoEnd;
    AUTHORITY_START.lastIndex = copied;
  }
  output += text.slice(copied);
  return output.replace(BARE_USERINFO, (_whole, before: string, user: string) => `${before}${user}:****@`);
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
