import { describe, expect, it } from 'vitest';
import { parsePyproject } from '../../../server/src/core/formats/pyproject';
import { parseFixture, slice } from './helpers';

describe('pyproject: uv', () => {
  const { text, file } = parseFixture('uv-ml.toml');
  const byName = (name: string) => file.requirements.find((r) => r.name === name)!;

  it('reads the uv requirement lists with their groups', () => {
    expect(file.requirements.map((r) => [r.group, r.name, r.specifier])).toEqual([
      ['main', 'torch', '>=2.4'],
      ['main', 'torchvision', '>=0.19'],
      ['main', 'numpy', '<2'],
      ['main', 'internal-utils', ''],
      ['extra:cuda', 'nvidia-ml-py', '>=12'],
      ['uv-dev', 'pytest', '>=8'],
      ['uv-dev', 'ipykernel', ''],
      ['uv-constraint', 'grpcio', '<1.66'],
      ['uv-override', 'protobuf', '==4.25.3'],
      ['uv-build-constraint', 'setuptools', '<72'],
    ]);
    expect(file.errors).toEqual([]);
  });

  it('declares [[tool.uv.index]] entries with their roles and spans', () => {
    expect(file.indexes.map((i) => [i.tool, i.name, i.url, i.role])).toEqual([
      ['uv', 'pytorch-cu124', 'https://download.pytorch.org/whl/cu124', 'explicit'],
      ['uv', 'pytorch-cpu', 'https://download.pytorch.org/whl/cpu', 'explicit'],
      ['uv', 'company', 'https://pypi.company.example/simple', 'default'],
    ]);
    expect(slice(text, file.indexes[0].span)).toBe('[[tool.uv.index]]\nname = "pytorch-cu124"\nurl = "https://download.pytorch.org/whl/cu124"\nexplicit = true');
  });

  it('applies [tool.uv.sources]: one index, several indexes by marker, a git location', () => {
    expect(byName('torchvision').index).toBe('pytorch-cu124');
    expect(byName('torch').index).toBe('pytorch-cu124 | pytorch-cpu');
    expect(byName('numpy').index).toBeNull();
    expect(byName('internal-utils').url).toBe('https://github.com/example/internal-utils');
    expect(byName('internal-utils').index).toBeNull();
  });

  it('matches sources by normalized name and reports a wrong source type', () => {
    const source = '[project]\ndependencies = ["My_Package>=1"]\n[tool.uv.sources]\nmy-package = { index = "private" }\nother = "nope"\n';
    const other = parsePyproject(source, 'pyproject.toml');
    expect(other.requirements[0].index).toBe('private');
    expect(other.errors.map((e) => [e.code, slice(source, e.span)])).toEqual([['invalid-requirement', '"nope"']]);
  });
});

describe('pyproject: PDM and Hatch', () => {
  const { text, file } = parseFixture('pdm-hatch.toml');

  it('reads PDM dev-dependencies and Hatch environments, skipping Hatch context fields', () => {
    expect(file.requirements.map((r) => [r.group, r.name, r.specifier])).toEqual([
      ['main', 'jinja2', '>=3.1'],
      ['pdm-dev:test', 'pytest', '>=7'],
      ['pdm-dev:test', 'nb-plugin', ''],
      ['pdm-dev:lint', 'flake8', '>=7'],
      ['hatch-env:default', 'coverage', '>=7.4'],
      ['hatch-env:default', 'pytest', ''],
      ['hatch-env:docs', 'mkdocs', '~=1.6'],
      ['hatch-env:docs', 'mkdocstrings', ''],
    ]);
    expect(file.errors).toEqual([]);
    const mkdocs = file.requirements.find((r) => r.name === 'mkdocs')!;
    expect(slice(text, mkdocs.spans.specifier)).toBe('~=1.6');
  });

  it('declares [[tool.pdm.source]] entries', () => {
    expect(file.indexes.map((i) => [i.tool, i.name, i.url, i.role])).toEqual([
      ['pdm', 'private', 'https://pypi.private.example/simple', 'index'],
      ['pdm', 'wheels', 'https://downloads.example/wheels/', 'find_links'],
    ]);
  });

  it('reads an editable PDM requirement with spans after the -e flag', () => {
    const source = '[tool.pdm.dev-dependencies]\ndev = ["-e ./local-lib", "-e mylib @ file:///tmp/mylib"]\n';
    const other = parsePyproject(source, 'pyproject.toml');
    expect(other.errors).toEqual([]);
    expect(other.requirements).toHaveLength(2);
    expect(other.requirements[1]).toMatchObject({ name: 'mylib', editable: true, url: 'file:///tmp/mylib', group: 'pdm-dev:dev' });
    expect(slice(source, other.requirements[1].spans.name)).toBe('mylib');
  });

  it('reads a PDM editable local project without a written name as a local project (named later from its metadata)', () => {
    const source = '[tool.pdm.dev-dependencies]\ndev = ["-e ./local-lib[cli]", "-e file:///${PROJECT_ROOT}/packages/core"]\n';
    const other = parsePyproject(source, '/repo/pyproject.toml');
    expect(other.errors).toEqual([]);
    expect(other.requirements).toMatchObject([
      { name: '', normalizedName: '', url: './local-lib', extras: ['cli'], localProject: '/repo/local-lib', editable: true, group: 'pdm-dev:dev' },
      { name: '', url: 'file:///${PROJECT_ROOT}/packages/core', localProject: '/repo/packages/core', editable: true },
    ]);
    expect(slice(source, other.requirements[0].spans.url)).toBe('./local-lib');
    expect(slice(source, other.requirements[0].spans.extras)).toBe('[cli]');
  });
});
