import { describe, expect, it } from 'vitest';
import { evaluateMarker, markerToString, parseMarker, type Marker, type MarkerEnvironment } from '../../../server/src/core/pep508';

function marker(text: string): Marker {
  const { value, errors } = parseMarker(text);
  expect(errors).toEqual([]);
  if (!value) throw new Error(`no marker for ${text}`);
  return value;
}

const linux312: MarkerEnvironment = {
  python_version: '3.12', python_full_version: '3.12.4', os_name: 'posix', sys_platform: 'linux', platform_system: 'Linux',
  platform_machine: 'x86_64', implementation_name: 'cpython', platform_python_implementation: 'CPython',
  implementation_version: '3.12.4', platform_release: '6.8.0-45-generic', platform_version: '#45-Ubuntu SMP',
};

function holds(text: string, env: MarkerEnvironment = linux312): boolean {
  return evaluateMarker(marker(text), env);
}

describe('parseMarker: normalized text', () => {
  it('writes packaging style text, keeping needed parentheses only', () => {
    expect(marker("python_version>='3.8'").text).toBe('python_version >= "3.8"');
    expect(marker("(python_version>='3.8')and extra=='a'").text).toBe('python_version >= "3.8" and extra == "a"');
    expect(marker("sys_platform!='linux' and(os_name=='nt' or python_version>='3')").text)
      .toBe('sys_platform != "linux" and (os_name == "nt" or python_version >= "3")');
    expect(marker("((os_name == 'nt' or os_name == 'posix'))").text).toBe('os_name == "nt" or os_name == "posix"');
    expect(marker("os_name == 'a' or ((os_name == 'b' and os_name == 'c'))").text).toBe('os_name == "a" or (os_name == "b" and os_name == "c")');
    expect(marker("'8' not in platform.version").text).toBe('"8" not in platform_version');
  });

  it('normalizes extra names (PEP 685) on either side', () => {
    expect(marker("extra == 'Foo__Bar.baz'").text).toBe('extra == "foo-bar-baz"');
    expect(marker("'Foo_Bar' == extra").text).toBe('"foo-bar" == extra');
    expect(marker("os_name == 'Foo_Bar'").text).toBe('os_name == "Foo_Bar"');
  });

  it('reads Python string escapes and writes back text that reads the same', () => {
    const escaped = marker("platform_version == 'a\\\\b\"c'");
    expect(escaped.tree).toMatchObject({ right: { type: 'string', value: 'a\\b"c' } });
    expect(marker(escaped.text).tree).toEqual(escaped.tree);
    expect(marker("os_name == '\\x41\\n'").tree).toMatchObject({ right: { value: 'A\n' } });
  });

  it('builds the tree with and before or', () => {
    const tree = marker("os_name == 'a' or os_name == 'b' and os_name == 'c'").tree;
    expect(tree.type).toBe('or');
    expect(tree.type === 'or' && tree.right.type).toBe('and');
  });

  it('writes trees built in code with the parentheses they need', () => {
    const a = marker("os_name == 'a'").tree;
    const b = marker("os_name == 'b'").tree;
    const c = marker("os_name == 'c'").tree;
    expect(markerToString({ type: 'and', left: { type: 'or', left: a, right: b }, right: c }))
      .toBe('(os_name == "a" or os_name == "b") and os_name == "c"');
    expect(markerToString({ type: 'or', left: a, right: { type: 'and', left: b, right: c } }))
      .toBe('os_name == "a" or os_name == "b" and os_name == "c"');
  });

  it('reports errors with spans', () => {
    expect(parseMarker("os_name == 'a' )").errors).toEqual([
      { code: 'invalid-requirement', message: 'Expected end of marker expression', span: { start: 15, end: 16 } },
    ]);
    expect(parseMarker('').errors[0]).toMatchObject({ message: 'Expected a marker variable or quoted string', span: { start: 0, end: 0 } });
    expect(parseMarker("os_name == 'a' and").value).toBeNull();
  });
});

describe('evaluateMarker', () => {
  it('compares python_version and python_full_version as versions', () => {
    expect(holds('python_version >= "3.8"')).toBe(true);
    expect(holds('python_version < "3.9"')).toBe(false);
    expect(holds('python_version > "3.9"')).toBe(true); // 3.12 > 3.9, not as strings
    expect(holds('python_version == "3.12.*"')).toBe(true);
    expect(holds('python_version ~= "3.10"')).toBe(true);
    expect(holds('python_full_version >= "3.12.4"')).toBe(true);
    expect(holds('python_full_version < "3.12.4"')).toBe(false);
    expect(holds('"3.13" > python_version')).toBe(true);
    // packaging repairs the '3.12.4+' of untagged builds into a PEP 440 version
    expect(holds('python_full_version == "3.12.4+local"', { ...linux312, python_full_version: '3.12.4+' })).toBe(true);
  });

  it('falls back to string rules when the value is not a version', () => {
    expect(holds('python_version == "cpython"')).toBe(false);
    expect(holds('platform_release >= "6.8.0-45-generic"')).toBe(true); // not a version: equality
    expect(holds('platform_release > "6"')).toBe(false); // 6.8.0-45-generic is no PEP 440 version
    expect(holds('platform_version < "z"')).toBe(false); // < and > are false for strings
  });

  it('compares platform variables as strings', () => {
    expect(holds('sys_platform == "linux"')).toBe(true);
    expect(holds('sys_platform != "win32"')).toBe(true);
    expect(holds('platform_system == "Linux" and platform_machine == "x86_64"')).toBe(true);
    expect(holds('platform_machine == "aarch64" or os_name == "nt"')).toBe(false);
    expect(holds('implementation_name == "cpython" and platform_python_implementation == "CPython"')).toBe(true);
    expect(holds('implementation_name == "pypy"')).toBe(false);
  });

  it('supports in and not in', () => {
    expect(holds('"lin" in sys_platform')).toBe(true);
    expect(holds('"win" not in sys_platform')).toBe(true);
    expect(holds('"Ubuntu" in platform_version')).toBe(true);
    expect(holds('sys_platform in "linux darwin"')).toBe(true);
    expect(holds('sys_platform not in "linux darwin"')).toBe(false);
  });

  it('compares extra with normalized names', () => {
    expect(holds('extra == "Foo_Bar"', { ...linux312, extra: 'foo.bar' })).toBe(true);
    expect(holds('extra == "gpu"', { ...linux312, extra: 'cpu' })).toBe(false);
    expect(holds('extra != "gpu"', { ...linux312, extra: '' })).toBe(true);
  });

  it('supports extras and dependency_groups sets', () => {
    expect(holds('"Dev_Tools" in dependency_groups', { ...linux312, dependency_groups: ['dev-tools'] })).toBe(true);
    expect(holds('"gpu" in extras', { ...linux312, extras: ['cpu'] })).toBe(false);
    expect(holds('"gpu" not in extras', { ...linux312, extras: [] })).toBe(true);
  });

  it('makes comparisons with missing variables false, and never throws', () => {
    expect(holds('extra == "gpu"')).toBe(false);
    expect(holds('extra != "gpu"')).toBe(false);
    expect(holds('os_name == "posix" or extra == "gpu"')).toBe(true);
    expect(holds('"a" == "a"')).toBe(false);
    expect(holds('sys_platform ~= "linux"')).toBe(false);
    expect(holds('python_version === "3.12"')).toBe(true);
    expect(holds('"gpu" in extras', {})).toBe(false);
  });
});
