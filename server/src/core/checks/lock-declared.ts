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
import { hasKnownName, isSelfReference, requirementGroups, type Finding, type LockedPackage, type ParsedFile, type Requirement } from '../model';
import { normalizeExtra, normalizeName } from '../names';
import { basename } from '../paths';
import { evaluateMarker, parseMarker } from '../pep508';
import { EnvironmentSet } from './environments';
import { lockRelated } from './lock-related';
import { isLockedWorkspaceMember, workspaceMemberRange } from './lock-workspace';

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
  const extras = requirementGroups(requirement).map((group) => (group.startsWith('extra:') ? group.slice('extra:'.length) : ''));
  return extras.some((extra) => evaluateMarker(marker, { ...context.targetEnvironment, extra }));
}

/**
 * @param lockIsCompiledRequirements  the lock is a pip-compile output (environment-specific)
 * @param workspaceMembers  uv.lock: normalized names of the uv workspace's members (`[manifest] members`)
 */
export function checkDeclaredAgainstLock(manifest: ParsedFile, lock: ParsedFile, context: AnalysisContext, lockIsCompiledRequirements = false, workspaceMembers: ReadonlySet<string> = new Set()): Finding[] {
  const byName = lockedByName(lock);
  const lockedGroups = lock.kind === 'pdm-lock' ? lock.lockMetadata?.groups : undefined;
  const lockName = basename(lock.path);
  const environments = lockForksOnConflicts(lock) ? null : new EnvironmentSet(lock.requiresPython?.specifier ?? null);
  const lockedExtras = new LockedExtras(lock, byName);
  const findings: Finding[] = [];
  for (const requirement of manifest.requirements) {
    if (!isDependencyGroup(requirement.group) || isSelfReference(manifest, requirement)) continue;
    // A local project whose name is unknown cannot be looked up in the lock.
    if (!hasKnownName(requirement)) continue;
    if (lockedGroups && !lockedGroups.includes(pdmGroupName(requirement.group))) continue;
    if (!appliesToTarget(requirement, context)) continue;
    const candidates = byName.get(requirement.normalizedName) ?? [];
    if (candidates.length === 0) {
      if (lockIsCompiledRequirements && requirement.marker && !context.targetEnvironment) continue;
      // The lock lists a local project it could not name (a path of the machine it was compiled on): it may be this one.
      if (requirement.localProject !== undefined && byName.has('')) continue;
      findings.push({
        code: 'lock-missing', severity: 'warning', package: requirement.normalizedName, span: requirement.spans.whole,
        message: `${requirement.name} is declared but ${lockName} has no ${requirement.name}; update the lock`,
        related: [lockRelated(lock, undefined, `${lockName}`)],
      });
      continue;
    }
    const extrasNotLocked = lockIsCompiledRequirements ? [] : lockedExtras.missing(requirement, candidates);
    if (extrasNotLocked.length > 0) findings.push(missingExtras(requirement, lock, candidates, extrasNotLocked));
    if (requirement.url || requirement.specifier === '') continue;
    if (candidates.every((locked) => isLockedWorkspaceMember(locked, workspaceMembers))) {
      findings.push(...workspaceMemberRange(requirement, lock, candidates));
      continue;
    }
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

/**
 * Whether the lock has what a declaration's extras add (`uvicorn[standard]`: uvloop, httptools,
 * ...), as far as the lock records which extras were asked for:
 * - uv.lock: an edge that asks for the extra (the project's own entry records its declarations),
 *   or edges of the package for that extra (`[package.optional-dependencies]`, which uv writes
 *   only for the extras asked for; a virtual workspace root records its groups in `[manifest]`);
 * - pdm.lock: an entry of the package with that extra (PDM writes one per extras combination);
 * - poetry.lock: one of the requirements `[package.extras]` lists for it is a dependency of the
 *   package and is locked (Poetry leaves out the optional dependencies no one asked for). An extra
 *   the package does not list, or lists empty, tells nothing.
 * pylock.toml records no extras on its edges: nothing is compared there.
 */
class LockedExtras {
  private askedOfUv: Map<string, Set<string>> | undefined;

  constructor(
    private readonly lock: ParsedFile,
    private readonly byName: ReadonlyMap<string, LockedPackage[]>,
  ) {}

  /** The requested extras (normalized) the lock does not have. */
  missing(requirement: Requirement, candidates: readonly LockedPackage[]): string[] {
    if (requirement.extras.length === 0) return [];
    const requested = [...new Set(requirement.extras.map(normalizeExtra))];
    return requested.filter((extra) => !this.has(requirement.normalizedName, candidates, extra));
  }

  private has(name: string, candidates: readonly LockedPackage[], extra: string): boolean {
    switch (this.lock.kind) {
      case 'uv-lock':
        return this.uvAsked().get(name)?.has(extra) === true || candidates.some((locked) => locked.dependencies.some((edge) => scopedToExtra(edge.marker, extra)));
      case 'pdm-lock':
        return candidates.some((locked) => locked.extras?.includes(extra));
      case 'poetry-lock':
        return candidates.some((locked) => this.poetryHas(locked, extra));
      default:
        return true;
    }
  }

  private uvAsked(): Map<string, Set<string>> {
    if (this.askedOfUv) return this.askedOfUv;
    this.askedOfUv = new Map();
    for (const locked of this.lock.locked) {
      for (const edge of locked.dependencies) {
        if (edge.extras.length === 0) continue;
        const name = normalizeName(edge.name);
        const asked = this.askedOfUv.get(name) ?? new Set<string>();
        for (const extra of edge.extras) asked.add(extra);
        this.askedOfUv.set(name, asked);
      }
    }
    return this.askedOfUv;
  }

  private poetryHas(locked: LockedPackage, extra: string): boolean {
    const needed = locked.extraRequirements?.[extra];
    if (!needed || needed.length === 0) return true;
    const dependencies = new Set(locked.dependencies.map((edge) => normalizeName(edge.name)));
    return needed.some((name) => dependencies.has(name) && this.byName.has(name));
  }
}

/** Does an edge's marker say it comes with this extra (`extra == "x"`, as the lock parsers scope optional dependencies)? */
function scopedToExtra(marker: string | null, extra: string): boolean {
  if (marker === null) return false;
  for (const match of marker.matchAll(/\bextra == "([^"]+)"/g)) if (normalizeExtra(match[1]) === extra) return true;
  return false;
}

function missingExtras(requirement: Requirement, lock: ParsedFile, locked: readonly LockedPackage[], extras: readonly string[]): Finding {
  const lockName = basename(lock.path);
  const what = extras.length === 1 ? `its extra ${extras[0]}` : `its extras ${extras.join(', ')}`;
  return {
    code: 'lock-missing', severity: 'warning', package: requirement.normalizedName, span: requirement.spans.whole,
    message: `${requirement.name}[${requirement.extras.join(',')}] is declared but ${lockName} locks ${requirement.name} without ${what}; update the lock`,
    related: locked.map((entry) => lockRelated(lock, entry.span, `${entry.name} ${entry.version} is locked here`)),
  };
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
