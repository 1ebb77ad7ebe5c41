/**
 * Specifier matching, our own implementation of PEP 440 "Version specifiers" (the library's
 * `satisfies` gets several cases wrong). Semantics follow the spec as packaging implements it:
 *
 * - `==V` / `!=V`: when V has no local label, the candidate's local label is ignored
 *   (`==2.3.0` matches `2.3.0+cu121`); with a local label, the comparison is exact.
 * - `==V.*` / `!=V.*`: prefix match on the release, padding the candidate with zeros
 *   (`2` matches `==2.0.*`); the candidate's pre/post/dev/local parts do not matter.
 * - `<=V` / `>=V`: inclusive; `<=V` also accepts V's local versions.
 * - `<V`: when V is not a pre-release, pre-releases of V are excluded (the bound is V.dev0).
 * - `>V`: post-releases of V are excluded unless V is a post-release, and V's local versions too.
 * - `~=V`: `>=V` and `==prefix.*` where prefix is V's release without its last segment.
 * - `===V`: case-insensitive string equality, the only operator an invalid version can satisfy.
 *
 * Pre-release policy is applied by the callers below, not here.
 */
import type { MatchOptions, Specifier, SpecifierSet } from './index';
import {
  compareParsedVersions,
  comparePublicVersions,
  compareReleases,
  isPrereleaseVersion,
  parseVersion,
  type ParsedVersion,
} from './version';

/** Does the candidate release start with `prefix` (candidate padded with zeros), in the same epoch? */
function matchesReleasePrefix(candidate: ParsedVersion, epoch: number, prefix: readonly number[]): boolean {
  if (candidate.epoch !== epoch) return false;
  for (let index = 0; index < prefix.length; index++) {
    if ((candidate.release[index] ?? 0) !== prefix[index]) return false;
  }
  return true;
}

/** V itself, V+local and every post-release of V (with dev or local parts): what `>V` skips. */
function isInPostReleaseFamily(candidate: ParsedVersion, version: ParsedVersion): boolean {
  if (candidate.epoch !== version.epoch || compareReleases(candidate.release, version.release) !== 0) return false;
  const samePre = candidate.pre === version.pre
    || (candidate.pre !== null && version.pre !== null
      && candidate.pre.label === version.pre.label && candidate.pre.number === version.pre.number);
  return samePre && (candidate.dev === version.dev || candidate.post !== null);
}

function withoutLocal(version: ParsedVersion): ParsedVersion {
  return version.local === null ? version : { ...version, local: null };
}

function matchesGreaterThan(candidate: ParsedVersion, version: ParsedVersion): boolean {
  // A dev release has no post-releases: the next version above V.devN is V.dev(N+1).
  if (version.dev !== null) return compareParsedVersions(candidate, { ...version, dev: version.dev + 1, local: null }) >= 0;
  // Above V.postN, the lowest version is V.post(N+1).dev0.
  if (version.post !== null) {
    return compareParsedVersions(candidate, { ...version, post: version.post + 1, dev: 0, local: null }) >= 0;
  }
  return comparePublicVersions(candidate, version) > 0 && !isInPostReleaseFamily(candidate, version);
}

function matchesLessThan(candidate: ParsedVersion, version: ParsedVersion): boolean {
  // `<V` with V final (or post) must not accept V's own pre-releases: the bound is V.dev0.
  const bound = isPrereleaseVersion(version) ? withoutLocal(version) : { ...version, dev: 0, local: null };
  return compareParsedVersions(candidate, bound) < 0;
}

function matchesStandard(operator: Specifier['operator'], version: ParsedVersion, candidate: ParsedVersion): boolean {
  switch (operator) {
    case '==':
      return version.local !== null
        ? compareParsedVersions(candidate, version) === 0
        : comparePublicVersions(candidate, version) === 0;
    case '!=':
      return !matchesStandard('==', version, candidate);
    case '<=':
      return comparePublicVersions(candidate, version) <= 0;
    case '>=':
      return comparePublicVersions(candidate, version) >= 0;
    case '<':
      return matchesLessThan(candidate, version);
    case '>':
      return matchesGreaterThan(candidate, version);
    case '~=':
      return comparePublicVersions(candidate, version) >= 0
        && matchesReleasePrefix(candidate, version.epoch, version.release.slice(0, -1));
    default:
      return false;
  }
}

/**
 * Does one specifier accept the candidate? `candidate` is the parsed form of `candidateText`
 * (null when not PEP 440). Pre-release policy is not applied here.
 */
export function specifierMatches(specifier: Specifier, candidate: ParsedVersion | null, candidateText: string): boolean {
  const { operator, version } = specifier;
  if (operator === '===') return candidateText.toLowerCase() === version.toLowerCase();
  if (candidate === null) return false;
  if (version.endsWith('.*')) {
    if (operator !== '==' && operator !== '!=') return false;
    const base = parseVersion(version.slice(0, -2));
    if (!base) return false;
    return matchesReleasePrefix(candidate, base.epoch, base.release) === (operator === '==');
  }
  const parsed = parseVersion(version);
  return parsed !== null && matchesStandard(operator, parsed, candidate);
}

/** packaging's rule: a specifier "mentions" a pre-release unless it is `!=` or a `.*` match. */
export function specifierSetMentionsPrerelease(set: SpecifierSet): boolean {
  return set.specifiers.some((specifier) => {
    if (specifier.operator === '!=' || specifier.version.endsWith('.*')) return false;
    const parsed = parseVersion(specifier.version);
    return parsed !== null && isPrereleaseVersion(parsed);
  });
}

function everySpecifierMatches(set: SpecifierSet, candidate: ParsedVersion | null, candidateText: string): boolean {
  for (const specifier of set.specifiers) {
    if (!specifierMatches(specifier, candidate, candidateText)) return false;
  }
  return true;
}

export function specifierSetContains(set: SpecifierSet, version: string, options?: MatchOptions): boolean {
  if (!set || !Array.isArray(set.specifiers) || typeof version !== 'string') return false;
  const candidate = parseVersion(version);
  if (candidate === null && !set.specifiers.some((specifier) => specifier.operator === '===')) return false;
  if (candidate !== null && isPrereleaseVersion(candidate)) {
    const allowed = options?.prereleases ?? specifierSetMentionsPrerelease(set);
    if (!allowed) return false;
  }
  return everySpecifierMatches(set, candidate, version);
}

/**
 * packaging's `SpecifierSet.filter`. With an empty set every item passes, even a non-PEP 440 one
 * (as packaging does); otherwise invalid versions only pass `===`. Pre-releases: true keeps them,
 * false drops them, undefined keeps them when the set mentions one, else only when no final
 * release matched (then every matching pre-release is returned). Input order is kept.
 */
export function filterVersions(set: SpecifierSet, versions: readonly string[], options?: MatchOptions): string[] {
  if (!set || !Array.isArray(set.specifiers) || !Array.isArray(versions)) return [];
  const matching: string[] = [];
  const finals: string[] = [];
  const prereleases = options?.prereleases ?? (specifierSetMentionsPrerelease(set) ? true : undefined);
  for (const text of versions) {
    if (typeof text !== 'string') continue;
    const candidate = parseVersion(text);
    const isPrerelease = candidate !== null && isPrereleaseVersion(candidate);
    if (isPrerelease && prereleases === false) continue;
    const matches = set.specifiers.length === 0 || everySpecifierMatches(set, candidate, text);
    if (!matches) continue;
    matching.push(text);
    if (!isPrerelease) finals.push(text);
  }
  if (prereleases === undefined && finals.length > 0) return finals;
  return matching;
}
