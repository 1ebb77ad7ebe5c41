import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRequirementsTxt } from '../../../server/src/core/formats/requirements-txt';
import type { Span } from '../../../server/src/core/span';

const FIXTURES = join(__dirname, '../../fixtures/requirements-txt');

function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

function cut(text: string, span: Span | undefined): string | undefined {
  return span ? text.slice(span.start, span.end) : undefined;
}

describe('pip-compile outputs', () => {
  it('reads a hashed output with split-style # via annotations', () => {
    const text = fixture('pip-compile/base.txt');
    const file = parseRequirementsTxt(text, '/svc/base.txt');
    expect(file.errors).toEqual([]);
    expect(file.requirements).toHaveLength(16);
    for (const requirement of file.requirements) {
      expect(requirement.hashes).toHaveLength(2);
      expect(requirement.hashes!.every((h) => /^sha256:[0-9a-f]{64}$/.test(h))).toBe(true);
      expect(requirement.specifier).toMatch(/^==/);
      expect(cut(text, requirement.spans.name)).toBe(requirement.name);
      expect(requirement.via?.length).toBeGreaterThan(0);
    }
    const byName = new Map(file.requirements.map((r) => [r.normalizedName, r]));
    expect(byName.get('annotated-types')?.via).toEqual(['pydantic']);
    expect(byName.get('anyio')?.via).toEqual(['-c constraints.txt', 'httpx', 'starlette']);
    expect(byName.get('fastapi')?.via).toEqual(['-r base.in']);
    expect(byName.get('httpx')?.extras).toEqual(['http2']);
    expect(byName.get('anyio')?.specifier).toBe('==4.6.2.post1');
    // The whole requirement stops before its --hash options.
    expect(cut(text, byName.get('anyio')!.spans.whole)).toBe('anyio==4.6.2.post1');
  });

  it('reads line-style annotations and ignores the trailing unsafe-packages comment', () => {
    const text = fixture('pip-compile/dev.txt');
    const file = parseRequirementsTxt(text, '/svc/dev.txt');
    expect(file.errors).toEqual([]);
    expect(file.requirements.map((r) => r.name)).toEqual([
      'annotated-types', 'anyio', 'fastapi', 'iniconfig', 'packaging', 'pluggy', 'pydantic', 'pytest', 'ruff',
    ]);
    const byName = new Map(file.requirements.map((r) => [r.name, r]));
    expect(byName.get('anyio')?.via).toEqual(['-c constraints.txt', 'httpx', 'starlette']);
    expect(byName.get('ruff')?.via).toEqual(['-r dev.in']);
  });

  it('reads the .in sources with their includes', () => {
    const base = parseRequirementsTxt(fixture('pip-compile/base.in'), '/svc/base.in');
    expect(base.errors).toEqual([]);
    expect(base.includes.map((i) => [i.kind, i.target])).toEqual([['constraint', 'constraints.txt']]);
    expect(base.requirements.map((r) => [r.name, r.specifier])).toEqual([
      ['fastapi', '>=0.110'],
      ['httpx', '~=0.27.0'],
      ['pydantic', '>=2.6,<3'],
    ]);
    const dev = parseRequirementsTxt(fixture('pip-compile/dev.in'), '/svc/dev.in');
    expect(dev.includes.map((i) => [i.kind, i.target])).toEqual([['requirement', 'base.in']]);
    expect(dev.requirements.map((r) => r.name)).toEqual(['pytest', 'ruff']);
    expect(dev.requirements[1].via).toBeUndefined();
  });
});

describe('ML requirements with the PyTorch index', () => {
  it('reads the extra index, local versions, wheel URLs and markers', () => {
    const text = fixture('ml/requirements.txt');
    const file = parseRequirementsTxt(text, '/ml/requirements.txt');
    expect(file.errors).toEqual([]);
    expect(file.indexes.map((i) => [i.role, i.url])).toEqual([
      ['extra-index-url', 'https://download.pytorch.org/whl/cu124'],
      ['find-links', 'https://data.pyg.org/whl/torch-2.5.1+cu124.html'],
    ]);
    expect(file.options?.map((o) => o.name)).toEqual(['--extra-index-url', '--find-links', '--prefer-binary']);
    const byName = new Map(file.requirements.map((r) => [r.normalizedName, r]));
    expect(byName.get('torch')).toMatchObject({ specifier: '==2.5.1+cu124', url: null });
    expect(byName.get('torchvision')?.marker).toBe('sys_platform == "linux"');
    expect(byName.get('transformers')?.extras).toEqual(['torch']);
    const xformers = byName.get('xformers')!;
    expect(xformers.url).toBe('https://download.pytorch.org/whl/cu124/xformers-0.0.28.post3-cp311-cp311-manylinux_2_28_x86_64.whl');
    expect(xformers.marker).toBe('platform_machine == "x86_64"');
    expect(cut(text, xformers.spans.name)).toBe('xformers');
    expect(byName.get('flash-attn')?.url).toMatch(/^https:\/\/github\.com\/Dao-AILab\//);
  });
});

describe('a legacy project file with CRLF, variables, editables, paths and mistakes', () => {
  const text = fixture('legacy/edge-cases.txt');

  it('reads requirements, options and errors with spans on the CRLF text', () => {
    const file = parseRequirementsTxt(text, '/srv/monolith/requirements.txt', { variables: { PIP_INDEX_URL: 'https://pypi.internal.example/simple' } });
    // Local project folders are named by their metadata (read by the analysis, not the parser).
    expect(file.requirements.map((r) => [r.name, r.editable ?? false, r.url])).toEqual([
      ['', true, '.'],
      ['auth_client', true, 'git+https://git.example.com/platform/auth-client.git@release-3#egg=auth_client'],
      ['', false, './vendor/Old Reporting Lib'],
      ['', false, '../shared/utils'],
      ['Django', false, null],
      ['celery', false, null],
      ['psycopg2-binary', false, null],
      ['pywin32', false, null],
    ]);
    const [monolith, , , utils, django] = file.requirements;
    expect(monolith).toMatchObject({ extras: ['server'], localProject: '/srv/monolith' });
    expect(utils).toMatchObject({ extras: ['yaml'], marker: 'python_version < "3.12"', localProject: '/srv/shared/utils' });
    expect(django.hashes).toEqual(['sha256:0fae1b1d7e0a8f1c3a0c5e3bd4df4b7b1fefe4b8f0e0b4c2d9bb0c7d8e1f2a3b']);
    expect(cut(text, django.spans.whole)).toBe('Django>=4.2,<5.0');
    expect(file.indexes).toMatchObject([{ url: '${PIP_INDEX_URL}', requestUrl: 'https://pypi.internal.example/simple', role: 'index-url' }]);
    expect(cut(text, file.indexes[0].span)).toBe('${PIP_INDEX_URL}');
    // `--use-featur` is an accepted optparse abbreviation of --use-feature.
    expect(file.options?.map((o) => o.name)).toEqual(['--index-url', '--trusted-host', '--no-binary', '--use-feature']);
    expect(file.errors.map((e) => [e.code, cut(text, e.span)])).toEqual([
      ['invalid-requirement', '[d'],
      ['invalid-requirement', '--upgrade-strategy'],
    ]);
  });
});
