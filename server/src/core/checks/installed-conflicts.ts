/**
 * What `pip check` finds in an installed environment, computed from the scanned metadata with
 * pip's exact rules (pip/_internal/operations/check.py and metadata `iter_dependencies`):
 * - every installed distribution takes part, one per normalized name;
 * - a distribution with a Requires-Dist that does not parse is left out of the set entirely (pip
 *   logs "Error parsing requirements" and skips it), so packages needing it see it as missing;
 * - a Requires-Dist applies when it has no marker or its marker is true in the interpreter's
 *   environment with `extra == ""`: pip check never follows extras, not even the extras another
 *   installed package asked for;
 * - missing: the target name is not installed; conflict: the installed version is outside the
 *   specifier, pre-releases allowed (`==2.5.1` accepts `2.5.1+cu124`, a direct URL accepts any).
 */
import type { InstalledDistribution, InstalledEnvironment } from '../context';
import { normalizeName } from '../names';
import { parseSpecifierSet, specifierSetContains } from '../pep440';
import { evaluateMarker, parseRequirement, type MarkerEnvironment, type ParsedRequirement } from '../pep508';

export interface InstalledConflict {
  kind: 'missing' | 'conflict';
  /** The installed distribution whose Requires-Dist is not met. */
  requirer: InstalledDistribution;
  /** Normalized name of the required package. */
  dependency: string;
  /** The requirement as pip prints it: `numpy<2.0.0,>=1.17`, `torch[cuda]==2.4.0`. */
  requirement: string;
  /** The installed distribution of `dependency` ('conflict' only). */
  installed: InstalledDistribution | null;
  /** `accelerate 0.33.0 requires numpy<2.0.0,>=1.17, but numpy 2.1.1 is installed.` */
  message: string;
}

export interface InstalledCheck {
  conflicts: InstalledConflict[];
  /** Distributions pip would skip for unparsable Requires-Dist: `name version: requirement text`. */
  unreadable: string[];
}

/** packaging's `str(Requirement)` without the marker: extras and specifiers sorted, as pip prints them. */
function requirementDisplay(requirement: ParsedRequirement): string {
  const extras = requirement.extras.length > 0 ? `[${[...requirement.extras].sort().join(',')}]` : '';
  const specifier = requirement.specifier ? requirement.specifier.split(',').sort().join(',') : '';
  const url = requirement.url ? ` @ ${requirement.url}` : '';
  return `${requirement.name}${extras}${specifier}${url}`;
}

function satisfies(requirement: ParsedRequirement, version: string): boolean {
  if (requirement.url || requirement.specifier === '') return true;
  const set = parseSpecifierSet(requirement.specifier).value;
  return set === null || specifierSetContains(set, version, { prereleases: true });
}

/** The Requires-Dist of one distribution, or null when one of them does not parse. */
function parsedDependencies(distribution: InstalledDistribution): ParsedRequirement[] | null {
  const parsed: ParsedRequirement[] = [];
  for (const text of distribution.requiresDist) {
    const requirement = parseRequirement(text).value;
    if (!requirement) return null;
    parsed.push(requirement);
  }
  return parsed;
}

export function checkInstalledEnvironment(environment: InstalledEnvironment): InstalledCheck {
  const markerEnvironment: MarkerEnvironment = { ...environment.markerEnvironment, extra: '' };
  const packageSet = new Map<string, { distribution: InstalledDistribution; dependencies: ParsedRequirement[] }>();
  const unreadable: string[] = [];
  for (const distribution of environment.distributions) {
    if (packageSet.has(distribution.normalizedName)) continue;
    const dependencies = parsedDependencies(distribution);
    if (dependencies) packageSet.set(distribution.normalizedName, { distribution, dependencies });
    else unreadable.push(`${distribution.name} ${distribution.version}`);
  }
  const conflicts: InstalledConflict[] = [];
  for (const { distribution, dependencies } of packageSet.values()) {
    const seen = new Set<string>();
    for (const requirement of dependencies) {
      if (requirement.marker && !evaluateMarker(requirement.marker, markerEnvironment)) continue;
      const dependency = normalizeName(requirement.name);
      const display = requirementDisplay(requirement);
      const requirer = `${distribution.name} ${distribution.version}`;
      const target = packageSet.get(dependency)?.distribution ?? null;
      let conflict: InstalledConflict | null = null;
      if (!target) {
        conflict = { kind: 'missing', requirer: distribution, dependency, requirement: display, installed: null, message: `${requirer} requires ${display}, which is not installed.` };
      } else if (!satisfies(requirement, target.version)) {
        conflict = { kind: 'conflict', requirer: distribution, dependency, requirement: display, installed: target, message: `${requirer} requires ${display}, but ${target.name} ${target.version} is installed.` };
      }
      // pip keeps a set of (name, requirement) pairs: the same line twice is reported once.
      if (conflict && !seen.has(conflict.message)) {
        seen.add(conflict.message);
        conflicts.push(conflict);
      }
    }
  }
  return { conflicts, unreadable };
}
