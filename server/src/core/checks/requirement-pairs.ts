/**
 * Pairs of requirements on the same package that end up in one environment: the shared basis of
 * `duplicate-requirement` and `contradictory-requirements`.
 */
import type { ParsedFile, Requirement } from '../model';
import type { EnvironmentSet } from './environments';

export interface Occurrence {
  requirement: Requirement;
  file: ParsedFile;
  /** True for the document being analysed (findings are reported only there). */
  inRoot: boolean;
}

/** Groups whose packages are installed whenever anything else of the project is. */
const ALWAYS_INSTALLED = new Set(['main', 'constraint', 'uv-constraint']);
const BUILD_GROUPS = new Set(['build-system', 'uv-build-constraint']);

/**
 * Do two groups share an environment? The same group does; the always-installed groups go with
 * every runtime group; two different extras or dependency groups may be mutually exclusive (uv
 * `conflicts`, CPU vs CUDA extras), so they are not assumed to meet. Overrides replace rather than
 * combine; the build environment is separate from the runtime one.
 */
export function groupsShareEnvironment(a: string, b: string): boolean {
  if (a === 'uv-override' || b === 'uv-override') return false;
  if (BUILD_GROUPS.has(a) || BUILD_GROUPS.has(b)) return BUILD_GROUPS.has(a) && BUILD_GROUPS.has(b);
  return a === b || ALWAYS_INSTALLED.has(a) || ALWAYS_INSTALLED.has(b);
}

export function occurrencesByPackage(root: ParsedFile, others: readonly ParsedFile[]): Map<string, Occurrence[]> {
  const byName = new Map<string, Occurrence[]>();
  const add = (file: ParsedFile, inRoot: boolean) => {
    for (const requirement of file.requirements) {
      let list = byName.get(requirement.normalizedName);
      if (!list) byName.set(requirement.normalizedName, (list = []));
      list.push({ requirement, file, inRoot });
    }
  };
  add(root, true);
  for (const other of others) if (other !== root) add(other, false);
  return byName;
}

/**
 * Every unordered pair (earlier, later) of one package's occurrences that `accept` keeps and that
 * meet in some environment, with at least one side in the root. `accept` runs first: it is cheap,
 * the marker question is not.
 */
export function* meetingPairs(
  occurrences: Occurrence[],
  environments: EnvironmentSet,
  accept: (a: Occurrence, b: Occurrence) => boolean,
): Generator<[Occurrence, Occurrence]> {
  for (let i = 0; i < occurrences.length; i++) {
    for (let j = i + 1; j < occurrences.length; j++) {
      const a = occurrences[i];
      const b = occurrences[j];
      if (!a.inRoot && !b.inRoot) continue;
      if (!groupsShareEnvironment(a.requirement.group, b.requirement.group)) continue;
      if (!accept(a, b)) continue;
      if (!environments.markersOverlap(a.requirement.marker, b.requirement.marker)) continue;
      yield [a, b];
    }
  }
}

/** Human name of where a requirement sits: "dependency-groups.dev", "requirements.txt line 3"... */
export function describeGroup(requirement: Requirement): string {
  const group = requirement.group;
  const colon = group.indexOf(':');
  if (colon < 0) return group;
  return `${group.slice(0, colon)} "${group.slice(colon + 1)}"`;
}
