/**
 * Results of the registry. Callers never see exceptions for network or data problems: every
 * operation resolves to `{ ok: true, ... }` or `{ ok: false, error }` with one of these kinds.
 */
export type RegistryErrorKind =
  /** 404/410: the index does not know the project (or file). */
  | 'not-found'
  /** Connection refused/reset, DNS failure, TLS failure, 5xx/429 after the retries. */
  | 'unreachable'
  /** Connect, headers, body or whole-request timeout. */
  | 'timeout'
  /** 401/403: credentials missing or refused. */
  | 'auth'
  /** Unparseable page, unexpected status, too many redirects. */
  | 'bad-response'
  /** The body exceeded the response-size limit. */
  | 'too-large'
  /** Offline mode and nothing cached. */
  | 'offline';

export interface RegistryError {
  kind: RegistryErrorKind;
  /** Human-readable; URLs in it are redacted. */
  message: string;
  /** HTTP status when there was one. */
  status?: number;
}

/** Injected clock (milliseconds since the epoch), so TTL tests need no waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Where a request goes: an index base URL (userinfo allowed, it is split off), its name and credentials. */
export interface IndexLocation {
  url: string;
  /** Where requests go when that differs from `url` (a requirements file's `${VAR}` expanded); `url` is then only shown. */
  requestUrl?: string;
  name?: string | null;
  credentials?: { username: string; password: string } | null;
  /**
   * Whether the index also serves the PyPI JSON API at `<origin>/pypi/<name>/json`. Defaults to
   * true for pypi.org and test.pypi.org only (the local test server sets it).
   */
  jsonApi?: boolean;
}

/** How an answer was obtained. */
export interface AnswerSource {
  /** 'network': fetched now; 'revalidated': 304 Not Modified; 'memory'/'disk': fresh cache hit; 'stale': served from the cache because offline or the index failed. */
  via: 'network' | 'revalidated' | 'memory' | 'disk' | 'stale';
  /** When the data was last fetched or revalidated (injected clock). */
  fetchedAt: number;
  /** The error that made a stale answer necessary, when `via` is 'stale' (absent in offline mode). */
  staleBecause?: RegistryError;
}

export type RegistryResult<T> = ({ ok: true } & T & { source: AnswerSource }) | { ok: false; error: RegistryError };

/** Messages for logs; they never contain credentials (URLs are redacted before they get here). */
export type RegistryLogger = (message: string) => void;
