/** `duplicate-requirement`: the same package twice in one group, for one environment. */
import { hasKnownName, requirementLabel, type Finding, type Requirement } from '../model';
import { normalizeExtra } from '../names';
import { basename } from '../paths';
import type { EnvironmentSet } from './environments';
import { removalSpan } from './removal';
import { cappedRelated, PackageForms, type Occurrence } from './requirement-pairs';

function sameExtras(a: string[], b: string[]): boolean {
  const key = (extras: string[]) => [...new Set(extras.map(normalizeExtra))].sort().join(',');
  return key(a) === key(b);
}

/**
 * Two direct references with different URLs may name their packages by guess (archive names);
 * only identical ones, or two spellings of one local project folder, are duplicates.
 */
function sameSource(a: Requirement, b: Requirement): boolean {
  if (a.localProject !== undefined && a.localProject === b.localProject) return true;
  return (a.url ?? null) === (b.url ?? null);
}

function isDuplicatePair(a: Requirement, b: Requirement): boolean {
  return a.group === b.group && a.group !== 'constraint' && sameExtras(a.extras, b.extras) && sameSource(a, b);
}

export function checkDuplicates(
  byPackage: Map<string, Occurrence[]>,
  environments: EnvironmentSet,
  isContradiction: (a: Occurrence, b: Occurrence) => boolean,
  /** The root document's text: with it, each finding offers to remove the repeated line. */
  text?: string,
): Finding[] {
  const findings: Finding[] = [];
  for (const occurrences of byPackage.values()) {
    if (occurrences.length < 2) continue;
    // A contradictory pair is reported as contradictory-requirements instead.
    const forms = new PackageForms(occurrences, environments, (a, b) => isDuplicatePair(a.requirement, b.requirement) && !isContradiction(a, b));
    // The root file's occurrences come first: `roots` of them.
    const roots = occurrences.findIndex((occurrence) => !occurrence.inRoot);
    const rootCount = roots < 0 ? occurrences.length : roots;
    for (let position = 0; position < rootCount; position++) {
      // Each root occurrence is reported once, against the earlier occurrences in this file it
      // repeats and every one in an included file (the first occurrence itself is not reported).
      const { first: others, total } = forms.partnersOf(position, [[0, position], [rootCount, occurrences.length]]);
      if (total === 0) continue;
      const reported = occurrences[position];
      const first = others[0];
      const where = first.inRoot ? 'earlier in this file' : `in ${basename(first.file.path)}`;
      const firstVersion = first.requirement.constraint || first.requirement.specifier || 'any version';
      findings.push({
        code: 'duplicate-requirement',
        severity: 'warning',
        message: `${requirementLabel(reported.requirement)} is already required ${where} (${firstVersion}) in the same group.`,
        span: reported.requirement.spans.whole,
        ...(hasKnownName(reported.requirement) ? { package: reported.requirement.normalizedName } : {}),
        ...(text === undefined
          ? {}
          : {
              data: {
                fix: 'remove' as const,
                span: removalSpan(text, reported.requirement, reported.file.kind === 'requirements'),
                title: `Remove this duplicate ${requirementLabel(reported.requirement)}`,
              },
            }),
        related: cappedRelated(others.map((other) => ({
          path: other.inRoot ? undefined : other.file.path,
          span: other.requirement.spans.whole,
          message: `${requirementLabel(other.requirement)} ${other.requirement.constraint || other.requirement.specifier} required here`.trimEnd(),
        })), total),
      });
    }
  }
  return findings;
}
