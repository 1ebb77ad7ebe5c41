/**
 * PEP 440 versions: parsing (by @renovatebot/pep440), normalization and the total order.
 *
 * The library parses and normalizes the letters; we keep its result in a small immutable record,
 * cache it, and compare records directly (the library's `compare` re-parses both strings on every
 * call, which makes sorting a long release list slow). The order is PEP 440's, checked against
 * packaging's ordering vectors and, property-wise, against the library's own `compare`.
 */
import { parse as parseWithLibrary } from '@renovatebot/pep440';
import { trimPythonWhitespace } from './whitespace';
import { memoizeString } from '../memo';

export type PreReleaseLabel = 'a' | 'b' | 'rc';

export interface ParsedVersion {
  readonly epoch: number;
  readonly release: readonly number[];
  readonly pre: { readonly label: PreReleaseLabel; readonly number: number } | null;
  readonly post: number | null;
  readonly dev: number | null;
  /** Local label parts: numbers for all-digit parts, lower-case strings otherwise. */
  readonly local: readonly (string | number)[] | null;
}

/** Parses a version (surrounding whitespace allowed); null when it is not PEP 440. Cached. */
export const parseVersion: (text: string) => ParsedVersion | null = memoizeString(parseVersionUncached);

/** parseVersion without the shared memo: for callers that keep their own (a page of 100,000 versions). */
export function parseVersionUncached(text: string): ParsedVersion | null {
  if (typeof text !== 'string') return null;
  const trimmed = trimPythonWhitespace(text);
  // PEP 440 is ASCII. The library's case-insensitive regex would otherwise accept look-alikes
  // such as U+212A KELVIN SIGN in a local label.
  if (!/^[\x21-\x7e]+$/.test(trimmed)) return null;
  let result: ReturnType<typeof parseWithLibrary>;
  try {
    result = parseWithLibrary(trimmed);
  } catch {
    return null;
  }
  if (!result) return null;
  const plus = trimmed.indexOf('+');
  return Object.freeze({
    epoch: Number(result.epoch),
    release: Object.freeze(result.release.map(Number)),
    pre: result.pre ? Object.freeze({ label: result.pre[0] as PreReleaseLabel, number: Number(result.pre[1]) }) : null,
    post: result.post ? Number(result.post[1]) : null,
    dev: result.dev ? Number(result.dev[1]) : null,
    // Re-split the label ourselves: the library turns a part like "1e5" into the number 100000.
    local: plus === -1 ? null : Object.freeze(trimmed.slice(plus + 1).split(/[-_.]/).map(parseLocalPart)),
  });
}

function parseLocalPart(part: string): string | number {
  return /^[0-9]+$/.test(part) ? Number(part) : part.toLowerCase();
}

export function isPrereleaseVersion(version: ParsedVersion): boolean {
  return version.pre !== null || version.dev !== null;
}

export function formatVersion(version: ParsedVersion): string {
  let text = version.epoch !== 0 ? `${version.epoch}!` : '';
  text += version.release.join('.');
  if (version.pre) text += `${version.pre.label}${version.pre.number}`;
  if (version.post !== null) text += `.post${version.post}`;
  if (version.dev !== null) text += `.dev${version.dev}`;
  if (version.local) text += `+${version.local.join('.')}`;
  return text;
}

function sign(value: number): number {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}

/** Release segments compared with implicit trailing zeros (1.0 == 1.0.0). */
export function compareReleases(a: readonly number[], b: readonly number[]): number {
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return sign(difference);
  }
  return 0;
}

const PRE_LABEL_RANK: Record<PreReleaseLabel, number> = { a: 0, b: 1, rc: 2 };

/**
 * The pre-release sort key of PEP 440: a dev release without pre or post sorts before every
 * pre-release of the same release (1.0.dev0 < 1.0a0), a version without pre-release after them.
 */
function preKey(version: ParsedVersion): [number, number] {
  if (version.pre) return [PRE_LABEL_RANK[version.pre.label], version.pre.number];
  if (version.post === null && version.dev !== null) return [-Infinity, 0];
  return [Infinity, 0];
}

function compareLocals(a: ParsedVersion['local'], b: ParsedVersion['local']): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const left = a[index];
    const right = b[index];
    if (left === right) continue;
    // Alphanumeric parts sort before numeric ones; numbers numerically, strings lexically.
    if (typeof left !== typeof right) return typeof left === 'string' ? -1 : 1;
    return left < right ? -1 : 1;
  }
  return sign(a.length - b.length);
}

/** Compares the public parts (everything but the local label). */
export function comparePublicVersions(a: ParsedVersion, b: ParsedVersion): number {
  if (a.epoch !== b.epoch) return sign(a.epoch - b.epoch);
  const release = compareReleases(a.release, b.release);
  if (release !== 0) return release;
  const [aPreRank, aPreNumber] = preKey(a);
  const [bPreRank, bPreNumber] = preKey(b);
  if (aPreRank !== bPreRank) return aPreRank < bPreRank ? -1 : 1;
  if (aPreNumber !== bPreNumber) return sign(aPreNumber - bPreNumber);
  // No post-release sorts before any post-release; no dev release sorts after any dev release.
  const aPost = a.post ?? -Infinity;
  const bPost = b.post ?? -Infinity;
  if (aPost !== bPost) return aPost < bPost ? -1 : 1;
  const aDev = a.dev ?? Infinity;
  const bDev = b.dev ?? Infinity;
  if (aDev !== bDev) return aDev < bDev ? -1 : 1;
  return 0;
}

export function compareParsedVersions(a: ParsedVersion, b: ParsedVersion): number {
  return comparePublicVersions(a, b) || compareLocals(a.local, b.local);
}

// Public API (see index.ts).

export function isValidVersion(text: string): boolean {
  return parseVersion(text) !== null;
}

/** The canonical form packaging prints (`1.0-ALPHA.1` -> `1.0a1`), or null when not PEP 440. */
export function normalizeVersion(text: string): string | null {
  const parsed = parseVersion(text);
  return parsed ? formatVersion(parsed) : null;
}

export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (left && right) return compareParsedVersions(left, right);
  if (left) return 1;
  if (right) return -1;
  const leftText = String(a);
  const rightText = String(b);
  return leftText < rightText ? -1 : leftText > rightText ? 1 : 0;
}

export function isPrerelease(version: string): boolean {
  const parsed = parseVersion(version);
  return parsed !== null && isPrereleaseVersion(parsed);
}
