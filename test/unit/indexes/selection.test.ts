import { describe, expect, it } from 'vitest';
import type { IndexDeclaration, ParsedFile } from '../../../server/src/core/model';
import { buildIndexPlan, detectIndexTool, indexesForRequirement, redactCredentials, type IndexEnvironment } from '../../../server/src/core/indexes';
import { parseDocument } from '../../../server/src/core/parse';

const span = { start: 0, end: 0 };
const declaration = (tool: IndexDeclaration['tool'], role: string, url: string, name: string | null = null): IndexDeclaration => ({ tool, role, url, name, span });
const environment = (partial: Partial<IndexEnvironment>): Partial<IndexEnvironment> => partial;
const urls = (indexes: { url: string }[]) => indexes.map((index) => index.url);

describe('pip', () => {
  it('uses PyPI by default', () => {
    const plan = buildIndexPlan({ tool: 'pip', declarations: [] });
    expect(urls(plan.indexes)).toEqual(['https://pypi.org/simple/']);
    expect(plan.strategy).toBe('merge');
  });

  it('requirements file options beat PIP_INDEX_URL, which beats pip.conf; extras are merged', () => {
    const env = environment({ variables: { PIP_INDEX_URL: 'https://env.example/simple', PIP_EXTRA_INDEX_URL: 'https://extra1.example/simple https://extra2.example/simple' }, pip: { indexUrl: 'https://conf.example/simple', extraIndexUrls: ['https://conf-extra.example/simple'] } });
    const fromEnvironment = buildIndexPlan({ tool: 'pip', declarations: [], environment: env });
    expect(urls(fromEnvironment.indexes)).toEqual(['https://env.example/simple/', 'https://extra1.example/simple/', 'https://extra2.example/simple/']);
    const fromFile = buildIndexPlan({
      tool: 'pip',
      // The include tree in order: the last --index-url wins, every --extra-index-url adds.
      declarations: [declaration('pip', 'index-url', 'https://first.example/simple'), declaration('pip', 'extra-index-url', 'https://file-extra.example/simple'), declaration('pip', 'index-url', 'https://included.example/simple')],
      environment: env,
    });
    expect(urls(fromFile.indexes)).toEqual(['https://included.example/simple/', 'https://file-extra.example/simple/', 'https://extra1.example/simple/', 'https://extra2.example/simple/']);
    const fromConfig = buildIndexPlan({ tool: 'pip', declarations: [], environment: { pip: { indexUrl: 'https://conf.example/simple', extraIndexUrls: ['https://conf-extra.example/simple'] } } });
    expect(fromConfig.indexes.map((index) => [index.url, index.origin])).toEqual([['https://conf.example/simple/', 'pip.conf'], ['https://conf-extra.example/simple/', 'pip.conf']]);
  });

  it('takes credentials from userinfo and keeps them out of the URL', () => {
    const plan = buildIndexPlan({ tool: 'pip', declarations: [], environment: { variables: { PIP_INDEX_URL: 'https://bob:pw@private.example/simple' } } });
    expect(plan.indexes[0]).toMatchObject({ url: 'https://private.example/simple/', credentials: { username: 'bob', password: 'pw' } });
  });

  it('a pipsight.indexes default replaces PyPI; other entries are extras', () => {
    const plan = buildIndexPlan({ tool: 'pip', declarations: [], settings: [{ url: 'https://mirror.example/simple', default: true }, { url: 'https://more.example/simple', name: 'more' }] });
    expect(urls(plan.indexes)).toEqual(['https://mirror.example/simple/', 'https://more.example/simple/']);
  });

  it('reports unusable URLs', () => {
    const plan = buildIndexPlan({ tool: 'pip', declarations: [declaration('pip', 'extra-index-url', 'file:///wheels')] });
    expect(plan.problems).toHaveLength(1);
  });
});

describe('uv', () => {
  const declarations = [
    declaration('uv', 'explicit', 'https://download.pytorch.org/whl/cu124', 'pytorch-cu124'),
    declaration('uv', 'explicit', 'https://download.pytorch.org/whl/cpu', 'pytorch-cpu'),
    declaration('uv', 'index', 'https://internal.example/simple', 'internal'),
  ];

  it('asks declared indexes before the default, first match wins; explicit indexes only for pins', () => {
    const plan = buildIndexPlan({ tool: 'uv', declarations });
    expect(urls(plan.indexes)).toEqual(['https://internal.example/simple/', 'https://pypi.org/simple/']);
    expect(plan.strategy).toBe('first-match');
    const torch = indexesForRequirement(plan, { index: 'pytorch-cu124' });
    expect(torch).toMatchObject({ strategy: 'first-match', pinnedTo: 'pytorch-cu124', problem: null });
    expect(urls(torch.indexes)).toEqual(['https://download.pytorch.org/whl/cu124/']);
  });

  it('marker arrays give several pinned indexes; unknown names are a problem', () => {
    const plan = buildIndexPlan({ tool: 'uv', declarations });
    expect(urls(indexesForRequirement(plan, { index: 'pytorch-cpu | pytorch-cu124' }).indexes)).toEqual(['https://download.pytorch.org/whl/cpu/', 'https://download.pytorch.org/whl/cu124/']);
    expect(indexesForRequirement(plan, { index: 'nope' })).toMatchObject({ indexes: [], problem: 'index "nope" is not declared' });
  });

  it('default = true replaces PyPI; UV_DEFAULT_INDEX beats it; UV_INDEX comes first', () => {
    const withDefault = [...declarations, declaration('uv', 'default', 'https://mirror.example/simple', 'mirror')];
    expect(urls(buildIndexPlan({ tool: 'uv', declarations: withDefault }).indexes)).toEqual(['https://internal.example/simple/', 'https://mirror.example/simple/']);
    const plan = buildIndexPlan({ tool: 'uv', declarations: withDefault, environment: { variables: { UV_DEFAULT_INDEX: 'https://env-default.example/simple', UV_INDEX: 'team=https://team.example/simple' } } });
    expect(plan.indexes.map((index) => [index.name, index.url])).toEqual([
      ['team', 'https://team.example/simple/'],
      ['internal', 'https://internal.example/simple/'],
      [null, 'https://env-default.example/simple/'],
    ]);
  });

  it('reads uv.toml indexes after the project and UV_INDEX_<NAME>_USERNAME/PASSWORD credentials', () => {
    const plan = buildIndexPlan({
      tool: 'uv',
      declarations,
      environment: {
        variables: { UV_INDEX_INTERNAL_USERNAME: 'ci', UV_INDEX_INTERNAL_PASSWORD: 'token' },
        uv: { indexes: [{ name: 'user-level', url: 'https://user.example/simple', default: false, explicit: false }], indexUrl: null, extraIndexUrls: [], indexStrategy: 'unsafe-best-match' },
      },
    });
    expect(urls(plan.indexes)).toEqual(['https://internal.example/simple/', 'https://user.example/simple/', 'https://pypi.org/simple/']);
    expect(plan.indexes[0].credentials).toEqual({ username: 'ci', password: 'token' });
    expect(plan.strategy).toBe('merge');
  });
});

describe('Poetry', () => {
  it('PyPI is implicit when no primary source exists; supplemental is a fallback', () => {
    const plan = buildIndexPlan({ tool: 'poetry', declarations: [declaration('poetry', 'supplemental', 'https://supp.example/simple', 'supp'), declaration('poetry', 'explicit', 'https://torch.example/whl', 'torch')] });
    expect(urls(plan.indexes)).toEqual(['https://pypi.org/simple/']);
    expect(urls(plan.fallback)).toEqual(['https://supp.example/simple/']);
    expect(urls(indexesForRequirement(plan, { index: 'torch' }).indexes)).toEqual(['https://torch.example/whl/']);
  });

  it('a primary source disables PyPI; primaries are merged; POETRY_HTTP_BASIC_<NAME> credentials', () => {
    const plan = buildIndexPlan({
      tool: 'poetry',
      declarations: [declaration('poetry', 'primary', 'https://a.example/simple', 'corp-a'), declaration('poetry', 'primary', 'https://b.example/simple', 'b')],
      environment: { variables: { POETRY_HTTP_BASIC_CORP_A_USERNAME: 'u', POETRY_HTTP_BASIC_CORP_A_PASSWORD: 'p' } },
    });
    expect(urls(plan.indexes)).toEqual(['https://a.example/simple/', 'https://b.example/simple/']);
    expect(plan.strategy).toBe('merge');
    expect(plan.indexes[0].credentials).toEqual({ username: 'u', password: 'p' });
    expect(indexesForRequirement(plan, { index: 'PyPI' }).indexes[0].url).toBe('https://pypi.org/simple/');
  });
});

describe('Poetry source priorities (docs: default → primary → implicit PyPI → secondary → supplemental)', () => {
  it('a secondary source keeps the implicit PyPI, which comes first', () => {
    const text = '[tool.poetry]\nname = "p"\n\n[[tool.poetry.source]]\nname = "corp"\nurl = "https://corp.example/simple/"\npriority = "secondary"\n\n[[tool.poetry.source]]\nname = "late"\nurl = "https://late.example/simple/"\npriority = "supplemental"\n';
    const file = parseDocument('/p/pyproject.toml', text)!;
    const plan = buildIndexPlan({ tool: 'poetry', declarations: file.indexes });
    expect(urls(plan.indexes)).toEqual(['https://pypi.org/simple/', 'https://corp.example/simple/']);
    expect(plan.strategy).toBe('merge');
    expect(urls(plan.fallback)).toEqual(['https://late.example/simple/']);
  });

  it('orders default, primary, implicit PyPI, secondary; only default/primary disable PyPI', () => {
    const sources = [declaration('poetry', 'secondary', 'https://second.example/simple', 'second'), declaration('poetry', 'primary', 'https://first.example/simple', 'first'), declaration('poetry', 'default', 'https://default.example/simple', 'main')];
    expect(urls(buildIndexPlan({ tool: 'poetry', declarations: sources }).indexes)).toEqual(['https://default.example/simple/', 'https://first.example/simple/', 'https://second.example/simple/']);
    expect(urls(buildIndexPlan({ tool: 'poetry', declarations: [sources[0]] }).indexes)).toEqual(['https://pypi.org/simple/', 'https://second.example/simple/']);
    // PyPI declared as a source takes the place of its priority instead of the implicit one.
    const pypiLast = [sources[0], declaration('poetry', 'supplemental', 'https://pypi.org/simple/', 'PyPI')];
    const plan = buildIndexPlan({ tool: 'poetry', declarations: pypiLast });
    expect(urls(plan.indexes)).toEqual(['https://second.example/simple/']);
    expect(urls(plan.fallback)).toEqual(['https://pypi.org/simple/']);
  });
});

describe('PDM credentials', () => {
  it('PDM_PYPI_USERNAME / PDM_PYPI_PASSWORD go to the default source only', () => {
    const variables = { PDM_PYPI_USERNAME: 'me', PDM_PYPI_PASSWORD: 'pw', PDM_PYPI_URL: 'https://mirror.example/simple' };
    const plan = buildIndexPlan({ tool: 'pdm', declarations: [declaration('pdm', 'index', 'https://extra.example/simple', 'extra')], environment: { variables } });
    expect(plan.indexes.map((index) => [index.url, index.credentials])).toEqual([
      ['https://mirror.example/simple/', { username: 'me', password: 'pw' }],
      ['https://extra.example/simple/', null],
    ]);
    const inUrl = buildIndexPlan({ tool: 'pdm', declarations: [], environment: { variables: { ...variables, PDM_PYPI_URL: 'https://u:t@mirror.example/simple' } } });
    expect(inUrl.indexes[0].credentials).toEqual({ username: 'u', password: 't' });
  });
});

describe('redaction of index problems', () => {
  it('masks user:pass@ in a malformed setting, with or without a scheme', () => {
    const plan = buildIndexPlan({ tool: 'pip', declarations: [], settings: [{ url: 'alice:s3cret@pypi.example.com/simple/' }, { url: 'ftp://bob:hunter2@files.example/' }] });
    expect(plan.problems).toEqual([
      'pipsight.indexes: "alice:****@pypi.example.com/simple/" is not an http(s) index URL',
      'pipsight.indexes: "ftp://bob:****@files.example/" is not an http(s) index URL',
    ]);
    expect(redactCredentials('token https://tok@h/simple and a:p@ss@h2/x, mail me@example.com')).toBe('token https://****@h/simple and a:****@h2/x, mail me@example.com');
  });
});

describe('PDM', () => {
  it('PyPI first then sources, merged; a source named pypi replaces PyPI; find_links is no index', () => {
    const plain = buildIndexPlan({ tool: 'pdm', declarations: [declaration('pdm', 'index', 'https://extra.example/simple', 'extra'), declaration('pdm', 'find_links', 'https://links.example/', 'links')] });
    expect(urls(plain.indexes)).toEqual(['https://pypi.org/simple/', 'https://extra.example/simple/']);
    const replaced = buildIndexPlan({ tool: 'pdm', declarations: [declaration('pdm', 'index', 'https://mirror.example/simple', 'pypi')] });
    expect(urls(replaced.indexes)).toEqual(['https://mirror.example/simple/']);
  });
});

describe('detectIndexTool', () => {
  const file = (partial: Partial<ParsedFile>): Pick<ParsedFile, 'kind' | 'indexes' | 'requirements'> => ({ kind: 'pyproject', indexes: [], requirements: [], ...partial });
  it('chooses by file kind, declarations, groups and sibling lockfiles', () => {
    expect(detectIndexTool(file({ kind: 'requirements' }))).toBe('pip');
    expect(detectIndexTool(file({ indexes: [declaration('poetry', 'primary', 'https://x/', 'x')] }))).toBe('poetry');
    expect(detectIndexTool(file({}), ['uv-lock'])).toBe('uv');
    expect(detectIndexTool(file({}))).toBe('pip');
  });
});
