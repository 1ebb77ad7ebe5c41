/**
 * Realistic target environments, and "can these two markers hold in the same environment?"
 * (used by the contradictory-requirements check).
 */
import { normalizeExtra } from '../names';
import { evaluateMarker } from './marker-evaluate';
import { comparisons } from './marker-tree';
import type { Marker, MarkerEnvironment } from './types';

const PYTHON_MINOR_VERSIONS = [8, 9, 10, 11, 12, 13, 14];
/** Each minor version appears as its first release and as a late patch release. */
const PATCH_RELEASES = [0, 12];

interface Platform {
  sys_platform: string;
  platform_system: string;
  os_name: string;
  platform_machine: string;
  platform_release: string;
}

const PLATFORMS: readonly Platform[] = [
  { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', platform_machine: 'x86_64', platform_release: '6.8.0' },
  { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', platform_machine: 'aarch64', platform_release: '6.8.0' },
  { sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt', platform_machine: 'AMD64', platform_release: '10' },
  { sys_platform: 'darwin', platform_system: 'Darwin', os_name: 'posix', platform_machine: 'arm64', platform_release: '23.6.0' },
  { sys_platform: 'darwin', platform_system: 'Darwin', os_name: 'posix', platform_machine: 'x86_64', platform_release: '23.6.0' },
];

function buildDefaultEnvironments(): MarkerEnvironment[] {
  const environments: MarkerEnvironment[] = [];
  for (const minor of PYTHON_MINOR_VERSIONS) {
    for (const patch of PATCH_RELEASES) {
      const fullVersion = `3.${minor}.${patch}`;
      for (const platform of PLATFORMS) {
        environments.push({
          python_version: `3.${minor}`,
          python_full_version: fullVersion,
          implementation_name: 'cpython',
          implementation_version: fullVersion,
          platform_python_implementation: 'CPython',
          ...platform,
        });
      }
    }
  }
  return environments;
}

const DEFAULT_ENVIRONMENTS: readonly MarkerEnvironment[] = buildDefaultEnvironments();

/**
 * CPython 3.8–3.14 (x.0 and x.12) on Linux x86_64/aarch64, Windows AMD64 and macOS arm64/x86_64,
 * with consistent platform variables. Extras and dependency groups are left empty. A fresh copy
 * each call (callers may narrow or extend it).
 */
export function defaultEnvironments(): MarkerEnvironment[] {
  return DEFAULT_ENVIRONMENTS.map((env) => ({ ...env }));
}

interface MentionedNames {
  extra: Set<string>;
  extras: Set<string>;
  dependency_groups: Set<string>;
}

function mentionedNames(marker: Marker | null): MentionedNames {
  const names: MentionedNames = { extra: new Set(), extras: new Set(), dependency_groups: new Set() };
  for (const comparison of marker ? comparisons(marker.tree) : []) {
    const pairs = [[comparison.left, comparison.right], [comparison.right, comparison.left]] as const;
    for (const [variable, other] of pairs) {
      if (variable.type !== 'variable' || other.type !== 'string') continue;
      if (variable.name === 'extra' || variable.name === 'extras' || variable.name === 'dependency_groups') {
        names[variable.name].add(normalizeExtra(other.value));
      }
    }
  }
  return names;
}

/**
 * Does the marker hold in env with `extra` set to one of the extras it mentions, or to none?
 * (A package's requirements are evaluated once per requested extra.)
 */
function holdsForSomeExtra(marker: Marker | null, env: MarkerEnvironment, extras: readonly string[]): boolean {
  if (!marker) return true;
  if (env.extra !== undefined) return evaluateMarker(marker, env);
  return extras.some((extra) => evaluateMarker(marker, { ...env, extra }));
}

/**
 * Can both markers hold in one environment (null = no marker = always)? Tried in each of `envs`;
 * a marker mentioning `extra == "x"` is tried with that extra requested. Lock-file markers on
 * `extras` / `dependency_groups` are tried with none and with every name either marker mentions.
 */
export function markersCanOverlap(a: Marker | null, b: Marker | null, envs: readonly MarkerEnvironment[] = DEFAULT_ENVIRONMENTS): boolean {
  if (!a && !b) return true;
  const namesInA = mentionedNames(a);
  const namesInB = mentionedNames(b);
  const extrasForA = ['', ...namesInA.extra];
  const extrasForB = ['', ...namesInB.extra];
  const names = {
    extras: new Set([...namesInA.extras, ...namesInB.extras]),
    dependency_groups: new Set([...namesInA.dependency_groups, ...namesInB.dependency_groups]),
  };
  const setChoices: MarkerEnvironment[] = [{}];
  if (names.extras.size > 0 || names.dependency_groups.size > 0) {
    setChoices.push({ extras: [...names.extras], dependency_groups: [...names.dependency_groups] });
  }
  for (const base of envs) {
    for (const sets of setChoices) {
      const env = { extras: [], dependency_groups: [], ...base, ...sets };
      if (holdsForSomeExtra(a, env, extrasForA) && holdsForSomeExtra(b, env, extrasForB)) return true;
    }
  }
  return false;
}
