import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MapFileSource } from '../../../server/src/core/file-source';
import { loadIncludeTree, MAX_INCLUDE_DEPTH, MAX_INCLUDED_FILES } from '../../../server/src/core/formats/requirements-txt/include-tree';

const FIXTURES = join(__dirname, '../../fixtures/requirements-txt');

describe('loadIncludeTree', () => {
  it('follows the pip-compile tree dev.in → base.in → -c constraints.txt', () => {
    const read = (name: string): string => readFileSync(join(FIXTURES, 'pip-compile', name), 'utf8');
    const files = new MapFileSource({ '/svc/base.in': read('base.in'), '/svc/constraints.txt': read('constraints.txt') });
    const tree = loadIncludeTree('/svc/dev.in', read('dev.in'), files);
    expect(tree.files.map((f) => f.path)).toEqual(['/svc/dev.in', '/svc/base.in', '/svc/constraints.txt']);
    expect(tree.files[0]).toBe(tree.root);
    expect(tree.findingsByPath.size).toBe(0);
    const constraints = tree.files[2];
    expect(constraints.requirements.map((r) => [r.name, r.group])).toEqual([['anyio', 'constraint'], ['idna', 'constraint']]);
    expect(tree.files[1].requirements.every((r) => r.group === 'main')).toBe(true);
  });

  it('resolves nested relative paths against the including file', () => {
    const files = new MapFileSource({
      '/repo/requirements/base.txt': '-r ../shared/common.txt\nrequests\n',
      '/repo/shared/common.txt': '-r ./more/extra.txt\nattrs\n',
      '/repo/shared/more/extra.txt': 'six\n',
    });
    const tree = loadIncludeTree('/repo/requirements/dev.txt', '-r base.txt\npytest\n', files);
    expect(tree.files.map((f) => f.path)).toEqual([
      '/repo/requirements/dev.txt',
      '/repo/requirements/base.txt',
      '/repo/shared/common.txt',
      '/repo/shared/more/extra.txt',
    ]);
    expect(tree.files.flatMap((f) => f.requirements.map((r) => r.name))).toEqual(['pytest', 'requests', 'attrs', 'six']);
  });

  it('reports a missing include at the path span, with the resolved path', () => {
    const text = 'flask\n-r ../base.txt\n';
    const tree = loadIncludeTree('/repo/app/requirements.txt', text, new MapFileSource({}));
    const findings = tree.findingsByPath.get('/repo/app/requirements.txt')!;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'missing-include', severity: 'error', message: 'Included file not found: ../base.txt (resolved to /repo/base.txt)' });
    expect(text.slice(findings[0].span.start, findings[0].span.end)).toBe('../base.txt');
    expect(tree.files).toHaveLength(1);
    expect(tree.missing).toEqual(['/repo/base.txt']);
  });

  it('reports a cycle at the include that closes it, listing the chain', () => {
    const files = new MapFileSource({ '/p/b.in': 'attrs\n-r c.in\n', '/p/c.in': '-r a.in\n' });
    const tree = loadIncludeTree('/p/a.in', '-r b.in\n', files);
    expect(tree.files.map((f) => f.path)).toEqual(['/p/a.in', '/p/b.in', '/p/c.in']);
    const findings = tree.findingsByPath.get('/p/c.in')!;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'include-cycle', severity: 'error', message: 'Include cycle: a.in → b.in → c.in → a.in' });
    expect('-r a.in\n'.slice(findings[0].span.start, findings[0].span.end)).toBe('-r a.in');
    // The root is part of the loop: it shows the cycle at its own `-r b.in` line too.
    const atRoot = tree.findingsByPath.get('/p/a.in')!;
    expect(atRoot.map((f) => f.message)).toEqual(['Include cycle: a.in → b.in → c.in → a.in']);
    expect('-r b.in\n'.slice(atRoot[0].span.start, atRoot[0].span.end)).toBe('-r b.in');
  });

  it('does not report a loop the root only leads into', () => {
    const files = new MapFileSource({ '/p/b.in': '-r c.in\n', '/p/c.in': '-r b.in\n' });
    const tree = loadIncludeTree('/p/a.in', '-r b.in\n', files);
    expect(tree.findingsByPath.has('/p/a.in')).toBe(false);
    expect(tree.findingsByPath.get('/p/c.in')?.map((f) => f.message)).toEqual(['Include cycle: b.in → c.in → b.in']);
  });

  it('reports a file that includes itself', () => {
    const tree = loadIncludeTree('/p/self.txt', '-r ./self.txt\n', new MapFileSource({}));
    expect(tree.findingsByPath.get('/p/self.txt')?.map((f) => f.message)).toEqual(['Include cycle: self.txt → self.txt']);
  });

  it('parses a file once per kind: -r and -c of the same file, and diamonds', () => {
    const files = new MapFileSource({
      '/p/left.txt': '-r shared.txt\n',
      '/p/right.txt': '-r shared.txt\n-c shared.txt\n',
      '/p/shared.txt': 'numpy<2\n',
    });
    const tree = loadIncludeTree('/p/root.txt', '-r left.txt\n-r right.txt\n', files);
    expect(tree.files.map((f) => [f.path, f.requirements.map((r) => r.group)])).toEqual([
      ['/p/root.txt', []],
      ['/p/left.txt', []],
      ['/p/shared.txt', ['main']],
      ['/p/right.txt', []],
      ['/p/shared.txt', ['constraint']],
    ]);
  });

  it('treats -r inside a constraints file as a requirements include, like pip', () => {
    const files = new MapFileSource({ '/p/pins.txt': '-r more.txt\n', '/p/more.txt': 'idna\n' });
    const tree = loadIncludeTree('/p/root.txt', '-c pins.txt\n', files);
    expect(tree.files.map((f) => [f.path, f.requirements.map((r) => r.group)])).toEqual([
      ['/p/root.txt', []],
      ['/p/pins.txt', []],
      ['/p/more.txt', ['main']],
    ]);
  });

  it('skips URL targets without fetching or reporting them', () => {
    const tree = loadIncludeTree('/p/r.txt', '-r https://example.com/r.txt\n-c HTTP://example.com/c.txt\n', new MapFileSource({}));
    expect(tree.files).toHaveLength(1);
    expect(tree.findingsByPath.size).toBe(0);
  });

  it('expands ${VAR} in include targets', () => {
    const files = new MapFileSource({ '/p/envs/prod.txt': 'gunicorn\n' });
    const tree = loadIncludeTree('/p/r.txt', '-r envs/${ENV}.txt\n', files, { variables: { ENV: 'prod' } });
    expect(tree.files.map((f) => f.path)).toEqual(['/p/r.txt', '/p/envs/prod.txt']);
  });

  it('reports every include it does not follow past the file limit, at its line', () => {
    const entries: Record<string, string> = {};
    for (let i = 0; i < 600; i++) entries[`/many/f${i}.txt`] = `pkg${i}\n`;
    const rootText = Array.from({ length: 600 }, (_, i) => `-r f${i}.txt\n`).join('');
    const tree = loadIncludeTree('/many/requirements.txt', rootText, new MapFileSource(entries));
    expect(tree.files).toHaveLength(MAX_INCLUDED_FILES);
    const findings = tree.findingsByPath.get('/many/requirements.txt')!;
    expect(findings).toHaveLength(600 - (MAX_INCLUDED_FILES - 1));
    expect(findings.every((finding) => finding.code === 'include-limit' && finding.severity === 'warning')).toBe(true);
    expect(rootText.slice(findings[0].span.start, findings[0].span.end)).toBe('-r f499.txt');
    expect(findings[0].message).toBe('Include not followed: the include tree already has 500 files; the requirements of f499.txt are not checked');
  });

  it('reports the depth limit where it is reached and at the root line that leads there', () => {
    const entries: Record<string, string> = {};
    for (let i = 1; i <= 60; i++) entries[`/chain/f${i}.txt`] = `-r f${i + 1}.txt\npkg${i}\n`;
    const tree = loadIncludeTree('/chain/f0.txt', 'flask\n-r f1.txt\n', new MapFileSource(entries));
    expect(tree.files).toHaveLength(MAX_INCLUDE_DEPTH + 1);
    const deepest = `/chain/f${MAX_INCLUDE_DEPTH}.txt`;
    expect(tree.findingsByPath.get(deepest)).toEqual([
      { code: 'include-limit', severity: 'warning', message: `Include not followed: f${MAX_INCLUDE_DEPTH + 1}.txt would be more than 50 includes deep; its requirements are not checked`, span: { start: 0, end: `-r f${MAX_INCLUDE_DEPTH + 1}.txt`.length } },
    ]);
    const atRoot = tree.findingsByPath.get('/chain/f0.txt')!;
    expect(atRoot).toEqual([
      {
        code: 'include-limit',
        severity: 'warning',
        message: `Not every file included from here is checked: f${MAX_INCLUDE_DEPTH + 1}.txt would be more than 50 includes deep; its requirements are not checked (in f${MAX_INCLUDE_DEPTH}.txt)`,
        span: { start: 6, end: 6 + '-r f1.txt'.length },
      },
    ]);
  });

  it('says why an include could not be read (too large, unreadable) when the source can tell', () => {
    const files = {
      read: () => undefined,
      load: (path: string) =>
        path.endsWith('big.txt') ? ({ status: 'too-large', bytes: 20 * 1024 * 1024, limit: 16 * 1024 * 1024 } as const) : ({ status: 'unreadable', reason: 'permission denied (EACCES)' } as const),
    };
    const text = '-r big.txt\n-c secret.txt\n';
    const tree = loadIncludeTree('/p/requirements.txt', text, files);
    expect(tree.findingsByPath.get('/p/requirements.txt')!.map((finding) => [finding.code, finding.message, text.slice(finding.span.start, finding.span.end)])).toEqual([
      ['file-too-large', 'Included file too large to analyse: big.txt (20 MiB; the limit for requirements files and manifests is 16 MiB)', 'big.txt'],
      ['file-unreadable', 'Cannot read included file secret.txt: permission denied (EACCES)', 'secret.txt'],
    ]);
    // Fixing the file changes the tree: it is watched like a missing one.
    expect(tree.missing).toEqual(['/p/big.txt', '/p/secret.txt']);
  });

  it('reports the bytes of an included file that cannot be decoded on that file', () => {
    const files = { read: () => undefined, load: () => ({ status: 'read', text: 'attrs # \uFFFD\n', decodingProblems: [{ start: 8, end: 9, severity: 'warning', message: 'Invalid UTF-8 (0xff)' }] }) as const };
    const tree = loadIncludeTree('/p/requirements.txt', '-r base.txt\n', files);
    expect(tree.files[1].errors).toEqual([{ code: 'invalid-encoding', severity: 'warning', message: 'Invalid UTF-8 (0xff)', span: { start: 8, end: 9 } }]);
  });

  it('stops at the depth bound on a very long chain', () => {
    const entries: Record<string, string> = {};
    for (let i = 1; i <= 200; i++) entries[`/chain/f${i}.txt`] = `-r f${i + 1}.txt\npkg${i}\n`;
    const tree = loadIncludeTree('/chain/f0.txt', '-r f1.txt\n', new MapFileSource(entries));
    expect(tree.files.length).toBeLessThanOrEqual(52);
    expect(tree.files.length).toBeGreaterThan(10);
  });
});
