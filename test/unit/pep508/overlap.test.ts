import { describe, expect, it } from 'vitest';
import { defaultEnvironments, markersCanOverlap, parseMarker, type Marker } from '../../../server/src/core/pep508';

function marker(text: string): Marker {
  const value = parseMarker(text).value;
  if (!value) throw new Error(`no marker for ${text}`);
  return value;
}

function overlap(a: string | null, b: string | null): boolean {
  return markersCanOverlap(a === null ? null : marker(a), b === null ? null : marker(b));
}

describe('defaultEnvironments', () => {
  it('is a matrix of consistent CPython environments', () => {
    const envs = defaultEnvironments();
    expect(envs).toHaveLength(7 * 2 * 5);
    expect(new Set(envs.map((env) => env.python_version))).toEqual(new Set(['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14']));
    expect(envs.some((env) => env.python_full_version === '3.8.0')).toBe(true);
    expect(envs.some((env) => env.python_full_version === '3.13.12')).toBe(true);
    for (const env of envs) {
      expect(env.python_full_version?.startsWith(`${env.python_version}.`)).toBe(true);
      expect(env.implementation_name).toBe('cpython');
      expect(env.platform_python_implementation).toBe('CPython');
      expect(env.extra).toBeUndefined();
      const platform = `${env.sys_platform}/${env.platform_system}/${env.os_name}/${env.platform_machine}`;
      expect(['linux/Linux/posix/x86_64', 'linux/Linux/posix/aarch64', 'win32/Windows/nt/AMD64', 'darwin/Darwin/posix/arm64', 'darwin/Darwin/posix/x86_64']).toContain(platform);
    }
  });

  it('returns a fresh copy each time', () => {
    const first = defaultEnvironments();
    first[0].sys_platform = 'changed';
    expect(defaultEnvironments()[0].sys_platform).not.toBe('changed');
  });
});

describe('markersCanOverlap', () => {
  it('treats a missing marker as always true', () => {
    expect(overlap(null, null)).toBe(true);
    expect(overlap(null, 'sys_platform == "win32"')).toBe(true);
    expect(overlap('sys_platform == "plan9"', null)).toBe(false);
  });

  it('finds disjoint platforms and Python ranges', () => {
    expect(overlap('sys_platform == "win32"', 'sys_platform == "linux"')).toBe(false);
    expect(overlap('sys_platform == "win32"', 'platform_system == "Windows"')).toBe(true);
    expect(overlap('platform_system == "Darwin"', 'os_name == "nt"')).toBe(false);
    expect(overlap('python_version < "3.10"', 'python_version >= "3.10"')).toBe(false);
    expect(overlap('python_version < "3.11"', 'python_version >= "3.10"')).toBe(true);
    expect(overlap('platform_machine == "aarch64"', 'sys_platform == "darwin"')).toBe(false);
  });

  it('uses the patch releases of the matrix', () => {
    expect(overlap('python_full_version > "3.11.0"', 'python_version == "3.11"')).toBe(true);
    expect(overlap('python_full_version < "3.8.0"', null)).toBe(false);
  });

  it('evaluates each marker with the extras it mentions', () => {
    expect(overlap('extra == "gpu"', 'sys_platform == "linux"')).toBe(true);
    expect(overlap('extra == "gpu"', 'extra == "cpu"')).toBe(true); // both requested
    expect(overlap('extra == "gpu" and sys_platform == "darwin"', 'sys_platform == "win32"')).toBe(false);
    expect(overlap('extra != "gpu"', null)).toBe(true);
    expect(overlap('"dev" in dependency_groups', '"dev" not in dependency_groups')).toBe(false);
    expect(overlap('"gpu" in extras', 'sys_platform == "linux"')).toBe(true);
  });

  it('accepts a narrowed list of environments', () => {
    const linuxOnly = defaultEnvironments().filter((env) => env.sys_platform === 'linux');
    expect(markersCanOverlap(marker('os_name == "nt"'), null, linuxOnly)).toBe(false);
    expect(markersCanOverlap(marker('os_name == "posix"'), null, linuxOnly)).toBe(true);
    expect(markersCanOverlap(null, null, [])).toBe(true);
  });
});
