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
 */
import type { AnalysisContext } from '../context';
import { isDependencyGroup } from '../graph/graph-builder';
import { versionSatisfies } from '../pep440';
import { isSelfReference, type Finding, type LockedPackage, type ParsedFile, type Requirement } from '../model';
import { basename } from '../paths';
import { evaluateMarker, parseMarker } from '../pep508';
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
    if (candidates.some((locked) => versionSatisfies(requirement.specifier, locked.version))) continue;
    const versions = candidates.map((locked) => locked.version).join(', ');
    findings.push({
      code: 'lock-mismatch', severity: 'error', package: requirement.normalizedName, span: requirement.spans.whole,
      message: `${requirement.name}${requirement.constraint && requirement.constraint !== requirement.specifier ? ` ${requirement.constraint}` : requirement.specifier} is declared, but ${lockName} locks ${requirement.name} ${versions}`,
      related: candidates.map((locked) => lockRelated(lock, locked.span, `${locked.name} ${locked.version} is locked here`)),
    });
  }
  return findings;
}
