/**
 * Our installed-conflict computation against pip's own `pip check` (the real pip of this machine,
 * run on test environments whose dist-info folders are written here). Skips, saying why, only
 * where python3 with pip is not available. No network: pip check reads local files only.
 */
import { spawnSync } from 'node:child_process';
import { devNull } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInstalledEnvironment } from '../../../server/src/core/checks/installed-conflicts';
import { normalizeName } from '../../../server/src/core/names';
import { loadEnvironmentSync, locateEnvironment } from '../../../server/src/env';
import { temporaryFolder, writeVenv, type FakeDistribution } from './fake-environment';

const ORACLE_SCRIPT = resolve(__dirname, '../../fixtures/env/pip_check_oracle.py');

/** python3 with PIP_* and PYTHON* variables removed, so the machine's pip configuration cannot interfere. */
function runPython(args: string[]) {
  const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(PIP_|PYTHON)/.test(name)));
  return spawnSync('python3', ['-I', ...args], { encoding: 'utf8', env: { ...environment, PIP_CONFIG_FILE: devNull, PIP_NO_INPUT: '1' }, timeout: 60_000 });
}

function probePython(): { version: string | null; reason: string } {
  const probe = runPython(['-c', 'import platform, pip; print(platform.python_version(), pip.__version__)']);
  if (probe.error) return { version: null, reason: `python3 could not be started (${probe.error.message})` };
  if (probe.status !== 0) return { version: null, reason: `python3 has no pip (${probe.stderr.trim().split('\n').pop()})` };
  return { version: probe.stdout.trim().split(' ')[0], reason: '' };
}

const python = probePython();
if (!python.version) console.warn(`pip check oracle tests skipped: ${python.reason}`);

/** `package -> dependency (missing|conflict)` lines from pip check's output. */
function parsePipCheck(stdout: string): string[] {
  const results: string[] = [];
  for (const line of stdout.split('\n')) {
    const missing = /^(\S+) (\S+) requires (\S+), which is not installed\.$/.exec(line);
    const conflict = /^(\S+) (\S+) has requirement (.+?)(?:; .*)?, but you have (\S+) (\S+)\.$/.exec(line);
    if (missing) results.push(`${normalizeName(missing[1])} -> ${normalizeName(missing[3])} (missing)`);
    else if (conflict) results.push(`${normalizeName(conflict[1])} -> ${normalizeName(conflict[4])} ${conflict[5]} (conflict: ${conflict[3]})`);
    else if (line.trim() !== '' && line !== 'No broken requirements found.') throw new Error(`unexpected pip check line: ${line}`);
  }
  return results.sort();
}

const folders: { remove: () => void }[] = [];
afterAll(() => folders.forEach((folder) => folder.remove()));

function compare(distributions: FakeDistribution[], prepare?: (sitePackages: string) => void): string[] {
  const folder = temporaryFolder('oracle');
  folders.push(folder);
  const venv = writeVenv(join(folder.path, 'venv'), distributions, { version: python.version! });
  prepare?.(venv.sitePackages);
  const pip = runPython([ORACLE_SCRIPT, venv.sitePackages]);
  expect(pip.status, `pip check failed to run: ${pip.stderr}`).not.toBe(null);
  const expected = parsePipCheck(pip.stdout);
  const location = locateEnvironment(venv.prefix, 'cli');
  expect(location?.pythonFullVersion).toBe(python.version);
  const ours = checkInstalledEnvironment(loadEnvironmentSync(location!)).conflicts.map((conflict) =>
    conflict.kind === 'missing'
      ? `${conflict.requirer.normalizedName} -> ${conflict.dependency} (missing)`
      : `${conflict.requirer.normalizedName} -> ${conflict.dependency} ${conflict.installed!.version} (conflict: ${conflict.requirement})`,
  );
  expect(ours.sort()).toEqual(expected);
  // pip exits 1 when it finds anything (including metadata it cannot parse).
  if (expected.length > 0) expect(pip.status).toBe(1);
  return expected;
}

describe.skipIf(!python.version)('pip check oracle', () => {
  it('accelerate needs numpy<2 while numpy 2.1.1 is installed; a dependency is missing', () => {
    const found = compare([
      { name: 'accelerate', version: '0.33.0', requires: ['numpy<2.0.0,>=1.17', 'packaging>=20.0', 'torch>=1.10.0', 'safetensors>=0.3.1'] },
      { name: 'numpy', version: '2.1.1' },
      { name: 'packaging', version: '24.1' },
      { name: 'torch', version: '2.4.0+cu124', requires: ['filelock', 'typing-extensions>=4.8.0'] },
      { name: 'filelock', version: '3.15.4' },
      { name: 'typing_extensions', version: '4.12.2' },
      { name: 'peft', version: '0.12.0', requires: ['accelerate>=0.21.0', 'numpy>=1.17', 'torch>=1.13.0'] },
    ]);
    expect(found).toEqual(['accelerate -> numpy 2.1.1 (conflict: numpy<2.0.0,>=1.17)', 'accelerate -> safetensors (missing)']);
  });

  it('ignores extras, even extras another package asks for', () => {
    const found = compare([
      { name: 'requests', version: '2.32.3', requires: ['urllib3<3,>=1.21.1', 'PySocks!=1.5.7,>=1.5.6; extra == "socks"', 'chardet<6,>=3.0.2; extra == "use-chardet-on-py3"'] },
      { name: 'urllib3', version: '2.2.2', requires: ['brotli>=1.0.9; platform_python_implementation == "CPython" and extra == "brotli"'] },
      { name: 'app', version: '1.0', requires: ['requests[socks]>=2.0', 'urllib3[brotli]<2'] },
    ]);
    expect(found).toEqual(['app -> urllib3 2.2.2 (conflict: urllib3[brotli]<2)']);
  });

  it('evaluates markers for this interpreter', () => {
    compare([
      {
        name: 'torch', version: '2.4.0', requires: [
          'triton==3.0.0; platform_system == "Linux" and platform_machine == "x86_64" and python_version < "3.13"',
          'pywin32>=300; sys_platform == "win32"',
          'appnope; sys_platform == "darwin"',
          'importlib-metadata; python_version < "3.8"',
          'tomli>=1.1.0; python_full_version < "3.11.0a7"',
          'exceptiongroup; python_version >= "3.0" and os_name == "posix"',
        ],
      },
      { name: 'exceptiongroup', version: '1.0.0rc9' },
    ]);
  });

  it('normalizes names on both sides', () => {
    const found = compare([
      { name: 'Flask', version: '3.0.3', requires: ['Werkzeug>=3.0.0', 'Jinja2>=3.1.2', 'itsDangerous>=2.1.2', 'click>=8.1.3', 'blinker>=1.6.2'] },
      { name: 'werkzeug', version: '3.0.3', requires: ['MarkupSafe>=2.1.1'] },
      { name: 'jinja2', version: '3.1.4', requires: ['MarkupSafe>=2.0'] },
      { name: 'ItsDangerous', version: '2.2.0' },
      { name: 'Click', version: '8.1.7' },
      { name: 'markupsafe', version: '2.0.1', folder: 'MarkupSafe-2.0.1.dist-info' },
      { name: 'zope.interface', version: '6.4', requires: ['setuptools'] },
      { name: 'twisted', version: '24.3.0', requires: ['zope-interface>=5', 'Automat>=0.8.0'] },
      { name: 'Automat', version: '22.10.0' },
    ]);
    expect(found).toEqual(['flask -> blinker (missing)', 'werkzeug -> markupsafe 2.0.1 (conflict: MarkupSafe>=2.1.1)', 'zope-interface -> setuptools (missing)']);
  });

  it('allows pre-releases and compares local versions like pip', () => {
    const found = compare([
      { name: 'app', version: '1.0', requires: ['lib>=2.0', 'other<2.1', 'torch==2.5.1', 'torchvision==0.20.1+cu118', 'torchaudio>2.5.1', 'xformers<=0.0.28', 'compat~=1.4.2', 'exact===1.0', 'notthis!=3.0.*'] },
      { name: 'lib', version: '2.1.0rc1' },
      { name: 'other', version: '2.1.0b2' },
      { name: 'torch', version: '2.5.1+cu124' },
      { name: 'torchvision', version: '0.20.1+cu124' },
      { name: 'torchaudio', version: '2.5.1+cu124' },
      { name: 'xformers', version: '0.0.28.post1' },
      { name: 'compat', version: '1.4.9' },
      { name: 'exact', version: '1.0.0' },
      { name: 'notthis', version: '3.0.2' },
    ]);
    expect(found.map((line) => line.split(' ')[2])).toEqual(['exact', 'notthis', 'other', 'torchaudio', 'torchvision', 'xformers']);
  });

  it('treats a package whose Requires-Dist does not parse as absent, and reads egg-info', () => {
    const found = compare(
      [
        { name: 'broken', version: '1.0', requires: ['this is not a requirement!!'] },
        { name: 'needs-broken', version: '1.0', requires: ['broken>=1.0', 'legacy>=2'] },
      ],
      (sitePackages) => {
        const egg = join(sitePackages, 'legacy-1.5-py3.11.egg-info');
        mkdirSync(egg);
        writeFileSync(join(egg, 'PKG-INFO'), 'Metadata-Version: 1.1\nName: legacy\nVersion: 1.5\n');
        writeFileSync(join(egg, 'requires.txt'), 'six>=1.0\n\n[docs]\nsphinx\n\n[:sys_platform == "win32"]\npywin32\n');
      },
    );
    expect(found).toEqual(['legacy -> six (missing)', 'needs-broken -> broken (missing)', 'needs-broken -> legacy 1.5 (conflict: legacy>=2)']);
  });

  it('finds nothing in a consistent environment', () => {
    expect(compare([
      { name: 'a', version: '1.0', requires: ['b (>=1.0)', 'c; python_version >= "3"'] },
      { name: 'b', version: '1.2' },
      { name: 'c', version: '0.1', directUrl: { url: 'file:///src/c', dir_info: { editable: true } } },
    ])).toEqual([]);
  });
});
