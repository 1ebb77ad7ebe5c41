/**
 * Pairs of requirements on the same package that end up in one environment: the shared basis of
 * `duplicate-requirement` and `contradictory-requirements`.
 */
import { hasKnownName, type ParsedFile, type RelatedLocation, type Requirement } from '../model';
import { normalizeExtra } from '../names';
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

/** The requirements of the root and the files it includes by package name, the root's first. */
export function occurrencesByPackage(root: ParsedFile, others: readonly ParsedFile[]): Map<string, Occurrence[]> {
  // A local project whose name is unknown pairs with no named requirement: it may be any package.
  return occurrencesBy(root, others, (requirement) => (hasKnownName(requirement) ? requirement.normalizedName : null));
}

/**
 * Local projects whose name is unknown, by their folder (keys start with NUL, unlike any name):
 * the same folder twice is the same project whatever its name (duplicate-requirement looks at them).
 */
export function occurrencesOfUnnamedLocalProjects(root: ParsedFile, others: readonly ParsedFile[]): Map<string, Occurrence[]> {
  return occurrencesBy(root, others, (requirement) => (!hasKnownName(requirement) && requirement.localProject !== undefined ? `\u0000${requirement.localProject}` : null));
}

function occurrencesBy(root: ParsedFile, others: readonly ParsedFile[], keyOf: (requirement: Requirement) => string | null): Map<string, Occurrence[]> {
  const byKey = new Map<string, Occurrence[]>();
  const add = (file: ParsedFile, inRoot: boolean) => {
    for (const requirement of file.requirements) {
      const key = keyOf(requirement);
      if (key === null) continue;
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push({ requirement, file, inRoot });
    }
  };
  add(root, true);
  for (const other of others) if (other !== root) add(other, false);
  return byKey;
}

/** At most this many related locations per finding; a last one says how many more there are. */
export const MAX_RELATED_LOCATIONS = 20;
/**
 * Forms (see PackageForms) beyond this many of one package are compared only with the first ones:
 * hundreds of different spellings of one package cannot make the checks quadratic.
 */
export const MAX_COMPARED_FORMS = 64;

/** The first locations, and a closing note when `total` is more than that. */
export function cappedRelated(locations: RelatedLocation[], total: number): RelatedLocation[] {
  const shown = locations.slice(0, MAX_RELATED_LOCATIONS);
  if (total > shown.length && shown.length > 0) {
    const last = shown[shown.length - 1];
    shown.push({ path: last.path, span: last.span, message: `and ${total - shown.length} more` });
  }
  return shown;
}

/** Occurrences pairing with one occurrence: the earliest ones (at most the limit asked) and how many in all. */
export interface Partners {
  first: Occurrence[];
  total: number;
}

interface Form {
  /** Positions in the package's occurrence list, ascending. */
  members: number[];
  partners: Form[];
}

/** First position in the sorted `members` that is >= `value`. */
function lowerBound(members: number[], value: number): number {
  let low = 0;
  let high = members.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (members[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * One package's occurrences grouped once into forms: occurrences with the same group, extras,
 * source, specifier and marker answer every pair question alike, so a pair question is asked once
 * per pair of forms (2,000 copies of `numpy` are one form), and the partners of an occurrence are
 * counted with binary searches instead of being enumerated pair by pair.
 */
export class PackageForms {
  private readonly formOf: Form[] = [];

  /**
   * `pairs(a, b)` decides for two occurrences (a before b) that meet (groups installed together,
   * an overlapping environment, checked here after `pairs`, which should be the cheap question).
   */
  constructor(
    readonly occurrences: Occurrence[],
    environments: EnvironmentSet,
    pairs: (a: Occurrence, b: Occurrence) => boolean,
  ) {
    const byKey = new Map<string, Form>();
    const forms: Form[] = [];
    occurrences.forEach((occurrence, position) => {
      const key = formKey(occurrence.requirement);
      let form = byKey.get(key);
      if (!form) {
        byKey.set(key, (form = { members: [], partners: [] }));
        forms.push(form);
      }
      form.members.push(position);
      this.formOf.push(form);
    });
    const meet = (a: Occurrence, b: Occurrence) =>
      groupsShareEnvironment(a.requirement.group, b.requirement.group) && pairs(a, b) && environments.markersOverlap(a.requirement.marker, b.requirement.marker);
    for (let i = 0; i < forms.length; i++) {
      const a = occurrences[forms[i].members[0]];
      // A form pairs with itself when two of its occurrences would (e.g. the same line twice).
      if (forms[i].members.length > 1 && meet(a, occurrences[forms[i].members[1]])) forms[i].partners.push(forms[i]);
      if (i >= MAX_COMPARED_FORMS) continue;
      // Forms are in order of first appearance: a's sample comes before b's.
      for (let j = i + 1; j < forms.length; j++) {
        if (!meet(a, occurrences[forms[j].members[0]])) continue;
        forms[i].partners.push(forms[j]);
        forms[j].partners.push(forms[i]);
      }
    }
  }

  /**
   * The occurrences pairing with the one at `position` whose positions fall in one of `ranges`
   * ([start, end) pairs), itself excluded: the earliest `limit` of them, and how many there are.
   */
  partnersOf(position: number, ranges: [number, number][], limit = MAX_RELATED_LOCATIONS): Partners {
    const chosen: number[] = [];
    let total = 0;
    for (const form of this.formOf[position].partners) {
      for (const [start, end] of ranges) {
        const from = lowerBound(form.members, start);
        const to = lowerBound(form.members, end);
        total += to - from;
        // At most limit + 1 per range: one of them may be the occurrence itself.
        for (let k = from; k < to && k <= from + limit; k++) chosen.push(form.members[k]);
        if (position >= start && position < end && form === this.formOf[position]) total--;
      }
    }
    const first = chosen.filter((member) => member !== position).sort((a, b) => a - b).slice(0, limit);
    return { first: first.map((member) => this.occurrences[member]), total };
  }
}

/** What decides every pair question about two occurrences of one package. */
function formKey(requirement: Requirement): string {
  const extras = [...new Set(requirement.extras.map(normalizeExtra))].sort().join(',');
  return [requirement.group, extras, requirement.url ?? '', requirement.specifier, requirement.marker ?? ''].join('\u0000');
}

/** Human name of where a requirement sits: "dependency-groups.dev", "requirements.txt line 3"... */
export function describeGroup(requirement: Requirement): string {
  const group = requirement.group;
  const colon = group.indexOf(':');
  if (colon < 0) return group;
  return `${group.slice(0, colon)} "${group.slice(colon + 1)}"`;
}
