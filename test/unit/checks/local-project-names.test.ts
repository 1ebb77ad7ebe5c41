import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import type { InstalledDistribution, InstalledEnvironment } from '../../../server/src/core/context';
import { MapFileSource } from '../../../server/src/core/file-source';
import { readLocalProjectName, setupCfgName, setupPyName } from '../../../server/src/core/local-project-names';
import { normalizeName } from '../../../server/src/core/names';
import { dependencyTree } from '../../../server/src/core/graph';
import { lockGraphOf, treeSourcesOfFile } from '../../../server/src/core/tree-sources';

function distribution(name: string, version: string): InstalledDistribution {
  const path = `/venv/lib/python3.11/site-packages/${name}-${version}.dist-info`;
  return { name, normalizedName: normalizeName(name), version, requiresDist: [], path, metadataPath: `${path}/METADATA` };
}

const ENVIRONMENT: InstalledEnvironment = {
  pythonPath: '/venv/bin/python3',
  prefix: '/venv',
  origin: 'venv',
  markerEnvironment: {
    python_version: '3.11', python_full_version: '3.11.7', implementation_name: 'cpython', implementation_version: '3.11.7',
    platform_python_implementation: 'CPython', sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', platform_machine: 'x86_64',
  },
  distributions: [distribution('requests', '2.32.3'), distribution('docs', '0.1.0')],
};

/** Projects in /w, each with the metadata that names it (or none). */
const PROJECTS: Record<string, string> = {
  '/w/httpx-checkout/pyproject.toml': '[project]\nname = "httpx"\nversion = "0.28.1"\ndynamic = ["readme"]\n',
  '/w/poetry-app/pyproject.toml': '[tool.poetry]\nname = "Poetry_App"\nversion = "1.0"\n',
  '/w/cfg-app/pyproject.toml': '[build-system]\nrequires = ["setuptools"]\n',
  '/w/cfg-app/setup.cfg': '[metadata]\nName = cfg-app-real\nversion = 1.0\n\n[options]\nname = not-this\n',
  '/w/cfg-app/setup.py': 'from setuptools import setup, Extension\nsetup(ext_modules=[Extension(name="cfg_app._speedups", sources=["x.c"])])\n',
  '/w/setup-py-app/setup.py': '# name="commented"\nimport setuptools\nsetuptools.setup(\n    name="setup-py-real",\n    version="1.0",\n)\n',
  '/w/variable-name/setup.py': 'NAME = "computed"\nsetup(name=NAME)\n',
  '/w/variable-name/setup.cfg': '[metadata]\nname = overridden-by-setup-py\n',
  '/w/python/README.md': 'no metadata at all\n',
};

function analyze(path: string, text: string, extra: Record<string, string> = {}, installed: InstalledEnvironment | null = null) {
  return analyzeDocument(path, text, new MapFileSource({ ...PROJECTS, ...extra }), 'requirements', { installed })!;
}

describe('local project requirements are named by their project metadata', () => {
  it('reads [project] name, [tool.poetry] name, setup.cfg [metadata] name and a literal setup(name=...)', () => {
    const text = ['-e .[http2]', './../poetry-app', '-e ../cfg-app', '../setup-py-app[cli]', 'file:///w/httpx-checkout'].join('\n');
    const analysis = analyze('/w/httpx-checkout/requirements.txt', text);
    expect(analysis.file.requirements.map((requirement) => [requirement.name, requirement.normalizedName, requirement.extras])).toEqual([
      ['httpx', 'httpx', ['http2']],
      ['Poetry_App', 'poetry-app', []],
      ['cfg-app-real', 'cfg-app-real', []],
      ['setup-py-real', 'setup-py-real', ['cli']],
      ['httpx', 'httpx', []],
    ]);
    // A change to the metadata changes the name: the analysis depends on those files.
    expect(analysis.dependencies).toEqual(expect.arrayContaining(['/w/httpx-checkout/pyproject.toml', '/w/poetry-app/pyproject.toml', '/w/cfg-app/setup.cfg', '/w/setup-py-app/setup.py']));
  });

  it('leaves the name unknown, never taken from the folder, when the metadata does not say it statically', () => {
    const text = ['-e ./python', '-e ../variable-name', '-e ../missing-folder'].join('\n');
    const analysis = analyze('/w/docs/requirements.txt', text);
    expect(analysis.file.requirements.map((requirement) => [requirement.name, requirement.normalizedName, requirement.localProject])).toEqual([
      ['', '', '/w/docs/python'],
      ['', '', '/w/variable-name'],
      ['', '', '/w/missing-folder'],
    ]);
  });

  it('names the requirements of included files too', () => {
    const analysis = analyze('/w/requirements.txt', '-r sub/dev.txt\n', { '/w/sub/dev.txt': '-e ../httpx-checkout\n' });
    expect(analysis.included[0].requirements.map((requirement) => requirement.name)).toEqual(['httpx']);
  });

  it('compares a local project whose name is unknown with nothing named: no environment finding', () => {
    const text = ['-e ./python', '-e ./docs', 'docs==0.1.0', 'requests==2.32.3'].join('\n');
    const analysis = analyze('/w/requirements.txt', text, {}, ENVIRONMENT);
    expect(analysis.findings.map((finding) => `${finding.code}: ${finding.message}`)).toEqual([]);
  });

  it('still reports the same unnamed local project folder twice as a duplicate, by its path', () => {
    const text = ['-e ./python', '-e ./docs', '-e python/'].join('\n');
    const analysis = analyze('/w/requirements.txt', text, {}, ENVIRONMENT);
    expect(analysis.findings.map((finding) => [finding.code, finding.message, finding.package])).toEqual([
      ['duplicate-requirement', 'python/ is already required earlier in this file (any version) in the same group.', undefined],
    ]);
  });

  it('still compares a named local project with the installed environment', () => {
    const analysis = analyze('/w/requirements.txt', '-e ./httpx-checkout\n', {}, ENVIRONMENT);
    expect(analysis.findings.map((finding) => [finding.code, finding.package])).toEqual([['env-missing', 'httpx']]);
  });
});

describe('lock checks and trees with local projects', () => {
  const compiledHeader = '#\n# This file is autogenerated by pip-compile with Python 3.12\n#\n';

  it('matches a local project of a .in with the compiled .txt by the project name', () => {
    const files = {
      '/w/app/requirements.in': '-e ../httpx-checkout\n-e ./tools\n',
      '/w/app/requirements.txt': `${compiledHeader}-e ../httpx-checkout\n    # via -r requirements.in\n-e file:///home/someone-else/tools\n    # via -r requirements.in\n`,
    };
    const analysis = analyze('/w/app/requirements.in', files['/w/app/requirements.in'], files);
    expect(analysis.findings.map((finding) => `${finding.code}: ${finding.message}`)).toEqual([]);
  });

  it('does not call a named local project missing when the compiled file lists it by a path of another machine', () => {
    const files = {
      '/w/app/requirements.in': '-e ../httpx-checkout\n',
      '/w/app/requirements.txt': `${compiledHeader}-e file:///home/someone-else/httpx-checkout\n    # via -r requirements.in\n`,
    };
    const analysis = analyze('/w/app/requirements.in', files['/w/app/requirements.in'], files);
    expect(analysis.findings).toEqual([]);
  });

  it('shows a local project whose name is unknown as a tree root by its path, without a problem', () => {
    const files = new MapFileSource({
      ...PROJECTS,
      '/w/app/requirements.in': '-e ./tools\n-e ../httpx-checkout\n',
      '/w/app/requirements.txt': `${compiledHeader}-e ../httpx-checkout\n    # via -r requirements.in\n-e ./tools\n    # via -r requirements.in\n`,
    });
    const sources = treeSourcesOfFile('/w/app/requirements.in', files)!;
    const tree = dependencyTree(lockGraphOf(sources)!, {});
    expect(tree.roots.map((root) => [root.name, root.version, root.problems ?? []])).toEqual([
      ['./tools', null, []],
      ['httpx', '', []],
    ]);
  });
});

describe('reading project names', () => {
  it('reads setup.cfg like configparser: [metadata] only, keys in any case, = or :', () => {
    expect(setupCfgName('[metadata]\nname: my-pkg\n')).toBe('my-pkg');
    expect(setupCfgName('[options]\nname = nope\n')).toBeNull();
    expect(setupCfgName('[metadata]\nname =\n    spread-over\n')).toBeNull();
    expect(setupCfgName('[metadata]\nname = %(x)s\n')).toBeNull();
  });

  it('reads setup.py only where a literal name is passed to the one setup() call', () => {
    expect(setupPyName('setup(name="pkg", version="1")')).toBe('pkg');
    expect(setupPyName("setup(\n  name='pkg',  # the name\n)")).toBe('pkg');
    expect(setupPyName('"""setup(name="docstring")"""\nsetup(name="real")')).toBe('real');
    expect(setupPyName('setup(name=NAME)')).toBeNull();
    expect(setupPyName('setup(name="a" "b")')).toBeNull();
    expect(setupPyName('setup(name=f"pkg")')).toBeNull();
    expect(setupPyName('setup(**config)')).toBeNull();
    expect(setupPyName('if x:\n    setup(name="a")\nelse:\n    setup(name="b")\n')).toBeNull();
    expect(setupPyName('from build import main\nmain()\n')).toBeNull();
    // No name passed: setup.cfg decides.
    expect(setupPyName('setup(ext_modules=[Extension(name="pkg._c")])')).toBe('not-passed');
  });

  it('prefers pyproject.toml, and a name setup.py passes over setup.cfg', () => {
    const files = new MapFileSource({
      '/p/pyproject.toml': '[project]\nname = "from-pyproject"\n',
      '/p/setup.py': 'setup(name="from-setup-py")',
      '/q/setup.py': 'setup(name="from-setup-py")',
      '/q/setup.cfg': '[metadata]\nname = from-setup-cfg\n',
    });
    expect(readLocalProjectName('/p', files)).toEqual({ name: 'from-pyproject', lookedFor: ['/p/pyproject.toml'] });
    expect(readLocalProjectName('/q', files)).toEqual({ name: 'from-setup-py', lookedFor: ['/q/pyproject.toml', '/q/setup.py'] });
    expect(readLocalProjectName('/r', files)).toEqual({ name: null, lookedFor: ['/r/pyproject.toml', '/r/setup.py', '/r/setup.cfg'] });
  });
});
