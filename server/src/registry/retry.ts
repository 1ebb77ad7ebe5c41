/**
 * Retry rules: which failures are retried, the backoff (exponential with full jitter, capped) and
 * Retry-After (RFC 9110 §10.2.3: delay-seconds or an HTTP-date).
 */
export const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/** undici/Node error codes of a dropped connection, worth one more try. */
export const RETRYABLE_ERROR_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);

/** Milliseconds to wait for a Retry-After value; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** Delay before retry number `attempt` (0-based): random in [0, min(cap, base·2^attempt)]. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}
