/**
 * The package index client: project pages (PEP 691 JSON with PEP 503 HTML fallback), core metadata
 * (PEP 658/714, on demand) and the PyPI JSON API extra, all cached by ResponseCache and fetched
 * through HttpClient. One request per (index, project) is in flight at a time: concurrent callers
 * share it. Offline mode serves only cached data. Never throws for network or data problems.
 * Everything that came from a server is sanitised before it leaves (sanitizeRemoteValue on decoded
 * answers, sanitizeRemoteText on error messages and logs), and messages have credentials masked.
 */
import type { Dispatcher } from 'undici';
import {
  findRelease, normalizeIndexUrl, parseCoreMetadata, parsePypiJson, projectPageUrl, redactCredentials, redactUrl, sanitizeRemoteText, sanitizeRemoteValue, simpleHtmlSteps, simpleJsonSteps, splitUserinfo,
  type CoreMetadata, type DistributionFile, type NetrcEntry, type PageParseResult, type ProjectPage, type PypiProjectDetails,
} from '../core/indexes';
import { normalizeName } from '../core/names';
import { CredentialStore } from './credentials';
import { createDispatcher, type NetworkOptions } from './dispatcher';
import { HttpClient, type HttpClientOptions } from './http-client';
import { runStepsYielding } from './page-steps';
import { ResponseCache, type CacheEntry, type StoredResponse } from './response-cache';
import { systemClock, type AnswerSource, type Clock, type IndexLocation, type RegistryError, type RegistryLogger, type RegistryResult } from './types';

export const SIMPLE_API_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';

export interface IndexClientOptions extends Omit<HttpClientOptions, 'dispatcher' | 'credentials' | 'clock' | 'log'> {
  /** An undici dispatcher (tests: MockAgent). Default: createDispatcher(network). */
  dispatcher?: Dispatcher;
  network?: NetworkOptions;
  clock?: Clock;
  /** Disk cache directory (VS Code globalStorage, or defaultCacheDirectory() for the CLI); null: memory only. */
  cacheDirectory?: string | null;
  /** Freshness cap in ms (default 10 min). */
  ttlMs?: number;
  /** Disk cache size bound (default 200 MB), least recently used entries evicted beyond it. */
  maxCacheBytes?: number;
  offline?: boolean;
  /** Parsed netrc entries (env/index-config reads the file). */
  netrc?: NetrcEntry[];
  log?: RegistryLogger;
}

export interface IndexAnswer {
  /** The index that answered: its name and redacted URL, for hovers. */
  index: { name: string | null; url: string };
}

export type ProjectResult = RegistryResult<IndexAnswer & { project: ProjectPage }>;
export type MetadataResult = RegistryResult<IndexAnswer & { metadata: CoreMetadata; file: DistributionFile }>;
export type PypiDetailsResult = RegistryResult<IndexAnswer & { details: PypiProjectDetails }>;

interface Prepared {
  baseUrl: string;
  answer: IndexAnswer['index'];
}

type Fetched<T> = { ok: true; value: T; source: AnswerSource } | { ok: false; error: RegistryError };

export class IndexClient {
  private readonly http: HttpClient;
  private readonly cache: ResponseCache;
  private readonly credentials: CredentialStore;
  private readonly clock: Clock;
  private readonly inFlight = new Map<string, Promise<Fetched<unknown>>>();
  private readonly ownedDispatcher: Dispatcher | null;
  private offline: boolean;
  /** Problems met while setting up (e.g. an unreadable CA file). */
  readonly problems: string[] = [];

  constructor(options: IndexClientOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.offline = options.offline ?? false;
    this.credentials = new CredentialStore(options.netrc ?? []);
    let dispatcher = options.dispatcher;
    this.ownedDispatcher = null;
    if (!dispatcher) {
      const created = createDispatcher(options.network);
      dispatcher = this.ownedDispatcher = created.dispatcher;
      this.problems.push(...created.problems.map(redactCredentials));
    }
    // Whatever a message quotes, the log never sees a credential.
    const log = options.log && ((message: string) => options.log!(sanitizeRemoteText(redactCredentials(message), { maxLength: 1000 })));
    this.http = new HttpClient({ ...options, dispatcher, credentials: this.credentials, clock: this.clock, log });
    this.cache = new ResponseCache({ clock: this.clock, directory: options.cacheDirectory, ttlMs: options.ttlMs, maxDiskBytes: options.maxCacheBytes, log });
  }

  /** The project page of `project` on `index`. */
  async getProject(index: IndexLocation, project: string): Promise<ProjectResult> {
    const prepared = this.prepare(index);
    if (!prepared) return { ok: false, error: { kind: 'bad-response', message: `not an http(s) index URL: ${redactUrl(index.url)}` } };
    const url = projectPageUrl(prepared.baseUrl, project);
    const key = `${prepared.baseUrl}|${normalizeName(project)}`;
    const fetched = await this.cached(key, url, { accept: SIMPLE_API_ACCEPT }, (entry) => parseProjectPage(entry, project));
    if (fetched.ok) return { ok: true, project: fetched.value, index: prepared.answer, source: fetched.source };
    // Errors quote the URL requested: for an expanded `${VAR}`, the index as written instead.
    return index.requestUrl === undefined ? fetched : { ok: false, error: { ...fetched.error, message: fetched.error.message.split(prepared.baseUrl).join(prepared.answer.url) } };
  }

  /**
   * Core metadata of one release (PEP 658/714), fetched only when asked. Reads the project page
   * (usually cached), picks a file that advertises metadata (wheels first) and fetches `<file>.metadata`.
   */
  async getMetadata(index: IndexLocation, project: string, version: string): Promise<MetadataResult> {
    const page = await this.getProject(index, project);
    if (!page.ok) return page;
    const release = findRelease(page.project, version);
    const files = (release?.files ?? []).filter((file) => file.coreMetadata !== false);
    const file = files.find((candidate) => candidate.kind === 'wheel') ?? files[0];
    if (!file) return { ok: false, error: { kind: 'not-found', message: `${page.index.url} serves no core metadata for ${project} ${version}` } };
    const metadataUrl = file.url + '.metadata';
    const fetched = await this.cached(metadataUrl, metadataUrl, { accept: '*/*' }, (entry) => ({ value: parseCoreMetadata(entry.body), error: null }), { immutable: true });
    return fetched.ok ? { ok: true, metadata: fetched.value, file, index: page.index, source: fetched.source } : fetched;
  }

  /** The PyPI JSON API extra (summary, links, release dates): only for indexes that serve it (pypi.org). */
  async getPypiDetails(index: IndexLocation, project: string): Promise<PypiDetailsResult> {
    const prepared = this.prepare(index);
    if (!prepared) return { ok: false, error: { kind: 'bad-response', message: `not an http(s) index URL: ${redactUrl(index.url)}` } };
    const origin = new URL(prepared.baseUrl);
    const servesJson = index.jsonApi ?? (origin.hostname === 'pypi.org' || origin.hostname === 'test.pypi.org');
    if (!servesJson) return { ok: false, error: { kind: 'not-found', message: `${prepared.answer.url} has no PyPI JSON API` } };
    const url = `${origin.origin}/pypi/${encodeURIComponent(normalizeName(project))}/json`;
    const fetched = await this.cached(url, url, { accept: 'application/json' }, (entry) => parsePypiJson(entry.body));
    return fetched.ok ? { ok: true, details: fetched.value, index: prepared.answer, source: fetched.source } : fetched;
  }

  setOffline(offline: boolean): void {
    this.offline = offline;
  }

  /** Empties the memory and disk caches (the "clear cache" command). */
  async clear(): Promise<void> {
    await this.cache.clear();
  }

  /** Ends every request under way and sends no more (the CLI's deadline for index work passed). */
  stopRequests(): void {
    this.http.stop();
    // Closes every connection now: undici would otherwise open new ones for requests it still had queued.
    void this.ownedDispatcher?.destroy().catch(() => undefined);
  }

  /** Origins (redacted) with requests under way: the indexes still awaited. */
  pendingOrigins(): string[] {
    return this.http.pendingOrigins().map((origin) => redactUrl(origin));
  }

  /** HTTP requests sent so far (attempts and redirect hops). */
  get requestCount(): number {
    return this.http.requestCount;
  }

  async close(): Promise<void> {
    await this.cache.flush();
    await this.ownedDispatcher?.close().catch(() => undefined);
  }

  /** Registers the index's credentials for its origin; returns its normalized URL and display form. */
  private prepare(index: IndexLocation): Prepared | null {
    const baseUrl = normalizeIndexUrl(index.requestUrl ?? index.url);
    if (!baseUrl) return null;
    const credentials = splitUserinfo((index.requestUrl ?? index.url).trim()).credentials ?? index.credentials ?? null;
    this.credentials.registerIndex(baseUrl);
    if (credentials) this.credentials.add(baseUrl, credentials);
    // An expanded `${VAR}` is never shown: the answer names the index as written.
    return { baseUrl, answer: { name: index.name ?? null, url: redactUrl(index.requestUrl === undefined ? baseUrl : index.url) } };
  }

  /** In-flight sharing around `fetchThroughCache`. */
  private cached<T>(key: string, url: string, headers: Record<string, string>, decode: (entry: StoredResponse) => Decoded<T> | Promise<Decoded<T>>, options: { immutable?: boolean } = {}): Promise<Fetched<T>> {
    const running = this.inFlight.get(key);
    if (running) return running as Promise<Fetched<T>>;
    const promise = this.fetchThroughCache(key, url, headers, decode, options)
      .then((fetched): Fetched<T> => (fetched.ok ? fetched : { ok: false, error: cleanError(fetched.error) }))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  private async fetchThroughCache<T>(key: string, url: string, headers: Record<string, string>, decode: (entry: StoredResponse) => Decoded<T> | Promise<Decoded<T>>, options: { immutable?: boolean }): Promise<Fetched<T>> {
    const entry = await this.cache.get(key);
    const fromEntry = async (cached: CacheEntry, source: AnswerSource): Promise<Fetched<T>> => {
      if (cached.decoded === undefined) {
        const decoded = await decode(cached);
        if (decoded.value === null) return { ok: false, error: { kind: 'bad-response', message: `cached response for ${redactUrl(url)} is unreadable` } };
        cached.decoded = sanitizeRemoteValue(decoded.value);
        this.cache.remember(key, decoded.value);
      }
      return { ok: true, value: cached.decoded as T, source };
    };
    if (entry && this.cache.isFresh(entry)) return fromEntry(entry, { via: entry.tier, fetchedAt: entry.storedAt });
    if (this.offline) {
      if (entry) return fromEntry(entry, { via: 'stale', fetchedAt: entry.storedAt });
      return { ok: false, error: { kind: 'offline', message: `offline and ${redactUrl(url)} is not cached` } };
    }
    const request = { url, method: 'GET', headers };
    const conditional = entry ? this.cache.restorePolicy(entry).revalidationHeaders(request) : {};
    const requestHeaders: Record<string, string> = { ...headers };
    for (const name of ['if-none-match', 'if-modified-since']) if (typeof conditional[name] === 'string') requestHeaders[name] = conditional[name] as string;
    const result = await this.http.get(url, requestHeaders);
    if (!result.ok) {
      // stale-if-error: a cached answer beats an error, except when the index says the project is gone.
      if (entry && result.error.kind !== 'not-found') return fromEntry(entry, { via: 'stale', fetchedAt: entry.storedAt, staleBecause: result.error });
      return result;
    }
    const response = result.response;
    const now = this.clock.now();
    if (response.status === 304 && entry) {
      const { policy } = this.cache.restorePolicy(entry).revalidatedPolicy(request, { status: 304, headers: response.headers });
      const refreshed: StoredResponse = { url: entry.url, headers: { ...entry.headers, ...pickCacheHeaders(response.headers) }, body: entry.body, policy: policy.toObject(), storedAt: now, immutable: entry.immutable };
      await this.cache.set(key, refreshed, entry.decoded);
      return fromEntry({ ...refreshed, decoded: entry.decoded, tier: 'memory' }, { via: 'revalidated', fetchedAt: now });
    }
    const stored: StoredResponse = { url: response.url, headers: response.headers, body: response.body.toString('utf8'), policy: {} as StoredResponse['policy'], storedAt: now, immutable: options.immutable };
    const decoded = await decode(stored);
    if (decoded.value === null) {
      const error: RegistryError = { kind: 'bad-response', message: `unreadable response from ${redactUrl(response.url)}: ${decoded.error}` };
      if (entry) return fromEntry(entry, { via: 'stale', fetchedAt: entry.storedAt, staleBecause: error });
      return { ok: false, error };
    }
    sanitizeRemoteValue(decoded.value);
    const policy = this.cache.createPolicy(request, { status: 200, headers: response.headers });
    if (policy) await this.cache.set(key, { ...stored, policy: policy.toObject() }, decoded.value);
    return { ok: true, value: decoded.value, source: { via: 'network', fetchedAt: now } };
  }
}

/** An error as callers see it: credentials masked, server text made harmless and short. */
function cleanError(error: RegistryError): RegistryError {
  return { ...error, message: sanitizeRemoteText(redactCredentials(error.message), { maxLength: 500 }) };
}

/** Headers a 304 may update (RFC 9111 §4.3.4). */
function pickCacheHeaders(headers: Record<string, string>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of ['cache-control', 'etag', 'expires', 'last-modified', 'date', 'age']) if (headers[name] !== undefined) picked[name] = headers[name];
  return picked;
}

type Decoded<T> = { value: T | null; error: string | null };

/**
 * Chooses the parser by Content-Type (PEP 691 negotiation), sniffing when the type says neither.
 * A big page is parsed in steps with pauses for the event loop between them (runStepsYielding).
 */
function parseProjectPage(entry: StoredResponse, project: string): Promise<PageParseResult> {
  const type = (entry.headers['content-type'] ?? '').toLowerCase();
  const isJson = type.includes('json') || (!type.includes('html') && entry.body.trimStart().startsWith('{'));
  return runStepsYielding(isJson ? simpleJsonSteps(entry.body, entry.url, project) : simpleHtmlSteps(entry.body, entry.url, project));
}
