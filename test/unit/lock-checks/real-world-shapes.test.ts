/**
 * Shapes of real lockfiles that once gave false findings: uv forks declaring one package under
 * several markers, uv `[manifest] overrides`, pdm edges for Pythons the lock does not cover,
 * self-references, dynamic dependencies and uv groups with their own requires-python.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { MapFileSource } from '../../../server/src/core/file-source';

function codes(path: string, files: Record<string, string>): string[] {
  const analysis = analyzeDocument(path, files[path], new MapFileSource(files))!;
  return analysis.findings.filter((finding) => finding.code.startsWith('lock-')).map((finding) => `${finding.code} ${finding.package ?? ''}`.trim());
}

const UV_HEADER = 'version = 1\nrevision = 3\nrequires-python = ">=3.10"\n';

function uvPackage(name: string, version: string, extra = ''): string {
  return `\n[[package]]\nname = "${name}"\nversion = "${version}"\nsource = { registry = "https://pypi.org/simple" }\n${extra}`;
}

describe('uv.lock', () => {
  it('matches each fork edge with the declaration its version satisfies', () => {
    const lock =
      UV_HEADER +
      `
[[package]]
name = "app"
version = "1.0.0"
source = { editable = "." }
dependencies = [
    { name = "pandas", version = "2.3.3", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version < '3.11'" },
    { name = "pandas", version = "3.0.5", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version >= '3.11'" },
]

[package.metadata]
requires-dist = [
    { name = "pandas", marker = "python_full_version < '3.11'", specifier = ">=2.1,<3" },
    { name = "pandas", marker = "python_full_version >= '3.11'", specifier = ">=3" },
]
` +
      uvPackage('pandas', '2.3.3') +
      uvPackage('pandas', '3.0.5');
    expect(codes('/p/uv.lock', { '/p/uv.lock': lock })).toEqual([]);
  });

  it('checks edges against `[manifest] overrides`, which uv resolved with', () => {
    const lock =
      UV_HEADER +
      `
[manifest]
overrides = [{ name = "pypdf", specifier = ">=6.15" }]

[[package]]
name = "app"
version = "1.0.0"
source = { editable = "." }
dependencies = [{ name = "pypdf" }]

[package.metadata]
requires-dist = [{ name = "pypdf", specifier = "~=6.14.2" }]
` + uvPackage('pypdf', '6.15.0');
    expect(codes('/p/uv.lock', { '/p/uv.lock': lock })).toEqual([]);
  });

  it('still reports a real conflict', () => {
    const lock = UV_HEADER + uvPackage('peft', '0.12.0', 'dependencies = [{ name = "accelerate" }]\n\n[package.metadata]\nrequires-dist = [{ name = "accelerate", specifier = ">=0.21.0" }]\n') + uvPackage('accelerate', '0.20.3');
    expect(codes('/p/uv.lock', { '/p/uv.lock': lock })).toEqual(['lock-conflict peft']);
  });

  it('does not call a pyproject with dynamic dependencies or per-group Pythons stale', () => {
    const pyproject = [
      '[project]',
      'name = "app"',
      'dynamic = ["version", "dependencies"]',
      '[dependency-groups]',
      'docs = ["mkdocs>=1.5"]',
      '[tool.uv.dependency-groups]',
      'docs = { requires-python = ">=3.12" }',
      '',
    ].join('\n');
    const lock =
      UV_HEADER +
      `
[[package]]
name = "app"
source = { editable = "." }
dependencies = [{ name = "httpx" }]

[package.dev-dependencies]
docs = [{ name = "mkdocs", marker = "python_full_version >= '3.12'" }]

[package.metadata]
requires-dist = [{ name = "httpx", specifier = ">=0.27" }]

[package.metadata.requires-dev]
docs = [{ name = "mkdocs", marker = "python_full_version >= '3.12'", specifier = ">=1.5" }]
` +
      uvPackage('httpx', '0.28.1') +
      uvPackage('mkdocs', '1.6.1');
    expect(codes('/p/pyproject.toml', { '/p/pyproject.toml': pyproject, '/p/uv.lock': lock })).toEqual([]);
  });
});

describe('pdm.lock', () => {
  it('ignores edges for Pythons the lock does not cover', () => {
    const lock = `[metadata]
groups = ["default"]
strategy = ["inherit_metadata"]
lock_version = "4.5.0"
content_hash = "sha256:00"

[[metadata.targets]]
requires_python = ">=3.10"

[[package]]
name = "virtualenv"
version = "21.3.1"
requires_python = ">=3.8"
groups = ["default"]
dependencies = [
    "filelock<4,>=3.24.2; python_version >= \\"3.10\\"",
    "filelock<=3.19.1,>=3.16.1; python_version < \\"3.10\\"",
]

[[package]]
name = "filelock"
version = "3.29.0"
requires_python = ">=3.10"
groups = ["default"]
`;
    expect(codes('/p/pdm.lock', { '/p/pdm.lock': lock })).toEqual([]);
  });
});

describe('self-references', () => {
  it('a group requiring the project itself with extras is not missing from the lock', () => {
    // pdm.lock does not list the project itself.
    const pyproject = '[project]\nname = "Demo-App"\ndependencies = ["httpx"]\n[dependency-groups]\nall = ["demo-app[cli]", "rich"]\n';
    const lock = '[metadata]\ngroups = ["default", "all"]\nlock_version = "4.5.0"\n\n[[package]]\nname = "httpx"\nversion = "0.28.1"\ngroups = ["default"]\n';
    expect(codes('/p/pyproject.toml', { '/p/pyproject.toml': pyproject, '/p/pdm.lock': lock })).toEqual(['lock-missing rich']);
  });
});

describe('uv workspace members', () => {
  it('a pinned requirement on another member is not stale: uv records members by location, without a version', () => {
    const member = '[project]\nname = "app"\nrequires-python = ">=3.10"\ndependencies = ["core==1.2.0", "httpx>=0.27"]\n';
    const lock =
      UV_HEADER +
      `
[manifest]
members = ["app", "core"]

[[package]]
name = "app"
version = "1.0.0"
source = { editable = "packages/app" }
dependencies = [{ name = "core" }, { name = "httpx" }]

[package.metadata]
requires-dist = [
    { name = "core", editable = "packages/core" },
    { name = "httpx", specifier = ">=0.27" },
]

[[package]]
name = "core"
version = "1.2.0"
source = { editable = "packages/core" }
` + uvPackage('httpx', '0.28.1');
    expect(codes('/w/packages/app/pyproject.toml', { '/w/packages/app/pyproject.toml': member, '/w/uv.lock': lock, '/w/pyproject.toml': '[tool.uv.workspace]\nmembers = ["packages/*"]\n' })).toEqual([]);
  });
});

describe('pip-compile output as the lock of a .in file', () => {
  it('counts the unsafe packages pip-compile lists in its closing comment as locked', () => {
    const input = 'pip\nvirtualenv\n';
    const compiled = [
      '#',
      '# This file is autogenerated by pip-compile with Python 3.12',
      '#',
      'virtualenv==20.26.6',
      '    # via -r pip.in',
      '',
      '# The following packages are considered to be unsafe in a requirements file:',
      '# pip',
      '',
    ].join('\n');
    expect(codes('/p/pip.in', { '/p/pip.in': input, '/p/pip.txt': compiled })).toEqual([]);
    expect(codes('/p/pip.in', { '/p/pip.in': input + 'rich\n', '/p/pip.txt': compiled })).toEqual(['lock-missing rich']);
  });
});
