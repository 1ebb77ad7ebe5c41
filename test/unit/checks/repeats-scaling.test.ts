/**
 * duplicate-requirement and contradictory-requirements on one package repeated thousands of times:
 * the pair questions are asked once per pair of distinct forms (not per pair of lines), and each
 * finding carries at most MAX_RELATED_LOCATIONS related locations plus an "and N more" note. The
 * counters below make the quadratic (and cubic, through the related lists) behaviour visible
 * without timing anything. A brute-force reference of the pair rules checks the findings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkContradictions, specifiersContradict } from '../../../server/src/core/checks/contradictions';
import { checkDuplicates } from '../../../server/src/core/checks/duplicates';
import { EnvironmentSet } from '../../../server/src/core/checks/environments';
import { groupsShareEnvironment, MAX_RELATED_LOCATIONS, occurrencesByPackage, type Occurrence } from '../../../server/src/core/checks/requirement-pairs';
import { parseRequirementsTxt } from '../../../server/src/core/formats/requirements-txt';
import { normalizeExtra } from '../../../server/src/core/names';
import type { Finding, ParsedFile } from '../../../server/src/core/model';

function byPackageOf(root: ParsedFile, others: ParsedFile[] = []) {
  return occurrencesByPackage(root, others);
}

/** An EnvironmentSet that counts the marker questions asked of it. */
function countingEnvironments(): { environments: EnvironmentSet; calls: () => number } {
  const environments = new EnvironmentSet(null);
  let calls = 0;
  const original = environments.markersOverlap.bind(environments);
  environments.markersOverlap = (a, b) => {
    calls++;
    return original(a, b);
  };
  return { environments, calls: () => calls };
}

describe('one package repeated', () => {
  const copies = 2000;

  it('asks each pair question once per pair of forms, not per pair of lines', () => {
    const root = parseRequirementsTxt('numpy\n'.repeat(copies), '/p/requirements.txt');
    const { environments, calls } = countingEnvironments();
    let contradictionQuestions = 0;
    const findings = checkDuplicates(byPackageOf(root), environments, (a, b) => {
      contradictionQuestions++;
      return specifiersContradict(a.requirement, b.requirement);
    });
    // Before: 1,999,000 questions of each kind (every pair of lines).
    expect(contradictionQuestions).toBeLessThanOrEqual(1);
    expect(calls()).toBeLessThanOrEqual(1);
    expect(findings).toHaveLength(copies - 1);
  });

  it('caps the related locations of each finding and says how many more there are', () => {
    const text = 'numpy\n'.repeat(copies);
    const root = parseRequirementsTxt(text, '/p/requirements.txt');
    const findings = checkDuplicates(byPackageOf(root), new EnvironmentSet(null), () => false);
    const totalRelated = findings.reduce((sum, finding) => sum + (finding.related?.length ?? 0), 0);
    // Before: every earlier copy, 1,999,000 related locations in all.
    expect(totalRelated).toBeLessThanOrEqual(copies * (MAX_RELATED_LOCATIONS + 1));
    const last = findings.find((finding) => finding.span.start === text.length - 'numpy\n'.length)!;
    expect(last.message).toBe('numpy is already required earlier in this file (any version) in the same group.');
    expect(last.related).toHaveLength(MAX_RELATED_LOCATIONS + 1);
    expect(last.related![0].span.start).toBe(0);
    expect(last.related![MAX_RELATED_LOCATIONS].message).toBe(`and ${copies - 1 - MAX_RELATED_LOCATIONS} more`);
  });

  it('contradictions among thousands of lines: few questions, capped sides and related locations', () => {
    const lines = Array.from({ length: copies }, (_, i) => (i % 2 === 0 ? 'numpy>=2' : 'numpy<2'));
    const root = parseRequirementsTxt(`${lines.join('\n')}\n`, '/p/requirements.txt');
    const { environments, calls } = countingEnvironments();
    const findings = checkContradictions(byPackageOf(root), environments);
    // Before: a marker question for each of the 1,000,000 contradicting pairs.
    expect(calls()).toBeLessThanOrEqual(4);
    expect(findings).toHaveLength(copies);
    expect(findings[0].message).toBe(`No version of numpy satisfies both >=2 (main) and <2 (main), <2 (main), <2 (main), <2 (main), <2 (main) and ${copies / 2 - 5} more.`);
    expect(findings[0].related).toHaveLength(MAX_RELATED_LOCATIONS + 1);
    expect(findings[0].related![MAX_RELATED_LOCATIONS].message).toBe(`and ${copies / 2 - MAX_RELATED_LOCATIONS} more`);
  });
});

/** The pair rules as plain as they can be said: every pair of occurrences, asked one by one. */
function referenceFindings(byPackage: Map<string, Occurrence[]>, environments: EnvironmentSet): { duplicates: Map<Occurrence, Occurrence[]>; contradictions: Map<Occurrence, Occurrence[]> } {
  const extrasKey = (extras: string[]) => [...new Set(extras.map(normalizeExtra))].sort().join(',');
  const duplicates = new Map<Occurrence, Occurrence[]>();
  const contradictions = new Map<Occurrence, Occurrence[]>();
  const push = (map: Map<Occurrence, Occurrence[]>, key: Occurrence, value: Occurrence) => map.set(key, [...(map.get(key) ?? []), value]);
  for (const list of byPackage.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        if (!a.inRoot && !b.inRoot) continue;
        if (!groupsShareEnvironment(a.requirement.group, b.requirement.group)) continue;
        if (!environments.markersOverlap(a.requirement.marker, b.requirement.marker)) continue;
        const contradict = specifiersContradict(a.requirement, b.requirement);
        if (contradict) {
          if (a.inRoot) push(contradictions, a, b);
          if (b.inRoot) push(contradictions, b, a);
        } else if (a.requirement.group === b.requirement.group && a.requirement.group !== 'constraint' && extrasKey(a.requirement.extras) === extrasKey(b.requirement.extras) && (a.requirement.url ?? null) === (b.requirement.url ?? null)) {
          if (b.inRoot) push(duplicates, b, a);
          else push(duplicates, a, b);
        }
      }
    }
  }
  return { duplicates, contradictions };
}

function relatedStarts(finding: Finding): string[] {
  return (finding.related ?? []).map((related) => `${related.path ?? ''}@${related.span.start}`);
}

describe('grouping by form agrees with asking every pair', () => {
  const lineArbitrary = fc.record({
    name: fc.constantFrom('numpy', 'NumPy', 'scipy'),
    extras: fc.constantFrom('', '[gpu]', '[GPU,x]'),
    specifier: fc.constantFrom('', '>=2', '<2', '==1.5', '>=1,<3', '>3,<2'),
    marker: fc.constantFrom('', " ; sys_platform == 'linux'", " ; sys_platform == 'win32'", ' ; python_version < "3.9"'),
  }).map(({ name, extras, specifier, marker }) => `${name}${extras}${specifier}${marker}`);

  it('finds the same findings, with the same related locations', () => {
    fc.assert(
      fc.property(fc.array(lineArbitrary, { maxLength: 12 }), fc.array(lineArbitrary, { maxLength: 6 }), fc.array(lineArbitrary, { maxLength: 4 }), (rootLines, includedLines, constraintLines) => {
        const root = parseRequirementsTxt(`${rootLines.join('\n')}\n`, '/p/requirements.txt');
        const included = parseRequirementsTxt(`${includedLines.join('\n')}\n`, '/p/base.txt');
        const constraints = parseRequirementsTxt(`${constraintLines.join('\n')}\n`, '/p/constraints.txt', { asConstraints: true });
        const byPackage = byPackageOf(root, [included, constraints]);
        const environments = new EnvironmentSet(null);
        const reference = referenceFindings(byPackage, environments);
        const duplicates = checkDuplicates(byPackage, environments, (a, b) => specifiersContradict(a.requirement, b.requirement));
        const contradictions = checkContradictions(byPackage, environments);
        expect(duplicates.length).toBe(reference.duplicates.size);
        for (const [reported, others] of reference.duplicates) {
          const finding = duplicates.find((candidate) => candidate.span.start === reported.requirement.spans.whole.start)!;
          expect(finding).toBeDefined();
          expect(relatedStarts(finding)).toEqual(others.map((other) => `${other.inRoot ? '' : other.file.path}@${other.requirement.spans.whole.start}`));
        }
        expect(contradictions.length).toBe(reference.contradictions.size);
        for (const [reported, others] of reference.contradictions) {
          const span = reported.requirement.spans.specifier ?? reported.requirement.spans.whole;
          const finding = contradictions.find((candidate) => candidate.span.start === span.start)!;
          expect(finding).toBeDefined();
          expect(relatedStarts(finding)).toEqual(others.map((other) => `${other.inRoot ? '' : other.file.path}@${(other.requirement.spans.specifier ?? other.requirement.spans.whole).start}`));
        }
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });
});
