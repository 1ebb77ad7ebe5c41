import { describe, expect, it } from 'vitest';
import { poetryPlatformToMarker, poetryPythonToMarker } from '../../../server/src/core/poetry';

/** poetry-core create_nested_marker("python_version", ...) rules; see server/src/core/poetry/markers.ts. */
const PYTHON_CASES: [constraint: string, marker: string][] = [
  ['^3.8', 'python_version >= "3.8" and python_version < "4.0"'],
  ['>=3.8', 'python_version >= "3.8"'],
  ['>=3.8.1,<4', 'python_full_version >= "3.8.1" and python_version < "4"'],
  ['~3.9', 'python_version >= "3.9" and python_version < "3.10"'],
  ['>3.8', 'python_full_version > "3.8.0"'],
  ['<=3.10', 'python_full_version <= "3.10.0"'],
  ['<3.12', 'python_version < "3.12"'],
  ['3.11', 'python_version == "3.11"'],
  ['3.11.4', 'python_full_version == "3.11.4"'],
  ['!=3.8', 'python_full_version != "3.8.0"'],
  ['3.8.*', 'python_version == "3.8"'],
  ['3.*', 'python_full_version == "3.*"'],
  ['~2.7 || ^3.6', '(python_version >= "2.7" and python_version < "2.8") or (python_version >= "3.6" and python_version < "4.0")'],
  ['3.8 || 3.10', 'python_version == "3.8" or python_version == "3.10"'],
  ['*', ''],
];

describe('poetryPythonToMarker', () => {
  it.each(PYTHON_CASES)('%j → %j', (constraint, marker) => {
    expect(poetryPythonToMarker(constraint)).toEqual({ value: marker, errors: [] });
  });

  it('returns null with errors for an invalid constraint', () => {
    const result = poetryPythonToMarker('>=three');
    expect(result.value).toBeNull();
    expect(result.errors[0].span).toEqual({ start: 0, end: 7 });
  });
});

describe('poetryPlatformToMarker', () => {
  it.each([
    ['linux', 'sys_platform == "linux"'],
    [' darwin ', 'sys_platform == "darwin"'],
    ['linux || darwin', 'sys_platform == "linux" or sys_platform == "darwin"'],
    ['!=win32', 'sys_platform != "win32"'],
    ['', ''],
  ])('%j → %j', (platform, marker) => {
    expect(poetryPlatformToMarker(platform)).toBe(marker);
  });
});
