/**
 * lock-conflict: inside a lockfile, an edge whose target version violates the edge's specifier
 * (e.g. fastapi requires starlette<0.39.0 and the lock has starlette 0.40.0). Reported on the
 * declaring package's entry, with related information on the target's entry. One pass over the
 * edges with a name index: linear in the size of the lock.
 */
import type { Finding, LockedPackage, ParsedFile } from '../model';
import { normalizeName } from '../names';
import { versionSatisfies } from '../pep440';
import type { Span } from '../span';
import { EnvironmentSet } from './environments';

export function checkLockConflicts(lock: ParsedFile): Finding[] {
  const byName = new Map<string, LockedPackage[]>();
  for (const locked of lock.locked) {
    const list = byName.get(locked.normalizedName);
    if (list) list.push(locked);
    else byName.set(locked.normalizedName, [locked]);
  }
  // An edge whose marker holds for no Python the lock covers (pdm's `python_version < "3.10"`
  // branch in a lock for >=3.10) is never installed from this lock.
  const environments = new EnvironmentSet(lock.requiresPython?.specifier ?? null);
  const findings: Finding[] = [];
  for (const locked of lock.locked) {
    locked.dependencies.forEach((dependency, position) => {
      if (dependency.specifier === '') return;
      if (dependency.marker && !environments.markersOverlap(dependency.marker, null)) return;
      let candidates = byName.get(normalizeName(dependency.name)) ?? [];
      const pinned = locked.dependencyVersions?.[position];
      if (pinned) candidates = candidates.filter((candidate) => candidate.version === pinned);
      if (candidates.length === 0 || candidates.some((candidate) => versionSatisfies(dependency.specifier, candidate.version))) return;
      const versions = candidates.map((candidate) => candidate.version).join(', ');
      findings.push({
        code: 'lock-conflict',
        severity: 'error',
        package: locked.normalizedName,
        span: locked.span ?? ({ start: 0, end: 0 } as Span),
        message: `${locked.name} ${locked.version} requires ${dependency.name}${dependency.specifier}, but the lock has ${dependency.name} ${versions}`,
        related: candidates.map((candidate) => ({ span: candidate.span ?? { start: 0, end: 0 }, message: `${candidate.name} ${candidate.version} is locked here` })),
      });
    });
  }
  return findings;
}
