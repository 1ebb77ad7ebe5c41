/**
 * lock-mismatch / lock-missing: each declared requirement of a manifest against its lockfile.
 * Findings go on the requirement, with related information on the lock entry.
 *
 * - Requirements that are not dependencies (build-system, constraints, overrides, Hatch
 *   environments) are skipped, and so are groups a PDM lock says it did not lock.
 * - A requirement whose marker is false in the target environment needs nothing locked. Without
 *   a target, a universal lock (uv, Poetry, PDM, pylock) must still hold every requirement; a
 *   pip-compile output is made for one environment, so marked requirements may be absent from it.
 * - Matching allows pre-releases and local versions (`==2.5.1` is satisfied by `2.5.1+cu124`).
 * - A forked lock (uv `resolution-markers`, Poetry/PDM/pylock package markers) may lock several
 *   versions of one package, each for its own environments: the declaration must be satisfied by
 *   every locked version whose marker can hold together with the declaration's marker (in the
 *   target environment when there is one), and the finding names the fork that breaks it. A uv
 *   lock with conflicting extras or groups (`[tool.uv] conflicts`) forks on those too, which
 *   environment markers cannot tell apart: there one satisfying version is enough.
 */
import type { AnalysisContext } from '../context';
import { isDependencyGroup } from '../graph/graph-builder';
import { versionSatisfies } from '../pep440';
import { isSelfReference, type Finding, type LockedPackage, type ParsedFile, type Requirement } from '../model';
import { basename } from '../paths';
import { evaluateMarker, parseMarker } from '../pep508';
import { EnvironmentSet } from './environments';
import { lockRelated } from './lock-related';

/** Name of a manifest group as PDM lists it in `[metadata] groups`. */
function pdmGroupName(group: string): string {
  if (group === 'main') return 'default';
  return group.replace(/^(extra|group|pdm-dev):/, '');
}

function lockedByName(lock: ParsedFile): Map<string, LockedPackage[]> {
  const byName = new Map<string, LockedPackage[]>();
  for (const locked of lock.locked) {
    const list = byName.get(locked.normalizedName);
    if (list) list.push(locked);
    else byName.set(locked.normalizedName, [locked]);
  }
  return byName;
}

function appliesToTarget(requirement: Requirement, context: AnalysisContext): boolean {
  if (!requirement.marker || !context.targetEnvironment) return true;
  const marker = parseMarker(requirement.marker).value;
  if (!marker) return true;
  const extra = requirement.group.startsWith('extra:') ? requirement.group.slice('extra:'.length) : '';
  return evaluateMarker(marker, { ...context.targetEnvironment, extra });
}

/**
 * @param lockIsCompiledRequirements  the lock is a pip-compile output (environment-specific)
 */
export function checkDeclaredAgainstLock(manifest: ParsedFile, lock: ParsedFile, context: AnalysisContext, lockIsCompiledRequirements = false): Finding[] {
  const byName = lockedByName(lock);
  const lockedGroups = lock.kind === 'pdm-lock' ? lock.lockMetadata?.groups : undefined;
  const lockName = basename(lock.path);
  const environments = lockForksOnConflicts(lock) ? null : new EnvironmentSet(lock.requiresPython?.specifier ?? null);
  const findings: Finding[] = [];
  for (const requirement of manifest.requirements) {
    if (!isDependencyGroup(requirement.group) || isSelfReference(manifest, requirement)) continue;
    if (lockedGroups && !lockedGroups.includes(pdmGroupName(requirement.group))) continue;
    if (!appliesToTarget(requirement, context)) continue;
    const candidates = byName.get(requirement.normalizedName) ?? [];
    if (candidates.length === 0) {
      if (lockIsCompiledRequirements && requirement.marker && !context.targetEnvironment) continue;
      findings.push({
        code: 'lock-missing', severity: 'warning', package: requirement.normalizedName, span: requirement.spans.whole,
        message: `${requirement.name} is declared but ${lockName} has no ${requirement.name}; update the lock`,
        related: [lockRelated(lock, undefined, `${lockName}`)],
      });
      continue;
    }
    if (requirement.url || requirement.specifier === '') continue;
    const forks = environments && forksOf(requirement, candidates, environments, context);
    if (forks) {
      const broken = forks.filter((locked) => !versionSatisfies(requirement.specifier, locked.version));
      if (broken.length > 0) findings.push(mismatch(requirement, lock, broken, broken.map((locked) => `${locked.version} for ${locked.marker}`).join(', ')));
      continue;
    }
    if (candidates.some((locked) => versionSatisfies(requirement.specifier, locked.version))) continue;
    findings.push(mismatch(requirement, lock, candidates, candidates.map((locked) => locked.version).join(', ')));
  }
  return findings;
}

/** uv encodes conflicting extras / groups in markers as `extra == 'extra-<n>-<project>-<extra>'` (or `group-<n>-…`). */
const CONFLICT_MARKER = /\b(?:extra|group) [=!]= ['"](?:extra|group)-\d+-/;

function lockForksOnConflicts(lock: ParsedFile): boolean {
  return lock.kind === 'uv-lock' && lock.locked.some((locked) => locked.dependencies.some((edge) => edge.marker !== null && CONFLICT_MARKER.test(edge.marker)));
}

/**
 * The locked versions a declaration must hold for when the lock forks (several versions, each
 * with its marker): those whose marker holds in the target environment, else those whose marker
 * can hold together with the declaration's. null when the lock does not fork for this package.
 */
function forksOf(requirement: Requirement, candidates: LockedPackage[], environments: EnvironmentSet, context: AnalysisContext): LockedPackage[] | null {
  if (candidates.length < 2 || !candidates.every((locked) => locked.marker)) return null;
  const target = context.targetEnvironment;
  const applicable = target
    ? candidates.filter((locked) => {
        const marker = environments.marker(locked.marker ?? null);
        return !marker || evaluateMarker(marker, { ...target, extra: '' });
      })
    : candidates.filter((locked) => environments.markersOverlap(locked.marker ?? null, requirement.marker));
  return applicable.length > 0 ? applicable : null;
}

function mismatch(requirement: Requirement, lock: ParsedFile, locked: LockedPackage[], versions: string): Finding {
  const lockName = basename(lock.path);
  const declared = requirement.constraint && requirement.constraint !== requirement.specifier ? ` ${requirement.constraint}` : requirement.specifier;
  return {
    code: 'lock-mismatch', severity: 'error', package: requirement.normalizedName, span: requirement.spans.whole,
    message: `${requirement.name}${declared} is declared, but ${lockName} locks ${requirement.name} ${versions}`,
    related: locked.map((entry) => lockRelated(lock, entry.span, `${entry.name} ${entry.version} is locked here`)),
  };
}
