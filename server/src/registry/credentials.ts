/**
 * Which credentials go with a request. Every credential, whatever its source (URL userinfo,
 * `pipsight.indexes`, the tools' environment variables, netrc), is bound to the origin (scheme,
 * host and port) of a configured index, and optionally a path prefix (two indexes on one host may
 * use different accounts): it is sent only to URLs of that origin. netrc entries (`machine` by host
 * name, or `default`) apply only to the origins of the indexes asked (registerIndex), so a netrc
 * `machine 127.0.0.1` line never reaches another port of that host, nor plain http when the index
 * is https. HttpClient also drops every credential on a redirect that leaves the first URL's
 * origin. Nothing here logs or returns secrets except as an Authorization header value.
 */
import { netrcCredentialsFor, type BasicCredentials, type NetrcEntry } from '../core/indexes';

interface ScopedCredentials {
  origin: string;
  pathPrefix: string;
  credentials: BasicCredentials;
}

export class CredentialStore {
  private readonly scoped: ScopedCredentials[] = [];
  /** Origins of the indexes asked: the only places netrc credentials may go. */
  private readonly indexOrigins = new Set<string>();

  constructor(private readonly netrc: NetrcEntry[] = []) {}

  /** An index is being asked at `url`: its origin may receive the netrc entry of its host (or `default`). */
  registerIndex(url: string): void {
    const parsed = safeUrl(url);
    if (parsed) this.indexOrigins.add(parsed.origin);
  }

  /** Registers credentials for `url`'s origin and path (an index base URL). */
  add(url: string, credentials: BasicCredentials): void {
    const parsed = safeUrl(url);
    if (!parsed) return;
    const pathPrefix = parsed.pathname.endsWith('/') ? parsed.pathname : parsed.pathname + '/';
    const existing = this.scoped.find((entry) => entry.origin === parsed.origin && entry.pathPrefix === pathPrefix);
    if (existing) existing.credentials = credentials;
    else this.scoped.push({ origin: parsed.origin, pathPrefix, credentials });
  }

  /** The credentials for a request URL: longest path prefix of the same origin, else any of the origin, else netrc (index origins only). */
  credentialsFor(url: string): BasicCredentials | null {
    const parsed = safeUrl(url);
    if (!parsed) return null;
    const sameOrigin = this.scoped.filter((entry) => entry.origin === parsed.origin);
    const byPrefix = sameOrigin.filter((entry) => parsed.pathname.startsWith(entry.pathPrefix)).sort((a, b) => b.pathPrefix.length - a.pathPrefix.length);
    const scoped = byPrefix[0] ?? sameOrigin[0];
    if (scoped) return scoped.credentials;
    if (!this.indexOrigins.has(parsed.origin)) return null;
    const fromNetrc = netrcCredentialsFor(this.netrc, parsed.hostname.toLowerCase().replace(/^\[|\]$/g, ''));
    return fromNetrc && (fromNetrc.login || fromNetrc.password) ? { username: fromNetrc.login, password: fromNetrc.password } : null;
  }

  authorizationFor(url: string): string | null {
    const credentials = this.credentialsFor(url);
    if (!credentials) return null;
    return 'Basic ' + Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');
  }
}

function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
