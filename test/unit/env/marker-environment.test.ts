import { describe, expect, it } from 'vitest';
import { interpreterMarkerEnvironment, type HostPlatform } from '../../../server/src/env/marker-environment';

const LINUX: HostPlatform = { platform: 'linux', machine: 'x86_64', release: '6.8.0-45-generic', version: '#45-Ubuntu SMP', type: 'Linux' };
const WINDOWS: HostPlatform = { platform: 'win32', machine: 'x86_64', release: '10.0.22631', version: 'Windows 11 Pro', type: 'Windows_NT' };
const MAC: HostPlatform = { platform: 'darwin', machine: 'arm64', release: '23.6.0', version: 'Darwin Kernel Version 23.6.0', type: 'Darwin' };

describe('marker environment of an interpreter', () => {
  it('takes the Python version from the environment and the platform from the host', () => {
    expect(interpreterMarkerEnvironment('3.11.7', null, LINUX)).toEqual({
      os_name: 'posix', sys_platform: 'linux', platform_system: 'Linux', platform_machine: 'x86_64',
      platform_release: '6.8.0-45-generic', platform_version: '#45-Ubuntu SMP',
      platform_python_implementation: 'CPython', implementation_name: 'cpython',
      python_version: '3.11', python_full_version: '3.11.7', implementation_version: '3.11.7',
    });
  });

  it("uses Python's names on Windows and macOS", () => {
    expect(interpreterMarkerEnvironment('3.12.4', 'CPython', WINDOWS)).toMatchObject({ os_name: 'nt', sys_platform: 'win32', platform_system: 'Windows', platform_machine: 'AMD64', platform_release: '11' });
    expect(interpreterMarkerEnvironment('3.12.4', null, { ...WINDOWS, machine: 'arm64', release: '10.0.19045' })).toMatchObject({ platform_machine: 'ARM64', platform_release: '10' });
    expect(interpreterMarkerEnvironment('3.13.0rc1', null, MAC)).toMatchObject({ sys_platform: 'darwin', platform_system: 'Darwin', platform_machine: 'arm64', python_version: '3.13', python_full_version: '3.13.0rc1' });
  });

  it('leaves the version markers out when the version is unknown, and knows PyPy', () => {
    const unknown = interpreterMarkerEnvironment(null, null, LINUX);
    expect(unknown.python_version).toBeUndefined();
    expect(unknown.python_full_version).toBeUndefined();
    const pypy = interpreterMarkerEnvironment('3.10.14', 'PyPy', LINUX);
    expect(pypy).toMatchObject({ implementation_name: 'pypy', platform_python_implementation: 'PyPy', python_version: '3.10' });
    expect(pypy.implementation_version).toBeUndefined();
  });
});
