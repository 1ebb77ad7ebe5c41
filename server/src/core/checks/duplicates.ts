/** `duplicate-requirement`: the same package twice in one group, for one environment. */
import type { Finding, Requirement } from '../model';
import { normalizeExtra } from '../names';
import { basename } from '../paths';
import type { EnvironmentSet } from './environments';
import { meetingPairs, type Occurrence } from './requirement-pairs';

function extrasKey(extras: string[]): string {
  return [...new Set(extras.map(normalizeExtra))].sort().join(',');
}

/** Two direct references with different URLs name their packages by guess (paths); only identical ones are duplicates. */
function sameSource(a: Requirement, b: Requirement): boolean {
  return (a.url ?? null) === (b.url ?? null);
}

function isDuplicatePair(a: Requirement, b: Requirement): boolean {
  return a.group === b.group && a.group !== 'constraint' && extrasKey(a.extras) === extrasKey(b.extras) && sameSource(a, b);
}

export function checkDuplicates(
  byPackage: Map<string, Occurrence[]>,
  environments: EnvironmentSet,
  isContradiction: (a: Occurrence, b: Occurrence) => boolean,
): Finding[] {
  const findings: Finding[] = [];
  for (const occurrences of byPackage.values()) {
    if (occurrences.length < 2) continue;
    // Each reported occurrence once, with every earlier occurrence it repeats as related information.
    const earlierOf = new Map<Occurrence, Occurrence[]>();
    // A contradictory pair is reported as contradictory-requirements instead.
    const accept = (a: Occurrence, b: Occurrence) => isDuplicatePair(a.requirement, b.requirement) && !isContradiction(a, b);
    for (const [first, second] of meetingPairs(occurrences, environments, accept)) {
      // Report on the later occurrence in the root; if only the earlier one is in the root, report there.
      const [reported, other] = second.inRoot ? [second, first] : [first, second];
      earlierOf.set(reported, [...(earlierOf.get(reported) ?? []), other]);
    }
    for (const [reported, others] of earlierOf) {
      const first = others[0];
      const where = first.inRoot ? 'earlier in this file' : `in ${basename(first.file.path)}`;
      const firstVersion = first.requirement.constraint || first.requirement.specifier || 'any version';
      findings.push({
        code: 'duplicate-requirement',
        severity: 'warning',
        message: `${reported.requirement.name} is already required ${where} (${firstVersion}) in the same group.`,
        span: reported.requirement.spans.whole,
        package: reported.requirement.normalizedName,
        related: others.map((other) => ({
          path: other.inRoot ? undefined : other.file.path,
          span: other.requirement.spans.whole,
          message: `${other.requirement.name} ${other.requirement.constraint || other.requirement.specifier} required here`.trimEnd(),
        })),
      });
    }
  }
  return findings;
}
