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
 * URL is returned with any `user:pass@` part masked. Use everywhere a URL is logged or shown.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/([^/@\s]*)@/, (_whole, userinfo: string) => `//${maskUserinfo(userinfo)}@`);
  }
  if (!parsed.username && !parsed.password) return url;
  const userinfo = parsed.password ? `${parsed.username}:****` : '****';
  parsed.username = '';
  parsed.password = '';
  return parsed.href.replace('//', `//${userinfo}@`);
}

function maskUserinfo(userinfo: string): string {
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
