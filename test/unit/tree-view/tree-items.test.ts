/**
 * The items of `pipsight/dependencyTree` as the server builds them from core's trees: one group
 * label for every tool (the tool's own term in `groupDetail`), packages declared twice marked with
 * both places, direct references, the filter.
 */
import { describe, expect, it } from 'vitest';
import { dependencyTree, graphFromLock, reverseDependencyTree } from '../../../server/src/core/graph';
import { parseDocument } from '../../../server/src/core/parse';
import { filterTree, groupPresentation, TreeItemConverter } from '../../../server/src/lsp/tree-items';
import { fixtureText, parseFixture } from '../graph/load-fixture';

function items(folder: string, lock: string, reverse?: string) {
  const graph = graphFromLock(parseFixture(`${folder}/${lock}`), parseFixture(`${folder}/pyproject.toml`));
  const converter = new TreeItemConverter(graph, (path) => fixtureText(path.replace('/graph/', '')));
  return reverse ? converter.convert(reverseDependencyTree(graph, reverse, { target: null }).roots, false) : converter.convert(dependencyTree(graph, { target: null }).roots, true);
}

describe('group labels', () => {
  it.each([
    ['main', 'main', /project's dependencies/],
    ['group:dev', 'dev (group)', /PEP 735 `\[dependency-groups\]`/],
    ['poetry-group:dev', 'dev (group)', /Poetry group `dev`/],
    ['poetry-group:docs', 'docs (group)', /`\[tool\.poetry\.group\.docs\.dependencies\]`/],
    ['uv-dev', 'dev (group)', /uv dev-dependencies/],
    ['pdm-dev:lint', 'lint (group)', /PDM development group `lint`/],
    ['extra:docs', 'docs (extra)', /extra `docs`/],
    ['extra:gpu', 'gpu (extra)', /`<project>\[gpu\]`/],
  ])('%s → %s', (group, label, detail) => {
    const presented = groupPresentation(group);
    expect(presented.label).toBe(label);
    expect(presented.detail).toMatch(detail);
    // The group id as the CLI prints it stays in the detail.
    expect(presented.detail.startsWith(`\`${group}\``)).toBe(true);
  });

  it('PEP 735, Poetry and PDM groups and extras read the same in the items of each tool', () => {
    const labels = (list: ReturnType<typeof items>) => list.map((item) => `${item.name}: ${item.groupLabel}`);
    expect(labels(items('poetry2', 'poetry.lock'))).toEqual(['httpx: main', 'anyio: main', 'uvloop: fast (extra)', 'pytest: dev (group)']);
    expect(labels(items('pdm', 'pdm.lock'))).toEqual(['fastapi: main', 'pydantic: main', 'ruff: lint (group)']);
    expect(labels(items('tree-marks', 'uv.lock')).slice(-2)).toEqual(['pdoc: docs (extra)', 'pytest: dev (group)']);
    expect(items('poetry2', 'poetry.lock').find((item) => item.name === 'pytest')?.groupDetail).toMatch(/^`poetry-group:dev`: Poetry group `dev`/);
  });

  it('reverse trees: the declaration leaves carry the group label', () => {
    const [pytest] = items('tree-marks', 'uv.lock', 'pytest');
    expect(pytest.children.map((leaf) => [leaf.name, leaf.declaration, leaf.groupLabel, leaf.specifier])).toEqual([['pyproject.toml', true, 'dev (group)', '>=8.3']]);
  });
});

describe('packages declared twice', () => {
  it('marks both declarations of pillow with both places and the requirement as written', () => {
    const pillows = items('tree-marks', 'uv.lock').filter((item) => item.name === 'pillow');
    expect(pillows).toHaveLength(2);
    for (const pillow of pillows) {
      expect(pillow.duplicates?.map((duplicate) => [duplicate.requirement, duplicate.at.range.start.line])).toEqual([['pillow>=10.4', 5], ['Pillow>=10.0', 10]]);
      expect(pillow.duplicates?.[0].at.uri).toBe('file:///graph/tree-marks/pyproject.toml');
    }
    // each row reveals its own declaration
    expect(pillows.map((pillow) => pillow.declaredAt?.range.start.line)).toEqual([5, 10]);
  });

  it('marks nothing else: one declaration per name, uv forks of one declaration, the same name in another group', () => {
    expect(items('tree-marks', 'uv.lock').filter((item) => item.name !== 'pillow' && item.duplicates)).toEqual([]);
    const forked = items('uv-fork', 'uv.lock');
    expect(forked.filter((item) => item.name === 'torch').length).toBeGreaterThan(1);
    expect(forked.filter((item) => item.duplicates)).toEqual([]);
  });
});

describe('direct references and markers', () => {
  it('git, path and URL dependencies carry their reference; index packages none', () => {
    const references = items('tree-marks', 'uv.lock').filter((item) => item.reference).map((item) => [item.name, item.reference?.kind, item.reference?.vcs ?? null]);
    expect(references).toEqual([['money-utils', 'vcs', 'git'], ['ledger-core', 'path', null], ['fastmath', 'url', null]]);
  });

  it('keeps the whole marker of a declaration (the view cuts it in the row, not in the tooltip)', () => {
    const tomli = items('tree-marks', 'uv.lock').find((item) => item.name === 'tomli');
    expect(tomli?.marker).toBe('python_version >= "3.8" or platform_machine != "aarch64" or implementation_name == "cpython"');
  });

  it('the filter keeps the marks of what it keeps', () => {
    const kept = filterTree(items('tree-marks', 'uv.lock'), 'money');
    expect(kept.map((item) => [item.name, item.reference?.kind])).toEqual([['money-utils', 'vcs']]);
    expect(filterTree(items('tree-marks', 'uv.lock'), 'xyz')).toEqual([]);
  });
});

describe('credentials in direct references', () => {
  it('are masked in the reference and in the declarations of a package declared twice', () => {
    const secret = 'Zq9SECRET';
    const pyproject = `[project]\nname = "app"\nversion = "1"\ndependencies = [\n  "direct @ https://user:${secret}@files.example/direct-1.0-py3-none-any.whl",\n  "direct @ https://user:${secret}@files.example/direct-1.0-py3-none-any.whl",\n]\n`;
    const lock = `version = 1\nrequires-python = ">=3.10"\n\n[[package]]\nname = "direct"\nversion = "1.0"\nsource = { url = "https://user:${secret}@files.example/direct-1.0-py3-none-any.whl" }\n`;
    const files: Record<string, string> = { '/app/pyproject.toml': pyproject, '/app/uv.lock': lock };
    const graph = graphFromLock(parseDocument('/app/uv.lock', lock)!, parseDocument('/app/pyproject.toml', pyproject)!);
    const converted = new TreeItemConverter(graph, (path) => files[path]).convert(dependencyTree(graph, { target: null }).roots, true);
    expect(converted[0].reference).toMatchObject({ kind: 'url', url: 'https://user:****@files.example/direct-1.0-py3-none-any.whl' });
    expect(converted[0].duplicates?.map((duplicate) => duplicate.requirement)).toEqual(['direct @ https://user:****@files.example/direct-1.0-py3-none-any.whl', 'direct @ https://user:****@files.example/direct-1.0-py3-none-any.whl']);
    expect(JSON.stringify(converted)).not.toContain(secret);
  });
});
