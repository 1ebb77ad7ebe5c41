/**
 * The target environments the offline checks reason about: a matrix of realistic CPython
 * environments, narrowed to the project's requires-python when it has one. "For the same
 * environment" in a check means "for at least one of these".
 */
import { defaultEnvironments, markersCanOverlap, parseMarker, type Marker, type MarkerEnvironment } from '../pep508';
import { parseSpecifierAlternatives, specifierSetContains, type SpecifierSet } from '../pep440';

/**
 * A requires-python as alternatives: Poetry's `python = "~2.7 || ^3.6"` is stored as PEP 440 sets
 * joined by ' || ' (no PEP 440 specifier can say "or"). Null when there is no requirement, when
 * any alternative is unreadable, or when one alternative admits every Python.
 */
export function requiresPythonAlternatives(requiresPython: string | null | undefined): SpecifierSet[] | null {
  if (!requiresPython) return null;
  const alternatives = parseSpecifierAlternatives(requiresPython);
  return alternatives && alternatives.every((set) => set.specifiers.length > 0) ? alternatives : null;
}

export class EnvironmentSet {
  readonly environments: MarkerEnvironment[];
  private readonly markerCache = new Map<string, Marker | null>();
  /** Projects repeat the same markers (one per wheel, per Python): answer each pair once. */
  private readonly overlapCache = new Map<string, boolean>();

  constructor(requiresPython: string | null) {
    const all = defaultEnvironments();
    const alternatives = requiresPythonAlternatives(requiresPython);
    // An environment is targeted when it matches any alternative.
    const narrowed = alternatives
      ? all.filter((env) => {
          const python = env.python_full_version;
          return python !== undefined && alternatives.some((spec) => specifierSetContains(spec, python, { prereleases: true }));
        })
      : all;
    // A requires-python that excludes every environment we know (e.g. ">=4") falls back to all of them.
    this.environments = narrowed.length > 0 ? narrowed : all;
  }

  marker(text: string | null): Marker | null {
    if (!text) return null;
    let marker = this.markerCache.get(text);
    if (marker === undefined) {
      marker = parseMarker(text).value;
      this.markerCache.set(text, marker);
    }
    return marker;
  }

  /** Is there an environment where both markers (texts; null = always) hold? */
  markersOverlap(a: string | null, b: string | null): boolean {
    if (!a && !b) return true;
    const key = a! < b! ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let overlap = this.overlapCache.get(key);
    if (overlap === undefined) {
      overlap = markersCanOverlap(this.marker(a), this.marker(b), this.environments);
      this.overlapCache.set(key, overlap);
    }
    return overlap;
  }
}
