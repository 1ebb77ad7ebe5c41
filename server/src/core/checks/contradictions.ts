/**
 * `contradictory-requirements`: two requirements on one package that meet in some environment and
 * that no version satisfies together (`numpy>=2` in the project, `numpy<2` in a group or a
 * constraints file). pip, uv and Poetry would fail at install time; we say so while typing.
 */
import type { Finding, Requirement } from '../model';
import { parseSpecifierAlternatives, specifierSetsIntersect, type SpecifierSet } from '../pep440';
import type { EnvironmentSet } from './environments';
import { cappedRelated, describeGroup, PackageForms, type Occurrence } from './requirement-pairs';

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

/** Sides named in the message; the related information points at up to MAX_RELATED_LOCATIONS of them. */
const SIDES_IN_MESSAGE = 5;

export function checkContradictions(byPackage: Map<string, Occurrence[]>, environments: EnvironmentSet): Finding[] {
  const findings: Finding[] = [];
  for (const occurrences of byPackage.values()) {
    if (occurrences.length < 2) continue;
    const forms = new PackageForms(occurrences, environments, (a, b) => specifiersContradict(a.requirement, b.requirement));
    for (let position = 0; position < occurrences.length; position++) {
      const occurrence = occurrences[position];
      if (!occurrence.inRoot) continue;
      // Every other occurrence it cannot be satisfied together with.
      const { first: others, total } = forms.partnersOf(position, [[0, occurrences.length]]);
      if (total === 0) continue;
      const requirement = occurrence.requirement;
      const named = others.slice(0, SIDES_IN_MESSAGE).map((o) => `${o.requirement.specifier} (${describeGroup(o.requirement)})`);
      const sides = total > named.length ? `${named.join(', ')} and ${total - named.length} more` : named.join(', ');
      findings.push({
        code: 'contradictory-requirements',
        severity: 'error',
        message: `No version of ${requirement.name} satisfies both ${requirement.specifier} (${describeGroup(requirement)}) and ${sides}.`,
        span: requirement.spans.specifier ?? requirement.spans.whole,
        package: requirement.normalizedName,
        related: cappedRelated(others.map((o) => ({
          path: o.inRoot ? undefined : o.file.path,
          span: o.requirement.spans.specifier ?? o.requirement.spans.whole,
          message: `${o.requirement.name} ${o.requirement.specifier} required here`,
        })), total),
      });
    }
  }
  return findings;
}
