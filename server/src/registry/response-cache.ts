/**
 * The cache policy, in one place.
 *
 * Entries are keyed by the caller (index URL + normalized project name, or a file URL) and hold the
 * response body, its headers and its http-cache-semantics policy. Two tiers:
 * - memory: an LRU (lru-cache) that also keeps the decoded value, so hot pages are parsed once;
 * - disk (optional): cacache at the given directory; each index entry's `time` is its last access,
 *   and when the total size passes `maxDiskBytes` the least recently used entries are removed.
 *   Disk writes and access-time updates run in the background, one at a time, so no request
 *   waits for the disk; `flush()` (called by the client's `close()`) waits for them. A small key
 *   file (`pipsight-keys.json`, key → content integrity) lets a new process read an entry with one
 *   content read instead of an index lookup plus a read; cacache's index stays the authority when
 *   the key file is missing, stale or damaged.
 *
 * Freshness (`isFresh`): an entry older than `ttlMs` is stale, whatever the server said (the TTL
 * caps freshness). Within the TTL: `no-cache` means revalidate every time; explicit freshness
 * (max-age, s-maxage, Expires) is honoured as http-cache-semantics computes it with the injected
 * clock; a response with no caching headers at all is fresh for the TTL (many private indexes send
 * none). `immutable` entries (metadata files) stay fresh. `no-store` responses are not stored.
 * Stale entries are still returned by `get`: the client revalidates them (ETag/Last-Modified) and
 * serves them when offline or when the index fails (stale-if-error).
 */
import cacache from 'cacache';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import CachePolicy from 'http-cache-semantics';
import { LRUCache } from 'lru-cache';
import type { Clock, RegistryLogger } from './types';

export interface StoredResponse {
  url: string;
  headers: Record<string, string>;
  body: string;
  policy: CachePolicy.CachePolicyObject;
  /** Last fetch or successful revalidation (clock ms). */
  storedAt: number;
  /** Never goes stale (content-addressed files such as PEP 658 metadata). */
  immutable?: boolean;
}

export interface CacheEntry extends StoredResponse {
  /** Decoded form of the body, kept in memory only. */
  decoded?: unknown;
  /** Which tier answered. */
  tier: 'memory' | 'disk';
}

export interface ResponseCacheOptions {
  clock: Clock;
  /** Disk cache directory; null or undefined keeps the cache in memory only. */
  directory?: string | null;
  ttlMs?: number;
  maxDiskBytes?: number;
  /** Total body characters kept in memory (default 64 M). */
  maxMemoryChars?: number;
  log?: RegistryLogger;
}

type Policy = CachePolicy;

/** A CachePolicy subclass whose clock is ours: the library calls `this.now()` for every age computation. */
function policyClassFor(clock: Clock): typeof CachePolicy {
  return class ClockedCachePolicy extends CachePolicy {
    now(): number {
      return clock.now();
    }
  };
}

/** Key → integrity of every disk entry (a hint for fast reads; see the header). */
const KEY_FILE = 'pipsight-keys.json';

/** How long after a burst of disk hits their access times are written. */
const ACCESS_TIME_DELAY_MS = 2_000;

const EXPLICIT_FRESHNESS = /(?:^|,)\s*(?:s-)?max-age\s*=/i;

export class ResponseCache {
  readonly ttlMs: number;
  readonly PolicyClass: typeof CachePolicy;
  private readonly memory: LRUCache<string, CacheEntry>;
  private readonly directory: string | null;
  private readonly maxDiskBytes: number;
  private diskSizes: Map<string, { size: number; time: number }> | null = null;
  /** The chain of background disk work: each task starts when the previous one ended. */
  private diskQueue: Promise<void> = Promise.resolve();
  /** Disk hits whose access time is not yet written: saved together, later (see recordAccess). */
  private readonly pendingAccesses = new Map<string, { integrity: string; size: number | undefined; time: number }>();
  private accessTimer: ReturnType<typeof setTimeout> | null = null;
  /** key → integrity of its disk content, loaded once from KEY_FILE. */
  private keyIntegrity: Promise<Map<string, string>> | null = null;
  private keysChanged = false;

  constructor(private readonly options: ResponseCacheOptions) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.directory = options.directory ?? null;
    this.maxDiskBytes = options.maxDiskBytes ?? 200 * 1024 * 1024;
    this.PolicyClass = policyClassFor(options.clock);
    this.memory = new LRUCache<string, CacheEntry>({ maxSize: options.maxMemoryChars ?? 64 * 1024 * 1024, sizeCalculation: (entry) => Math.max(1, entry.body.length) });
  }

  /** Builds the policy of a fresh response; null when it must not be stored (`no-store`). */
  createPolicy(request: CachePolicy.Request, response: CachePolicy.Response): Policy | null {
    const policy = new this.PolicyClass(request, response, { shared: false });
    return /(?:^|,)\s*no-store\b/i.test(String(response.headers['cache-control'] ?? '')) ? null : policy;
  }

  restorePolicy(entry: StoredResponse): Policy {
    return this.PolicyClass.fromObject(entry.policy);
  }

  isFresh(entry: StoredResponse): boolean {
    if (entry.immutable) return true;
    if (this.options.clock.now() - entry.storedAt >= this.ttlMs) return false;
    const cacheControl = entry.headers['cache-control'] ?? '';
    if (/(?:^|,)\s*no-cache\b/i.test(cacheControl)) return false;
    if (EXPLICIT_FRESHNESS.test(cacheControl) || entry.headers.expires) return !this.restorePolicy(entry).stale();
    return true;
  }

  async get(key: string): Promise<CacheEntry | null> {
    const inMemory = this.memory.get(key);
    if (inMemory) return inMemory;
    if (!this.directory) return null;
    try {
      const found = await this.readDisk(this.directory, key);
      if (!found) return null;
      const stored = JSON.parse(found.data.toString('utf8')) as StoredResponse;
      const entry: CacheEntry = { ...stored, tier: 'disk' };
      this.memory.set(key, { ...entry, tier: 'memory' });
      this.recordAccess(key, found.integrity, found.data.length);
      return entry;
    } catch {
      return null;
    }
  }

  /** The entry's bytes: by content integrity when the key file knows it, else through cacache's index. */
  private async readDisk(directory: string, key: string): Promise<{ data: Buffer; integrity: string } | null> {
    const integrity = (await this.loadKeyIntegrity()).get(key);
    if (integrity) {
      const data = await cacache.get.byDigest(directory, integrity).catch(() => null);
      if (data) return { data, integrity };
    }
    const found = await cacache.get(directory, key).catch(() => null);
    if (!found) return null;
    this.rememberIntegrity(key, found.integrity);
    return { data: found.data, integrity: found.integrity };
  }

  private loadKeyIntegrity(): Promise<Map<string, string>> {
    this.keyIntegrity ??= readFile(join(this.directory!, KEY_FILE), 'utf8')
      .then((text) => new Map(Object.entries(JSON.parse(text) as Record<string, string>).filter(([, value]) => typeof value === 'string')))
      .catch(() => new Map<string, string>());
    return this.keyIntegrity;
  }

  private rememberIntegrity(key: string, integrity: string | null): void {
    void this.loadKeyIntegrity().then((keys) => {
      if (integrity) keys.set(key, integrity);
      else keys.delete(key);
      this.keysChanged = true;
    });
  }

  private async saveKeyIntegrity(): Promise<void> {
    if (!this.directory || !this.keysChanged) return;
    this.keysChanged = false;
    const keys = await this.loadKeyIntegrity();
    const file = join(this.directory, KEY_FILE);
    await writeFile(`${file}.tmp`, JSON.stringify(Object.fromEntries(keys)));
    await rename(`${file}.tmp`, file);
  }

  /** Stores in memory at once; the disk copy is written in the background (see flush()). */
  async set(key: string, stored: StoredResponse, decoded?: unknown): Promise<void> {
    this.memory.set(key, { ...stored, decoded, tier: 'memory' });
    if (!this.directory) return;
    const directory = this.directory;
    const time = this.options.clock.now();
    this.inBackground(async () => {
      const data = Buffer.from(JSON.stringify(stored), 'utf8');
      // `time` reaches the index entry (cacache passes put options to index.insert); the types omit it.
      const integrity = await cacache.put(directory, key, data, { time } as cacache.put.Options);
      this.rememberIntegrity(key, integrity);
      await cacache.index.compact(directory, key, (a, b) => a.key === b.key);
      const sizes = await this.loadSizes();
      sizes.set(key, { size: data.length, time });
      await this.evictIfNeeded(sizes);
    });
  }

  /** Waits until every background disk write and access-time update has finished. */
  async flush(): Promise<void> {
    this.saveAccesses();
    this.inBackground(() => this.saveKeyIntegrity());
    let queued: Promise<void>;
    do {
      queued = this.diskQueue;
      await queued;
    } while (queued !== this.diskQueue);
  }

  private inBackground(task: () => Promise<void>): void {
    this.diskQueue = this.diskQueue.then(task).catch((error: unknown) => {
      this.options.log?.(`disk cache write failed: ${(error as Error).message}`);
    });
  }

  /** Replaces the decoded value kept in memory for a key. */
  remember(key: string, decoded: unknown): void {
    const entry = this.memory.get(key);
    if (entry) entry.decoded = decoded;
  }

  async clear(): Promise<void> {
    await this.flush();
    this.memory.clear();
    this.diskSizes = null;
    this.keyIntegrity = Promise.resolve(new Map());
    this.keysChanged = false;
    if (this.directory) {
      await cacache.rm.all(this.directory).catch(() => undefined);
      await rm(join(this.directory, KEY_FILE), { force: true }).catch(() => undefined);
    }
  }

  /** Bytes the disk cache holds (after eviction). */
  async diskSize(): Promise<number> {
    if (!this.directory) return 0;
    await this.flush();
    let total = 0;
    for (const { size } of (await this.loadSizes()).values()) total += size;
    return total;
  }

  /**
   * A disk hit moves the entry to the back of the eviction order. Reads come in bursts (a whole
   * file's packages at once), so access times are written in one batch a little later, never
   * competing with the reads themselves for the disk.
   */
  private recordAccess(key: string, integrity: string, size: number | undefined): void {
    this.pendingAccesses.set(key, { integrity, size, time: this.options.clock.now() });
    if (this.accessTimer) return;
    this.accessTimer = setTimeout(() => this.saveAccesses(), ACCESS_TIME_DELAY_MS);
    this.accessTimer.unref?.();
  }

  private saveAccesses(): void {
    if (this.accessTimer) clearTimeout(this.accessTimer);
    this.accessTimer = null;
    const accesses = [...this.pendingAccesses];
    this.pendingAccesses.clear();
    for (const [key, { integrity, size, time }] of accesses) this.inBackground(() => this.touch(key, integrity, size, time));
    this.inBackground(() => this.saveKeyIntegrity());
  }

  /** Records an access: the entry's index time is its last use, for least-recently-used eviction. */
  private async touch(key: string, integrity: string, size: number | undefined, time: number): Promise<void> {
    if (!this.directory) return;
    try {
      await cacache.index.insert(this.directory, key, integrity, { size, time } as cacache.index.InsertOptions);
      await cacache.index.compact(this.directory, key, (a, b) => a.key === b.key);
      this.diskSizes?.set(key, { size: size ?? 0, time });
    } catch {
      // best effort: a failed access-time update only affects eviction order
    }
  }

  private async loadSizes(): Promise<Map<string, { size: number; time: number }>> {
    if (this.diskSizes) return this.diskSizes;
    const sizes = new Map<string, { size: number; time: number }>();
    const listing = await cacache.ls(this.directory!).catch(() => ({}) as cacache.CacheObject);
    for (const entry of Object.values(listing) as { key: string; size: number; time: number }[]) sizes.set(entry.key, { size: entry.size ?? 0, time: entry.time ?? 0 });
    this.diskSizes = sizes;
    return sizes;
  }

  private async evictIfNeeded(sizes: Map<string, { size: number; time: number }>): Promise<void> {
    let total = 0;
    for (const { size } of sizes.values()) total += size;
    if (total <= this.maxDiskBytes) return;
    const oldestFirst = [...sizes.entries()].sort((a, b) => a[1].time - b[1].time);
    for (const [key, { size }] of oldestFirst) {
      if (total <= this.maxDiskBytes) break;
      const info = await cacache.get.info(this.directory!, key).catch(() => null);
      // removeFully deletes the bucket instead of appending a tombstone (the types omit the option).
      await (cacache.rm.entry as (cache: string, key: string, options: object) => Promise<unknown>)(this.directory!, key, { removeFully: true }).catch(() => undefined);
      if (info) await cacache.rm.content(this.directory!, info.integrity).catch(() => undefined);
      sizes.delete(key);
      this.memory.delete(key);
      this.rememberIntegrity(key, null);
      total -= size;
      this.options.log?.(`disk cache: evicted an entry of ${size} bytes`);
    }
  }
}
