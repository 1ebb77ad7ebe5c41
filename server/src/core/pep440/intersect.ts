/**
 * Do two specifier sets share a version (pre-releases allowed)?
 *
 * Why a finite list of candidates is enough: every specifier accepts a union of at most two
 * intervals of the (total) PEP 440 order, so the versions accepted by all specifiers of both sets
 * form a union of intervals, and each such interval starts at the lower bound of one specifier's
 * interval (or at the smallest version, 0.dev0). If we try, for every lower bound, the smallest
 * version at or above it, then whenever the intersection contains a version x we also try a
 * version c with bound <= c <= x, and c lies in every interval that contains x. The smallest
 * version above each kind of bound:
 *
 *   >=V, ==V, ~=V     V itself
 *   ==V.*             V.dev0                   (1.2.* starts at 1.2.dev0)
 *   !=V.*             next prefix .dev0        (the part above !=1.2.* starts at 1.3.dev0)
 *   !=V (no local)    the version right after V's local versions: V.dev(N+1) when V is a dev
 *                     release, otherwise V.post(N+1).dev0 (V.post0.dev0 when V has no post)
 *   >V.devN           V.dev(N+1);  >V.postN: V.post(N+1).dev0;  >V(pre aN): V with a(N+1).dev0
 *   <V, <=V, none     0.dev0
 *
 * One bound has no smallest version above it: `>V` for a final V (1.0 < 1.0.0.1 < 1.0.0.0.1 ...).
 * There we try V's release padded with zeros to one segment more than any version written in
 * either set, plus 1, as a dev release (`>1.0` with `<1.0.1` tries 1.0.0.1.dev0). It sorts below
 * every boundary either set can produce above V, which is all the argument needs.
 * Likewise for `!=V+local` we only try V+local.0 (exotic local labels between the two are not
 * probed). `===X` can only ever match the string X, so X is the sole candidate then.
 */
import type { Specifier, SpecifierSet } from './index';
import { specifierMatches } from './specifier-match';
import { formatVersion, parseVersion, type ParsedVersion } from './version';

const SMALLEST_VERSION: ParsedVersion = { epoch: 0, release: [0], pre: null, post: null, dev: 0, local: null };

function releaseOnly(epoch: number, release: readonly number[]): ParsedVersion {
  return { epoch, release, pre: null, post: null, dev: 0, local: null };
}

function nextPrefix(release: readonly number[]): number[] {
  return [...release.slice(0, -1), (release[release.length - 1] ?? 0) + 1];
}

function versionAfterLocals(version: ParsedVersion): ParsedVersion {
  if (version.dev !== null) return { ...version, dev: version.dev + 1, local: null };
  return { ...version, post: (version.post ?? -1) + 1, dev: 0, local: null };
}

function versionAboveGreaterThan(version: ParsedVersion, longestRelease: number): ParsedVersion {
  if (version.dev !== null) return { ...version, dev: version.dev + 1, local: null };
  if (version.post !== null) return { ...version, post: version.post + 1, dev: 0, local: null };
  if (version.pre !== null) return { ...version, pre: { ...version.pre, number: version.pre.number + 1 }, dev: 0, local: null };
  const padded = Array.from({ length: longestRelease }, (_, index) => version.release[index] ?? 0);
  return releaseOnly(version.epoch, [...padded, 1]);
}

function candidatesFor(specifier: Specifier, longestRelease: number): ParsedVersion[] {
  const { operator, version } = specifier;
  if (version.endsWith('.*')) {
    const base = parseVersion(version.slice(0, -2));
    if (!base) return [];
    return [releaseOnly(base.epoch, operator === '==' ? base.release : nextPrefix(base.release))];
  }
  const parsed = parseVersion(version);
  if (!parsed) return [];
  switch (operator) {
    case '>=': case '==': case '~=':
      return [parsed];
    case '!=':
      return [parsed.local ? { ...parsed, local: [...parsed.local, 0] } : versionAfterLocals(parsed)];
    case '>':
      return [versionAboveGreaterThan(parsed, longestRelease)];
    default:
      return [];
  }
}

function acceptsAll(set: SpecifierSet, candidate: ParsedVersion | null, text: string): boolean {
  return set.specifiers.every((specifier) => specifierMatches(specifier, candidate, text));
}

/** A version (pre-releases allowed) that satisfies both sets, or null when there is none. */
export function findCommonVersion(a: SpecifierSet, b: SpecifierSet): string | null {
  const specifiers = [...a.specifiers, ...b.specifiers];
  const arbitrary = specifiers.filter((specifier) => specifier.operator === '===');
  if (arbitrary.length > 0) {
    for (const { version } of arbitrary) {
      const parsed = parseVersion(version);
      if (acceptsAll(a, parsed, version) && acceptsAll(b, parsed, version)) return version;
    }
    return null;
  }
  let longestRelease = 1;
  for (const specifier of specifiers) {
    const parsed = parseVersion(specifier.version.endsWith('.*') ? specifier.version.slice(0, -2) : specifier.version);
    if (parsed) longestRelease = Math.max(longestRelease, parsed.release.length);
  }
  const candidates = [SMALLEST_VERSION, ...specifiers.flatMap((specifier) => candidatesFor(specifier, longestRelease))];
  for (const candidate of candidates) {
    const text = formatVersion(candidate);
    if (acceptsAll(a, candidate, text) && acceptsAll(b, candidate, text)) return text;
  }
  return null;
}

export function specifierSetsIntersect(a: SpecifierSet, b: SpecifierSet): boolean {
  if (!a || !b || !Array.isArray(a.specifiers) || !Array.isArray(b.specifiers)) return false;
  return findCommonVersion(a, b) !== null;
}
