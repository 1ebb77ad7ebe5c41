/**
 * The PEP 508 marker values of an interpreter, without running it: the Python version comes from
 * the environment's files (pyvenv.cfg, conda-meta, the lib/python3.X folder), the platform values
 * from the host this process runs on (node:os), mapped to what Python's `sys` and `platform`
 * modules report.
 */
import { machine, release, type as osType, version as osVersion } from 'node:os';
import type { MarkerEnvironment } from '../core/pep508';

/** The host facts the platform markers derive from (node:os values; injectable in tests). */
export interface HostPlatform {
  /** process.platform: 'linux', 'darwin', 'win32', 'freebsd', ... */
  platform: string;
  /** os.machine(): 'x86_64', 'arm64', 'aarch64', ... */
  machine: string;
  /** os.release(): kernel release ('6.8.0-45-generic'), Windows '10.0.22631'. */
  release: string;
  /** os.version(): the kernel version string. */
  version: string;
  /** os.type(): 'Linux', 'Darwin', 'Windows_NT', ... */
  type: string;
}

export function currentHostPlatform(): HostPlatform {
  return { platform: process.platform, machine: machine(), release: release(), version: osVersion(), type: osType() };
}

/** `platform.machine()` on Windows says AMD64 / ARM64 / x86 where node says x86_64 / arm64 / ia32. */
function pythonMachine(host: HostPlatform): string {
  if (host.platform !== 'win32') return host.machine;
  const windowsNames: Record<string, string> = { x86_64: 'AMD64', arm64: 'ARM64', aarch64: 'ARM64', i686: 'x86', i386: 'x86', ia32: 'x86' };
  return windowsNames[host.machine] ?? host.machine;
}

/** `platform.release()`: the kernel release on POSIX; on Windows '10' or '11' (build 22000 and later). */
function pythonRelease(host: HostPlatform): string {
  if (host.platform !== 'win32') return host.release;
  const build = Number(host.release.split('.')[2] ?? '0');
  return build >= 22000 ? '11' : host.release.split('.')[0];
}

/** `sys.platform`: 'linux', 'darwin', 'win32', 'cygwin'; FreeBSD carries its major version ('freebsd14'). */
function pythonSysPlatform(host: HostPlatform): string {
  if (host.platform === 'freebsd' || host.platform === 'openbsd') return host.platform + host.release.split('.')[0];
  if (host.platform === 'sunos') return 'sunos5';
  return host.platform;
}

function pythonPlatformSystem(host: HostPlatform): string {
  if (host.type === 'Windows_NT') return 'Windows';
  return host.type;
}

/**
 * @param pythonFullVersion  PEP 440 form ('3.11.7', '3.13.0rc1'), or null when unknown (the
 *                           Python version markers are then left out: comparisons with them are false).
 * @param implementation     'CPython' or 'PyPy' as pyvenv.cfg writes it; default CPython.
 */
export function interpreterMarkerEnvironment(pythonFullVersion: string | null, implementation: string | null, host: HostPlatform = currentHostPlatform()): MarkerEnvironment {
  const isPyPy = (implementation ?? '').toLowerCase() === 'pypy';
  const environment: MarkerEnvironment = {
    os_name: host.platform === 'win32' ? 'nt' : 'posix',
    sys_platform: pythonSysPlatform(host),
    platform_system: pythonPlatformSystem(host),
    platform_machine: pythonMachine(host),
    platform_release: pythonRelease(host),
    platform_version: host.version,
    platform_python_implementation: isPyPy ? 'PyPy' : 'CPython',
    implementation_name: isPyPy ? 'pypy' : 'cpython',
  };
  if (pythonFullVersion !== null) {
    const [major, minor] = pythonFullVersion.split('.');
    environment.python_version = `${major}.${minor}`;
    environment.python_full_version = pythonFullVersion;
    // PyPy's implementation_version is its own (7.3.x), which the environment's files do not say.
    if (!isPyPy) environment.implementation_version = pythonFullVersion;
  }
  return environment;
}
