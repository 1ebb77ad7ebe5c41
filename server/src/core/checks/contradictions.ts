/**
 * `contradictory-requirements`: two requirements on one package that meet in some environment and
 * that no version satisfies together (`numpy>=2` in the project, `numpy<2` in a group or a
 * constraints file). pip, uv and Poetry would fail at install time; we say so while typing.
 */
import type { Finding, Requirement } from '../model';
import { parseSpecifierAlternatives, specifierSetsIntersect, type SpecifierSet } from '../pep440';
import type { EnvironmentSet } from './environments';
import { describeGroup, meetingPairs, type Occurrence } from './requirement-pairs';

/** A requirement's specifier as alternatives (Poetry `||` unions); null when unconstrained or unreadable. */
export function specifierAlternatives(requirement: Requirement): SpecifierSet[] | null {
  if (!requirement.specifier || requirement.url) return null;
  const sets = parseSpecifierAlternatives(requirement.specifier);
  // One alternative that allows everything makes the whole requirement unconstrained.
  return sets && sets.every((set) => set.specifiers.length > 0) ? sets : null;
}

export function specifiersContradict(a: Requirement, b: Requirement): boolean {
  const left = specifierAlternatives(a);
  const right = specifierAlternatives(b);
  if (!left || !right) return false;
  return !left.some((l) => right.some((r) => specifierSetsIntersect(l, r)));
}

export function checkContradictions(byPackage: Map<string, Occurrence[]>, environments: EnvironmentSet): Finding[] {
  const findings: Finding[] = [];
  for (const occurrences of byPackage.values()) {
    if (occurrences.length < 2) continue;
    // For every root occurrence: all other occurrences it cannot be satisfied together with.
    const conflicts = new Map<Occurrence, Occurrence[]>();
    for (const [a, b] of meetingPairs(occurrences, environments, (x, y) => specifiersContradict(x.requirement, y.requirement))) {
      if (a.inRoot) conflicts.set(a, [...(conflicts.get(a) ?? []), b]);
      if (b.inRoot) conflicts.set(b, [...(conflicts.get(b) ?? []), a]);
    }
    for (const [occurrence, others] of conflicts) {
      const requirement = occurrence.requirement;
      const sides = others.map((o) => `${o.requirement.specifier} (${describeGroup(o.requirement)})`).join(', ');
      findings.push({
        code: 'contradictory-requirements',
        severity: 'error',
        message: `No version of ${requirement.name} satisfies both ${requirement.specifier} (${describeGroup(requirement)}) and ${sides}.`,
        span: requirement.spans.specifier ?? requirement.spans.whole,
        package: requirement.normalizedName,
        related: others.map((o) => ({
          path: o.inRoot ? undefined : o.file.path,
          span: o.requirement.spans.specifier ?? o.requirement.spans.whole,
          message: `${o.requirement.name} ${o.requirement.specifier} required here`,
        })),
      });
    }
  }
  return findings;
}
