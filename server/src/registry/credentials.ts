/**
 * Which credentials go with a request. A credential belongs to an origin (scheme, host and port)
 * and optionally a path prefix (two indexes on one host may use different accounts): it is sent
 * only to URLs of that origin — never across a redirect to another host. netrc entries are matched
 * by host name (netrc has no ports or schemes), as pip and uv do; netrc's `default` entry only for
 * the hosts of configured indexes (registerIndex), so a redirect to another host never carries it.
 * Nothing here logs or returns secrets except as an Authorization header value.
 */
import { netrcCredentialsFor, type BasicCredentials, type NetrcEntry } from '../core/indexes';

interface ScopedCredentials {
  origin: string;
  pathPrefix: string;
  credentials: BasicCredentials;
}

export class CredentialStore {
  private readonly scoped: ScopedCredentials[] = [];
  /** Host names of the indexes asked (lower case): where netrc's `default` entry may go. */
  private readonly indexHosts = new Set<string>();

  constructor(private readonly netrc: NetrcEntry[] = []) {}

  /** An index is being asked at `url`: its host may receive netrc's `default` entry. */
  registerIndex(url: string): void {
    const parsed = safeUrl(url);
    if (parsed) this.indexHosts.add(parsed.hostname.toLowerCase());
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

  /** The credentials for a request URL: longest path prefix of the same origin, else any of the origin, else netrc. */
  credentialsFor(url: string): BasicCredentials | null {
    const parsed = safeUrl(url);
    if (!parsed) return null;
    const sameOrigin = this.scoped.filter((entry) => entry.origin === parsed.origin);
    const byPrefix = sameOrigin.filter((entry) => parsed.pathname.startsWith(entry.pathPrefix)).sort((a, b) => b.pathPrefix.length - a.pathPrefix.length);
    const scoped = byPrefix[0] ?? sameOrigin[0];
    if (scoped) return scoped.credentials;
    const host = parsed.hostname.toLowerCase();
    const entries = this.indexHosts.has(host) ? this.netrc : this.netrc.filter((entry) => entry.machine !== null);
    const fromNetrc = netrcCredentialsFor(entries, host);
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
