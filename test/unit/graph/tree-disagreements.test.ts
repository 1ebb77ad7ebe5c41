/**
 * The tree agrees with `pipsight check` and tells look-alike rows apart: uv fork roots carry the
 * project's lock marker; an installed edge only a requested extra activates is no pip-check
 * conflict; a missing dev-group package is env-missing in the tree exactly when check says so;
 * editable and URL installs (direct_url.json) show where they came from.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { checkInstalledEnvironment } from '../../../server/src/core/checks/installed-conflicts';
import type { InstalledDistribution, InstalledEnvironment } from '../../../server/src/core/context';
import { MapFileSource } from '../../../server/src/core/file-source';
import { dependencyTree, describeInstallSource, graphFromInstalled, graphFromLock, reverseDependencyTree, type TreeNode } from '../../../server/src/core/graph';
import { normalizeName } from '../../../server/src/core/names';
import { parseDocument } from '../../../server/src/core/parse';
import { LINUX_312, parseFixture, WINDOWS_39 } from './load-fixture';

describe('uv fork roots', () => {
  const graph = graphFromLock(parseFixture('uv-fork/uv.lock'), parseFixture('uv-fork/pyproject.toml'));

  it('shows one root per forked version, each with the marker of the project edge that selects it', () => {
    const roots = dependencyTree(graph, { target: null }).roots.map((root) => [root.name, root.version, root.specifier, root.marker]);
    expect(roots).toEqual([
      ['torch', '2.5.1', '>=2.5', "sys_platform != 'linux'"],
      ['torch', '2.5.1+cu124', '>=2.5', "sys_platform == 'linux'"],
      ['numpy', '2.1.1', '>=2', null],
    ]);
  });

  it('keeps only the fork of the target environment', () => {
    expect(dependencyTree(graph, { target: LINUX_312 }).roots.filter((root) => root.name === 'torch').map((root) => root.version)).toEqual(['2.5.1+cu124']);
    expect(dependencyTree(graph, { target: WINDOWS_39 }).roots.filter((root) => root.name === 'torch').map((root) => root.version)).toEqual(['2.5.1']);
  });
});

const LINUX_311 = { ...LINUX_312, python_version: '3.11', python_full_version: '3.11.7' };

function distribution(name: string, version: string, requiresDist: string[] = [], directUrl?: InstalledDistribution['directUrl']): InstalledDistribution {
  const path = `/work/app/.venv/lib/python3.11/site-packages/${name}-${version}.dist-info`;
  return { name, normalizedName: normalizeName(name), version, requiresDist, path, metadataPath: `${path}/METADATA`, ...(directUrl ? { directUrl } : {}) };
}

function environment(distributions: InstalledDistribution[]): InstalledEnvironment {
  return { pythonPath: '/work/app/.venv/bin/python3', prefix: '/work/app/.venv', origin: 'venv', markerEnvironment: LINUX_311, distributions };
}

const REQUESTS = ['charset-normalizer<4,>=2', 'PySocks!=1.5.7,>=1.5.6; extra == "socks"'];

function manifest(text: string) {
  return parseDocument('/work/app/pyproject.toml', text)!;
}

function problemsOf(nodes: TreeNode[]): string[] {
  return nodes.flatMap((node) => [...(node.problems ?? []).map((problem) => `${node.name}: ${problem.code}: ${problem.message}`), ...problemsOf(node.children)]);
}

function checkCodes(text: string, installed: InstalledEnvironment): string[] {
  const analysis = analyzeDocument('/work/app/pyproject.toml', text, new MapFileSource({}), undefined, { installed });
  return (analysis?.findings ?? []).filter((finding) => finding.code.startsWith('env-') || finding.code === 'installed-conflict').map((finding) => `${finding.code} ${finding.package}`);
}

describe('installed tree problems agree with check', () => {
  const PYPROJECT = '[project]\nname = "app"\nversion = "1"\ndependencies = ["requests[socks]>=2"]\n';

  it('an extra the parent was requested with is env-missing / env-mismatch, never installed-conflict', () => {
    const missing = environment([distribution('requests', '2.32.3', REQUESTS), distribution('charset-normalizer', '3.4.0')]);
    expect(checkInstalledEnvironment(missing).conflicts).toEqual([]);
    expect(checkCodes(PYPROJECT, missing)).toEqual([]);
    const tree = dependencyTree(graphFromInstalled(missing, manifest(PYPROJECT)));
    expect(problemsOf(tree.roots)).toEqual(['PySocks: env-missing: requested extra socks of requests needs PySocks!=1.5.7,>=1.5.6, not installed']);

    const old = environment([distribution('requests', '2.32.3', REQUESTS), distribution('charset-normalizer', '3.4.0'), distribution('PySocks', '1.5.0')]);
    expect(checkInstalledEnvironment(old).conflicts).toEqual([]);
    const graph = graphFromInstalled(old, manifest(PYPROJECT));
    const expected = ['PySocks: env-mismatch: requested extra socks of requests needs PySocks!=1.5.7,>=1.5.6, but PySocks 1.5.0 is installed'];
    expect(problemsOf(dependencyTree(graph).roots)).toEqual(expected);
    expect(problemsOf(reverseDependencyTree(graph, 'pysocks').roots)).toEqual(expected.map((line) => line.replace(/^PySocks/, 'requests')));
  });

  it('a plain Requires-Dist that is not met stays installed-conflict, as pip check says', () => {
    const installed = environment([distribution('requests', '2.32.3', REQUESTS)]);
    expect(checkInstalledEnvironment(installed).conflicts.map((conflict) => conflict.dependency)).toEqual(['charset-normalizer']);
    expect(problemsOf(dependencyTree(graphFromInstalled(installed, manifest(PYPROJECT))).roots)[0]).toMatch(/^charset-normalizer: installed-conflict: /);
  });

  it('a missing optional-group package is env-missing only when its group was installed', () => {
    const text = '[project]\nname = "app"\nversion = "1"\ndependencies = ["requests>=2", "flask>=3"]\n\n[dependency-groups]\ndev = ["pytest>=8", "ruff"]\n';
    const withoutDev = environment([distribution('requests', '2.32.3')]);
    const treeCodes = (installed: InstalledEnvironment) => dependencyTree(graphFromInstalled(installed, manifest(text))).roots
      .flatMap((root) => (root.problems ?? []).map((problem) => `${problem.code} ${normalizeName(root.name)}`));
    expect(treeCodes(withoutDev)).toEqual(['env-missing flask']);
    expect(checkCodes(text, withoutDev)).toEqual(['env-missing flask']);
    const withSomeDev = environment([distribution('requests', '2.32.3'), distribution('flask', '3.1.0'), distribution('ruff', '0.8.0')]);
    expect(treeCodes(withSomeDev)).toEqual(['env-missing pytest']);
    expect(checkCodes(text, withSomeDev)).toEqual(['env-missing pytest']);
  });

  it('a Poetry optional package is never missing on its own', () => {
    const text = '[tool.poetry]\nname = "app"\nversion = "1"\n\n[tool.poetry.dependencies]\npython = "^3.10"\nrequests = "^2"\nboto3 = { version = "^1.35", optional = true }\n';
    const installed = environment([distribution('requests', '2.32.3')]);
    const roots = dependencyTree(graphFromInstalled(installed, manifest(text))).roots;
    expect(roots.find((root) => root.name === 'boto3')).toMatchObject({ version: null });
    expect(problemsOf(roots)).toEqual([]);
    expect(checkCodes(text, installed)).toEqual([]);
  });
});

describe('install sources (direct_url.json)', () => {
  it('labels editable installs with a path relative to the project and URL installs with their URL', () => {
    expect(describeInstallSource({ url: 'file:///work/app/libs/core', editable: true }, '/work/app').label).toBe('editable ./libs/core');
    expect(describeInstallSource({ url: 'file:///work/app', editable: true }, '/work/app').label).toBe('editable .');
    expect(describeInstallSource({ url: 'file:///elsewhere/my%20pkg', editable: true }, '/work/app').label).toBe('editable /elsewhere/my pkg');
    expect(describeInstallSource({ url: 'file:///C:/src/pkg', editable: false }, 'C:/work').label).toBe('from C:/src/pkg');
    expect(describeInstallSource({ url: 'https://github.com/psf/requests.git', editable: false }, '/work/app').label).toBe('from https://github.com/psf/requests.git');
  });

  it('puts the source on installed tree nodes, forward and reverse', () => {
    const installed = environment([
      distribution('core-lib', '0.1.0', ['requests>=2'], { url: 'file:///work/app/libs/core', editable: true }),
      distribution('requests', '2.32.3', [], { url: 'https://example.org/requests-2.32.3-py3-none-any.whl', editable: false }),
    ]);
    const graph = graphFromInstalled(installed, manifest('[project]\nname = "app"\nversion = "1"\ndependencies = ["core-lib"]\n'));
    const [root] = dependencyTree(graph).roots;
    expect(root.source).toEqual({ url: 'file:///work/app/libs/core', editable: true, label: 'editable ./libs/core' });
    expect(root.children[0].source?.label).toBe('from https://example.org/requests-2.32.3-py3-none-any.whl');
    expect(reverseDependencyTree(graph, 'requests').roots[0].source?.editable).toBe(false);
    expect(dependencyTree(graphFromLock(parseFixture('uv-fork/uv.lock'), parseFixture('uv-fork/pyproject.toml'))).roots[0].source).toBeUndefined();
  });
});
