/**
 * Index URLs: PyPI's address, redaction of credentials for display, separating userinfo from the
 * URL, and the project page URL (`<index>/<normalized-name>/`, PEP 503).
 */
import { normalizeName } from '../names';

export const PYPI_SIMPLE_URL = 'https://pypi.org/simple/';

export interface BasicCredentials {
  username: string;
  password: string;
}

/**
 * The URL with its password (or a lone username, which is usually a token) replaced by '****', as
 * pip shows it: `https://user:****@host/simple/`, `https://****@host/simple/`. Text that is not a
 * URL goes through redactCredentials. Use everywhere a URL is logged or shown.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactCredentials(url);
  }
  if (!parsed.username && !parsed.password) return redactCredentials(url);
  const userinfo = parsed.password ? `${parsed.username}:****` : '****';
  parsed.username = '';
  parsed.password = '';
  return parsed.href.replace('//', `//${userinfo}@`);
}

// `scheme://userinfo@` (or `//userinfo@`): every userinfo after `//`, a lone token included (up to the last `@`
// of the authority: a password may contain `@`).
const SCHEME_USERINFO = /((?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/)([^\s/?#]+)@/g;
// `user:secret@host` without a scheme (a malformed setting, `alice:s3cret@pypi.example.com/simple/`).
const BARE_USERINFO = /(^|[\s"'`(<\[=,;])([^\s/?#@:"'`(<\[=,;]+):([^\s/?#"'`]+)@(?=[^\s@])/g;

/**
 * `text` with every credential part of a URL masked, whatever surrounds it: `scheme://user:pass@`
 * → `scheme://user:****@`, `scheme://token@` → `scheme://****@`, and a scheme-less
 * `user:pass@host` → `user:****@host`. For every message that may quote a configured index
 * (plan problems, registry errors, logs).
 */
export function redactCredentials(text: string): string {
  return text
    .replace(SCHEME_USERINFO, (_whole, scheme: string, userinfo: string) => `${scheme}${maskUserinfo(userinfo)}@`)
    .replace(BARE_USERINFO, (_whole, before: string, user: string) => `${before}${user}:****@`);
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
  return parsed.href.replace(/\/+$/, '') + '/';
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
