/** `duplicate-requirement`: the same package twice in one group, for one environment. */
import type { Finding } from '../model';
import type { EnvironmentSet } from './environments';
import { meetingPairs, type Occurrence } from './requirement-pairs';
import { basename } from '../paths';

function sameExtras(a: string[], b: string[]): boolean {
  const normalize = (extras: string[]) => [...new Set(extras.map((e) => e.toLowerCase().replace(/[-_.]+/g, '-')))].sort().join(',');
  return normalize(a) === normalize(b);
}

export function checkDuplicates(
  byPackage: Map<string, Occurrence[]>,
  environments: EnvironmentSet,
  isContradiction: (a: Occurrence, b: Occurrence) => boolean,
): Finding[] {
  const findings: Finding[] = [];
  for (const occurrences of byPackage.values()) {
    if (occurrences.length < 2) continue;
    for (const [first, second] of meetingPairs(occurrences, environments)) {
      const a = first.requirement;
      const b = second.requirement;
      if (a.group !== b.group || a.group === 'constraint' || !sameExtras(a.extras, b.extras)) continue;
      if (isContradiction(first, second)) continue; // reported as contradictory-requirements instead
      // Report on the later occurrence in the root; if only the earlier is in the root, report there.
      const [reported, other] = second.inRoot ? [second, first] : [first, second];
      const where = other.inRoot ? 'earlier in this file' : `in ${basename(other.file.path)}`;
      findings.push({
        code: 'duplicate-requirement',
        severity: 'warning',
        message: `${reported.requirement.name} is already required ${where} (${other.requirement.constraint || other.requirement.specifier || 'any version'}) in the same group.`,
        span: reported.requirement.spans.whole,
        package: reported.requirement.normalizedName,
        related: [{ path: other.inRoot ? undefined : other.file.path, span: other.requirement.spans.whole, message: 'First required here' }],
      });
    }
  }
  return findings;
}
