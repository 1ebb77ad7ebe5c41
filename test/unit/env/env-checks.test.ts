import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { checkInstalledEnvironment } from '../../../server/src/core/checks/installed-conflicts';
import type { InstalledDistribution, InstalledEnvironment } from '../../../server/src/core/context';
import { MapFileSource } from '../../../server/src/core/file-source';
import { normalizeName } from '../../../server/src/core/names';
import type { MarkerEnvironment } from '../../../server/src/core/pep508';

const LINUX_311: MarkerEnvironment = {
  python_version: '3.11', python_full_version: '3.11.7', implementation_name: 'cpython', implementation_version: '3.11.7',
  platform_python_implementation: 'CPython', sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', platform_machine: 'x86_64',
};

function distribution(name: string, version: string, requiresDist: string[] = []): InstalledDistribution {
  const path = `/venv/lib/python3.11/site-packages/${name}-${version}.dist-info`;
  return { name, normalizedName: normalizeName(name), version, requiresDist, path, metadataPath: `${path}/METADATA` };
}

function environment(distributions: InstalledDistribution[], markerEnvironment = LINUX_311): InstalledEnvironment {
  return { pythonPath: '/venv/bin/python3', prefix: '/venv', origin: 'venv', markerEnvironment, distributions };
}

const ML_ENVIRONMENT = environment([
  distribution('accelerate', '0.33.0', ['numpy<2.0.0,>=1.17', 'torch>=1.10.0', 'pytest; extra == "test"']),
  distribution('numpy', '2.1.1'),
  distribution('peft', '0.12.0', ['accelerate>=0.21.0', 'safetensors']),
  distribution('torch', '2.4.0+cu124', ['filelock', 'triton==3.0.0; platform_system == "Linux" and platform_machine == "x86_64"']),
  distribution('filelock', '3.15.4'),
  distribution('triton', '3.0.0'),
]);

function findings(path: string, text: string, installed: InstalledEnvironment | null, targetEnvironment?: MarkerEnvironment) {
  const analysis = analyzeDocument(path, text, new MapFileSource({}), undefined, { installed, targetEnvironment });
  return (analysis?.findings ?? [])
    .filter((finding) => finding.code.startsWith('env-') || finding.code === 'installed-conflict')
    .map((finding) => ({ code: finding.code, severity: finding.severity, at: text.slice(finding.span.start, finding.span.end), message: finding.message, related: finding.related?.map((r) => `${r.path ?? 'here'}@${r.span.start}: ${r.message}`) }));
}

describe('installed conflicts (pip check rules)', () => {
  it('finds version conflicts and missing dependencies, not extras', () => {
    const { conflicts, unreadable } = checkInstalledEnvironment(ML_ENVIRONMENT);
    expect(conflicts.map((conflict) => conflict.message)).toEqual([
      'accelerate 0.33.0 requires numpy<2.0.0,>=1.17, but numpy 2.1.1 is installed.',
      'peft 0.12.0 requires safetensors, which is not installed.',
    ]);
    expect(unreadable).toEqual([]);
  });

  it('evaluates markers in the interpreter environment', () => {
    const mac = { ...LINUX_311, sys_platform: 'darwin', platform_system: 'Darwin', platform_machine: 'arm64' };
    const dists = [distribution('torch', '2.4.0', ['triton==3.0.0; platform_system == "Linux"', 'typing-extensions>=4.8.0; python_version >= "3.8"'])];
    expect(checkInstalledEnvironment(environment(dists)).conflicts.map((conflict) => conflict.dependency)).toEqual(['triton', 'typing-extensions']);
    expect(checkInstalledEnvironment(environment(dists, mac)).conflicts.map((conflict) => conflict.dependency)).toEqual(['typing-extensions']);
  });

  it('allows pre-releases and local versions, and leaves out a package whose Requires-Dist does not parse', () => {
    const dists = [
      distribution('app', '1.0', ['torch==2.5.1', 'lib>=2.0', 'broken', 'Other_Name>=1']),
      distribution('torch', '2.5.1+cu124'),
      distribution('lib', '2.1.0rc1'),
      distribution('broken', '1.0', ['this is not a requirement!!']),
      distribution('other-name', '1.5'),
    ];
    const result = checkInstalledEnvironment(environment(dists));
    expect(result.conflicts.map((conflict) => conflict.message)).toEqual(['app 1.0 requires broken, which is not installed.']);
    expect(result.unreadable).toEqual(['broken 1.0']);
  });
});

describe('env-mismatch, env-missing and installed-conflict on declarations', () => {
  const pyproject = `[project]
name = "demo"
version = "1"
dependencies = [
  "numpy>=2",
  "accelerate==0.33.0",
  "torch==2.4.0",
  "peft<0.10",
  "requests>=2",
  "pywin32; sys_platform == 'win32'",
]

[project.optional-dependencies]
docs = ["sphinx"]

[dependency-groups]
dev = ["pytest", "filelock>=4"]

[build-system]
requires = ["setuptools>=99"]
`;

  it('reports each kind on the declaring lines', () => {
    expect(findings('/p/pyproject.toml', pyproject, ML_ENVIRONMENT)).toEqual([
      { code: 'installed-conflict', severity: 'error', at: 'numpy', message: 'accelerate 0.33.0 requires numpy<2.0.0,>=1.17, but numpy 2.1.1 is installed.', related: [`here@${pyproject.indexOf('accelerate')}: accelerate 0.33.0 requires numpy<2.0.0,>=1.17`] },
      { code: 'installed-conflict', severity: 'error', at: 'accelerate', message: 'accelerate 0.33.0 requires numpy<2.0.0,>=1.17, but numpy 2.1.1 is installed.', related: [`here@${pyproject.indexOf('numpy')}: numpy 2.1.1 is installed`] },
      { code: 'installed-conflict', severity: 'error', at: 'peft', message: 'peft 0.12.0 requires safetensors, which is not installed.', related: undefined },
      { code: 'env-mismatch', severity: 'warning', at: '<0.10', message: 'peft 0.12.0 is installed (venv), which does not satisfy <0.10.', related: ['/venv/lib/python3.11/site-packages/peft-0.12.0.dist-info/METADATA@0: peft 0.12.0 installed here'] },
      { code: 'env-missing', severity: 'information', at: 'requests', message: 'requests is not installed in the environment (venv).', related: undefined },
      // dev group: filelock is installed, so the group was installed and pytest is missing from it.
      { code: 'env-missing', severity: 'information', at: 'pytest', message: 'pytest is not installed in the environment (venv).', related: undefined },
      { code: 'env-mismatch', severity: 'warning', at: '>=4', message: 'filelock 3.15.4 is installed (venv), which does not satisfy >=4.', related: ['/venv/lib/python3.11/site-packages/filelock-3.15.4.dist-info/METADATA@0: filelock 3.15.4 installed here'] },
    ]);
  });

  it('evaluates declaration markers for the target environment when one is set', () => {
    const windows = { ...LINUX_311, sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt' };
    const missing = findings('/p/pyproject.toml', pyproject, ML_ENVIRONMENT, windows).filter((finding) => finding.code === 'env-missing');
    expect(missing.map((finding) => finding.at)).toEqual(['requests', 'pywin32', 'pytest']);
  });

  it('reports nothing without an environment', () => {
    expect(findings('/p/pyproject.toml', pyproject, null)).toEqual([]);
  });

  it('checks requirements files, constraints only for versions, Poetry unions on any side', () => {
    const requirements = 'numpy==2.1.1\nscipy>=1.14\n-c constraints.txt\n';
    const analysis = analyzeDocument('/p/requirements.txt', requirements, new MapFileSource({ '/p/constraints.txt': 'numpy<2\nnot-installed==1.0\n' }), undefined, { installed: ML_ENVIRONMENT });
    expect(analysis?.findings.filter((finding) => finding.code.startsWith('env-') || finding.code === 'installed-conflict').map((finding) => `${finding.code} ${requirements.slice(finding.span.start, finding.span.end)}`)).toEqual([
      'installed-conflict numpy',
      'env-missing scipy',
    ]);
    const poetry = '[tool.poetry]\nname = "x"\nversion = "1"\n\n[tool.poetry.dependencies]\npython = "^3.10"\nnumpy = "^1.26 || ^2.1"\nfilelock = "^3.16"\n';
    expect(findings('/p/pyproject.toml', poetry, ML_ENVIRONMENT).filter((finding) => finding.code === 'env-mismatch').map((finding) => finding.message)).toEqual([
      'filelock 3.15.4 is installed (venv), which does not satisfy ^3.16.',
    ]);
  });
});
