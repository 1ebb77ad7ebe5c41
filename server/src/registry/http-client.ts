/**
 * GET over undici with the network rules of the issue in one place: a concurrency limit, per-attempt
 * timeouts (connect via the dispatcher, headers, body idle, and a whole-attempt deadline), retries
 * with exponential backoff and jitter on 429/5xx/connection resets honouring Retry-After (a
 * Retry-After longer than `maxRetryAfterMs` is not waited for: the error is returned at once), a
 * response-size limit (aborts the body beyond it), and redirects followed by hand (limit
 * `maxRedirects`) so that Authorization is recomputed per hop from the CredentialStore — credentials
 * never cross to another origin. Timeouts are not retried, so a request ends within about
 * (1 + maxRetries) × requestTimeoutMs plus the backoff.
 * Never throws: returns `{ ok: true, response }` (2xx or 304) or `{ ok: false, error }`.
 */
import { request, type Dispatcher } from 'undici';
import { redactUrl } from '../core/indexes';
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

type Attempt = { kind: 'response'; response: HttpResponse } | { kind: 'redirect'; location: string; status: number } | { kind: 'failure'; error: RegistryError; retryable: boolean; retryAfterMs?: number | null };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HttpClient {
  private readonly semaphore: Semaphore;
  private readonly options: Required<Omit<HttpClientOptions, 'log'>> & { log?: RegistryLogger };
  /** Requests sent (every attempt and redirect hop), for tests and the benchmark. */
  requestCount = 0;

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
      userAgent: 'pipsight',
      sleep: defaultSleep,
      random: Math.random,
      ...options,
    };
    this.semaphore = new Semaphore(this.options.concurrency);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
    let current = url;
    for (let hop = 0; ; hop++) {
      const result = await this.getWithRetries(current, headers);
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
      this.options.log?.(`redirect ${redactUrl(current)} → ${redactUrl(next)}`);
      current = next;
    }
  }

  private async getWithRetries(url: string, headers: Record<string, string>): Promise<Attempt> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt(url, headers);
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

  private async attempt(url: string, extraHeaders: Record<string, string>): Promise<Attempt> {
    const release = await this.semaphore.acquire();
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(), this.options.requestTimeoutMs);
    try {
      const headers: Record<string, string> = { 'user-agent': this.options.userAgent, ...extraHeaders };
      // Computed per URL (per redirect hop): a credential is only ever sent to its own origin.
      const authorization = this.options.credentials.authorizationFor(url);
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
      return await this.readResponse(url, response);
    } catch (error) {
      return this.failureFromError(url, error, controller.signal.aborted);
    } finally {
      clearTimeout(deadline);
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
    return { kind: 'response', response: { status, headers, body: Buffer.concat(chunks), url } };
  }

  private failureFromError(url: string, error: unknown, aborted: boolean): Attempt {
    const code = (error as { code?: string }).code ?? '';
    const where = redactUrl(url);
    if (aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      return { kind: 'failure', retryable: false, error: { kind: 'timeout', message: `timed out waiting for ${where}${code ? ` (${code})` : ''}` } };
    }
    const message = `cannot reach ${where}: ${code || (error as Error).message || String(error)}`;
    return { kind: 'failure', retryable: RETRYABLE_ERROR_CODES.has(code), error: { kind: 'unreachable', message } };
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
