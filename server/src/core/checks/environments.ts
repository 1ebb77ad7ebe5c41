/**
 * The target environments the offline checks reason about: a matrix of realistic CPython
 * environments, narrowed to the project's requires-python when it has one. "For the same
 * environment" in a check means "for at least one of these".
 */
import { defaultEnvironments, parseMarker, type Marker, type MarkerEnvironment } from '../pep508';
import { parseSpecifierSet, specifierSetContains } from '../pep440';

export class EnvironmentSet {
  readonly environments: MarkerEnvironment[];
  private readonly markerCache = new Map<string, Marker | null>();

  constructor(requiresPython: string | null) {
    const all = defaultEnvironments();
    const spec = requiresPython ? parseSpecifierSet(requiresPython).value : null;
    const narrowed = spec
      ? all.filter((env) => env.python_full_version !== undefined && specifierSetContains(spec, env.python_full_version, { prereleases: true }))
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
}
