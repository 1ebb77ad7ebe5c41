/**
 * GET over undici with the network rules of the issue in one place: a concurrency limit, per-attempt
 * timeouts (connect via the dispatcher, headers, body idle, and a whole-attempt deadline), retries
 * with exponential backoff and jitter on 429/5xx/connection resets honouring Retry-After (a
 * Retry-After longer than `maxRetryAfterMs` is not waited for: the error is returned at once), a
 * response-size limit (aborts the body beyond it; gzip, deflate and br bodies are decoded with the
 * same limit on the decoded size, so a compression bomb stops there), and redirects followed by
 * hand (limit `maxRedirects`). Credentials are bound to the origin of the first URL: Authorization
 * comes from the CredentialStore only while the chain stays on that origin, so a redirect to another
 * port, host or scheme (https → http included) carries none, nor does any later hop.
 * An origin that cannot be reached (connection refused, DNS failure, connect timeout, or no
 * response headers before the timeout) is remembered as down for `unreachableForMs`: requests to
 * it fail at once until then (the CLI keeps it down for the whole run). Timeouts are not retried,
 * so a request ends within about (1 + maxRetries) × requestTimeoutMs plus the backoff.
 * Never throws: returns `{ ok: true, response }` (2xx or 304) or `{ ok: false, error }`.
 */
import { setMaxListeners } from 'node:events';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import { redactUrl, sanitizeRemoteText } from '../core/indexes';
import type { CredentialStore } from './credentials';
import { backoffDelay, parseRetryAfter, RETRYABLE_ERROR_CODES, RETRYABLE_STATUSES } from './retry';
import { Semaphore } from './semaphore';
import { systemClock, type Clock, type RegistryError, type RegistryLogger } from './types';

export interface HttpClientOptions {
  dispatcher: Dispatcher;
  credentials: CredentialStore;
  clock?: Clock;
  /** Parallel requests at most (default 16). */
  concurrency?: number;
  headersTimeoutMs?: number;
  /** Longest silence while reading a body (default 15 s). */
  bodyTimeoutMs?: number;
  /** Whole-attempt deadline (default 30 s). */
  requestTimeoutMs?: number;
  maxRetries?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  maxRetryAfterMs?: number;
  maxResponseBytes?: number;
  maxRedirects?: number;
  /** How long an origin that could not be reached is not asked again (default 60 s; Infinity: never again). */
  unreachableForMs?: number;
  userAgent?: string;
  /** Waits between retries (tests pass a fast or recording one). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  log?: RegistryLogger;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
  /** Final URL after redirects (relative links resolve against it). */
  url: string;
}

export type HttpResult = { ok: true; response: HttpResponse } | { ok: false; error: RegistryError };

type Attempt = { kind: 'response'; response: HttpResponse } | { kind: 'redirect'; location: string; status: number } | { kind: 'failure'; error: RegistryError; retryable: boolean; retryAfterMs?: number | null; originDown?: boolean };

/** What we ask servers to compress with, and how each is decoded (async, on the thread pool). */
export const ACCEPT_ENCODING = 'gzip, deflate, br';
type Decoder = (input: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>;
const DECODERS: Record<string, Decoder> = {
  gzip: promisify(gunzip) as Decoder,
  'x-gzip': promisify(gunzip) as Decoder,
  deflate: async (input, options) => {
    // "deflate" is zlib-wrapped by the standard, raw deflate by some servers: accept both.
    try {
      return await (promisify(inflate) as Decoder)(input, options);
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw error;
      return (promisify(inflateRaw) as Decoder)(input, options);
    }
  },
  br: promisify(brotliDecompress) as Decoder,
};

/** Error codes that mean nobody answers at that origin (as opposed to one request failing). */
const ORIGIN_DOWN_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HttpClient {
  private readonly semaphore: Semaphore;
  private readonly options: Required<Omit<HttpClientOptions, 'log'>> & { log?: RegistryLogger };
  /** Requests sent (every attempt and redirect hop), for tests and the benchmark. */
  requestCount = 0;
  /** Origins that could not be reached: until when they are not asked, and why. */
  private readonly downOrigins = new Map<string, { until: number; reason: string }>();
  /** Requests under way per origin (to name the indexes still awaited when a deadline passes). */
  private readonly pending = new Map<string, number>();
  /** Aborted by stop(): requests under way end at once, later ones are not sent. */
  private readonly stopped = new AbortController();

  constructor(options: HttpClientOptions) {
    this.options = {
      clock: systemClock,
      concurrency: 16,
      headersTimeoutMs: 15_000,
      bodyTimeoutMs: 15_000,
      requestTimeoutMs: 30_000,
      maxRetries: 3,
      retryBaseDelayMs: 250,
      retryMaxDelayMs: 5_000,
      maxRetryAfterMs: 10_000,
      maxResponseBytes: 20 * 1024 * 1024,
      maxRedirects: 5,
      unreachableForMs: 60_000,
      userAgent: 'pipsight',
      sleep: defaultSleep,
      random: Math.random,
      ...options,
    };
    this.semaphore = new Semaphore(this.options.concurrency);
    // One listener per request under way (up to `concurrency`), not a leak.
    setMaxListeners(Number.POSITIVE_INFINITY, this.stopped.signal);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
    let current = url;
    const credentialOrigin = originOf(url);
    let sendCredentials = credentialOrigin !== null;
    for (let hop = 0; ; hop++) {
      // Credentials belong to the first URL's origin: once a redirect leaves it (another port, host or
      // scheme), no later hop carries any, even one that comes back (as fetch drops Authorization).
      if (originOf(current) !== credentialOrigin) sendCredentials = false;
      const result = await this.getWithRetries(current, headers, sendCredentials);
      if (result.kind === 'response') return { ok: true, response: result.response };
      if (result.kind === 'failure') return { ok: false, error: result.error };
      if (hop >= this.options.maxRedirects) {
        return { ok: false, error: { kind: 'bad-response', message: `too many redirects (more than ${this.options.maxRedirects}) from ${redactUrl(url)}`, status: result.status } };
      }
      let next: string;
      try {
        next = new URL(result.location, current).href;
      } catch {
        return { ok: false, error: { kind: 'bad-response', message: `invalid redirect location from ${redactUrl(current)}`, status: result.status } };
      }
      if (!/^https?:$/.test(new URL(next).protocol)) {
        return { ok: false, error: { kind: 'bad-response', message: `redirect from ${redactUrl(current)} to a non-http(s) URL`, status: result.status } };
      }
      this.options.log?.(`redirect ${redactUrl(current)} → ${sanitizeRemoteText(redactUrl(next))}`);
      current = next;
    }
  }

  /** Ends every request under way and refuses new ones (a run's deadline passed). */
  stop(): void {
    this.stopped.abort();
  }

  /** Origins with requests under way. */
  pendingOrigins(): string[] {
    return [...this.pending.keys()];
  }

  /** Whether `url`'s origin is remembered as unreachable now (and why). */
  unreachableReason(url: string): string | null {
    const origin = originOf(url);
    const down = origin === null ? undefined : this.downOrigins.get(origin);
    if (!down) return null;
    if (this.options.clock.now() >= down.until) {
      this.downOrigins.delete(origin!);
      return null;
    }
    return down.reason;
  }

  private async getWithRetries(url: string, headers: Record<string, string>, sendCredentials: boolean): Promise<Attempt> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt(url, headers, sendCredentials);
      if (result.kind === 'failure' && result.originDown) this.markDown(url, result.error.message);
      if (result.kind !== 'failure' || !result.retryable || attempt >= this.options.maxRetries) return result;
      let delay = backoffDelay(attempt, this.options.retryBaseDelayMs, this.options.retryMaxDelayMs, this.options.random);
      if (result.retryAfterMs != null) {
        if (result.retryAfterMs > this.options.maxRetryAfterMs) {
          return { ...result, error: { ...result.error, message: `${result.error.message}; Retry-After ${Math.ceil(result.retryAfterMs / 1000)} s is longer than we wait` } };
        }
        delay = result.retryAfterMs;
      }
      this.options.log?.(`retrying ${redactUrl(url)} in ${delay} ms (${result.error.message})`);
      await this.options.sleep(delay);
    }
  }

  private markDown(url: string, reason: string): void {
    const origin = originOf(url);
    if (origin === null || this.options.unreachableForMs <= 0) return;
    this.downOrigins.set(origin, { until: this.options.clock.now() + this.options.unreachableForMs, reason });
    this.options.log?.(`${redactUrl(origin)} is unreachable (${reason}); not asked again ${Number.isFinite(this.options.unreachableForMs) ? `for ${Math.round(this.options.unreachableForMs / 1000)} s` : 'in this run'}`);
  }

  private async attempt(url: string, extraHeaders: Record<string, string>, sendCredentials: boolean): Promise<Attempt> {
    const release = await this.semaphore.acquire();
    // Checked after waiting for a slot: requests queued behind the one that found the origin down fail at once.
    const down = this.unreachableReason(url);
    if (down !== null) {
      release();
      return { kind: 'failure', retryable: false, error: { kind: 'unreachable', message: `${redactUrl(originOf(url) ?? url)} is unreachable: ${down}` } };
    }
    if (this.stopped.signal.aborted) {
      release();
      return { kind: 'failure', retryable: false, error: { kind: 'timeout', message: `not asked: the time for index requests is up (${redactUrl(url)})` } };
    }
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(), this.options.requestTimeoutMs);
    const stop = () => controller.abort();
    this.stopped.signal.addEventListener('abort', stop);
    const origin = originOf(url) ?? url;
    this.pending.set(origin, (this.pending.get(origin) ?? 0) + 1);
    let answered = false;
    try {
      const headers: Record<string, string> = { 'user-agent': this.options.userAgent, 'accept-encoding': ACCEPT_ENCODING, ...extraHeaders };
      // Computed per URL (per redirect hop): a credential is only ever sent to its own origin.
      const authorization = sendCredentials ? this.options.credentials.authorizationFor(url) : null;
      if (authorization) headers.authorization = authorization;
      this.requestCount++;
      const response = await request(url, {
        method: 'GET',
        headers,
        dispatcher: this.options.dispatcher,
        signal: controller.signal,
        headersTimeout: this.options.headersTimeoutMs,
        bodyTimeout: this.options.bodyTimeoutMs,
      });
      answered = true;
      return await this.readResponse(url, response);
    } catch (error) {
      if (this.stopped.signal.aborted) return { kind: 'failure', retryable: false, error: { kind: 'timeout', message: `stopped waiting for ${redactUrl(url)}: the time for index requests is up` } };
      return this.failureFromError(url, error, controller.signal.aborted, answered);
    } finally {
      clearTimeout(deadline);
      this.stopped.signal.removeEventListener('abort', stop);
      const left = (this.pending.get(origin) ?? 1) - 1;
      if (left > 0) this.pending.set(origin, left);
      else this.pending.delete(origin);
      release();
    }
  }

  private async readResponse(url: string, response: Dispatcher.ResponseData): Promise<Attempt> {
    const headers = flattenHeaders(response.headers);
    const status = response.statusCode;
    if (REDIRECT_STATUSES.has(status) && headers.location) {
      await response.body.dump();
      return { kind: 'redirect', location: headers.location, status };
    }
    if (status !== 200 && status !== 203 && status !== 304) {
      await response.body.dump().catch(() => undefined);
      return statusFailure(url, status, headers, this.options.clock.now());
    }
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > this.options.maxResponseBytes) {
      response.body.destroy();
      return tooLarge(url, this.options.maxResponseBytes);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response.body) {
      total += chunk.length;
      if (total > this.options.maxResponseBytes) {
        response.body.destroy();
        return tooLarge(url, this.options.maxResponseBytes);
      }
      chunks.push(chunk);
    }
    const decoded = await decodeContent(Buffer.concat(chunks), headers['content-encoding'], this.options.maxResponseBytes);
    if (!decoded.ok) return decoded.tooLarge ? tooLarge(url, this.options.maxResponseBytes) : { kind: 'failure', retryable: false, error: { kind: 'bad-response', message: `${redactUrl(url)}: ${decoded.message}`, status } };
    if (decoded.decoded) {
      // What is stored and cached is the decoded body: its encoding and length no longer apply.
      delete headers['content-encoding'];
      delete headers['content-length'];
    }
    return { kind: 'response', response: { status, headers, body: decoded.body, url } };
  }

  private failureFromError(url: string, error: unknown, aborted: boolean, answered: boolean): Attempt {
    const code = (error as { code?: string }).code ?? '';
    const where = redactUrl(url);
    // Nobody answered at all (no response headers): the origin is down, not just this request.
    const originDown = ORIGIN_DOWN_CODES.has(code) || (aborted && !answered);
    if (aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      return { kind: 'failure', retryable: false, originDown, error: { kind: 'timeout', message: `timed out waiting for ${where}${code ? ` (${code})` : ''}` } };
    }
    const message = `cannot reach ${where}: ${code || sanitizeRemoteText((error as Error).message || String(error), { maxLength: 200 })}`;
    return { kind: 'failure', retryable: RETRYABLE_ERROR_CODES.has(code), originDown, error: { kind: 'unreachable', message } };
  }
}

type Decoded = { ok: true; body: Buffer; decoded: boolean } | { ok: false; tooLarge: boolean; message: string };

/** Undoes Content-Encoding (last applied first), never producing more than `limit` bytes. */
async function decodeContent(body: Buffer, contentEncoding: string | undefined, limit: number): Promise<Decoded> {
  const encodings = (contentEncoding ?? '').split(',').map((part) => part.trim().toLowerCase()).filter((part) => part && part !== 'identity');
  let current = body;
  for (const encoding of encodings.reverse()) {
    const decoder = DECODERS[encoding];
    if (!decoder) return { ok: false, tooLarge: false, message: `unsupported Content-Encoding "${sanitizeRemoteText(encoding, { maxLength: 40 })}"` };
    try {
      current = await decoder(current, { maxOutputLength: limit });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) return { ok: false, tooLarge: true, message: 'too large' };
      return { ok: false, tooLarge: false, message: `cannot decode the ${encoding} body (${code ?? 'corrupt data'})` };
    }
  }
  return { ok: true, body: current, decoded: encodings.length > 0 };
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

function tooLarge(url: string, limit: number): Attempt {
  return { kind: 'failure', retryable: false, error: { kind: 'too-large', message: `response from ${redactUrl(url)} is larger than ${limit} bytes` } };
}

function statusFailure(url: string, status: number, headers: Record<string, string>, now: number): Attempt {
  const where = redactUrl(url);
  if (status === 404 || status === 410) return { kind: 'failure', retryable: false, error: { kind: 'not-found', message: `${where} returned ${status}`, status } };
  if (status === 401 || status === 403) return { kind: 'failure', retryable: false, error: { kind: 'auth', message: `${where} returned ${status}: credentials missing or refused`, status } };
  if (RETRYABLE_STATUSES.has(status)) {
    return { kind: 'failure', retryable: true, retryAfterMs: parseRetryAfter(headers['retry-after'], now), error: { kind: 'unreachable', message: `${where} returned ${status}`, status } };
  }
  return { kind: 'failure', retryable: false, error: { kind: 'bad-response', message: `${where} returned unexpected status ${status}`, status } };
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}
