/**
 * Project pages of any size and shape are read in linear time. PEP 691: each distinct version is
 * parsed once per page (counted through the PEP 440 library, no timing), and a big page does not
 * evict the versions the open documents keep in the shared memo. PEP 503: one pass over the page,
 * malformed pages included; pages over the size limit are refused with a clear error.
 */
import { describe, expect, it, vi } from 'vitest';

const libraryParses = vi.hoisted(() => ({ count: 0 }));
vi.mock('@renovatebot/pep440', async (importOriginal) => {
  const original = await importOriginal<typeof import('@renovatebot/pep440')>();
  return {
    ...original,
    parse: (text: string) => {
      libraryParses.count++;
      return original.parse(text);
    },
  };
});

const { findRelease, MAX_FILES_PER_RELEASE, MAX_HTML_PAGE_CHARS, parseSimpleHtml, parseSimpleJson, runSteps, simpleJsonSteps } = await import('../../../server/src/core/indexes');
const { isValidVersion } = await import('../../../server/src/core/pep440');
const { resolveProject } = await import('../../../server/src/registry/resolve-project');
type IndexClient = import('../../../server/src/registry/index-client').IndexClient;
type RequirementIndexes = import('../../../server/src/core/indexes').RequirementIndexes;

function jsonPage(versions: number, filesPerVersion: number): string {
  const files: string[] = [];
  for (let v = 0; v < versions; v++) {
    const version = `${1 + (v % 50)}.${Math.floor(v / 50)}.${v % 7}`;
    for (let f = 0; f < filesPerVersion; f++) {
      const filename = `demo-${version}-cp3${f}-cp3${f}-manylinux_2_17_x86_64.whl`;
      files.push(JSON.stringify({ filename, url: `https://files.example/${filename}`, hashes: { sha256: 'ab' }, 'requires-python': '>=3.8' }));
    }
  }
  return `{"meta":{"api-version":"1.1"},"name":"demo","files":[${files.join(',')}]}`;
}

describe('PEP 691 pages with many versions', () => {
  const versions = 10_000;
  const page = jsonPage(versions, 2);

  it('parses each distinct version once', () => {
    const before = libraryParses.count;
    const { value } = parseSimpleJson(page, 'https://index.example/simple/demo/', 'demo');
    expect(value!.releases).toHaveLength(versions);
    // Before: about 41,000 parses for this page (the 4,096-entry shared memo thrashed, so the
    // filename check, the grouping key and the sort each parsed every version again).
    expect(libraryParses.count - before).toBeLessThanOrEqual(versions);
  });

  it('leaves the shared memo to the open documents', () => {
    expect(isValidVersion('77.7.7')).toBe(true);
    parseSimpleJson(page, 'https://index.example/simple/demo/', 'demo');
    const before = libraryParses.count;
    expect(isValidVersion('77.7.7')).toBe(true);
    expect(libraryParses.count - before).toBe(0);
  });

  it('finds a release by binary search', () => {
    const { value } = parseSimpleJson(page, 'https://index.example/simple/demo/', 'demo');
    const before = libraryParses.count;
    expect(findRelease(value!, '3.0.2.0')?.version).toBe('3.0.2');
    expect(findRelease(value!, '3.0.9')).toBeNull();
    // A binary search parses about log2(10,000) release versions per question (before: a scan of
    // all of them, about 8,800 parses for these two questions).
    expect(libraryParses.count - before).toBeLessThanOrEqual(2 * 16);
  });

  it('runs in steps of bounded size, with the same result as the one-call parse', () => {
    const steps = simpleJsonSteps(page, 'https://index.example/simple/demo/', 'demo');
    let count = 0;
    let step = steps.next();
    while (!step.done) {
      count++;
      step = steps.next();
    }
    // 20,000 files and 10,000 releases, 2,000 per step: at least 15 steps.
    expect(count).toBeGreaterThanOrEqual(15);
    expect(step.value.value!.versions).toEqual(runSteps(simpleJsonSteps(page, 'https://index.example/simple/demo/', 'demo')).value!.versions);
  });
});

describe('merging the pages of two indexes', () => {
  it('parses each version once while merging and sorting', async () => {
    const pages = ['https://a.example/simple/', 'https://b.example/simple/'].map((url, position) => {
      const files = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ filename: `demo-${position + 1}.${i}.0.tar.gz`, url: `https://files.example/${position}/${i}.tar.gz`, hashes: {} }));
      return { url, page: parseSimpleJson(`{"name":"demo","files":[${files.join(',')}]}`, url, 'demo').value! };
    });
    const client = {
      getProject: async (index: { url: string }) => {
        const found = pages.find((candidate) => candidate.url === index.url)!;
        return { ok: true, project: found.page, index: { name: null, url: found.url }, source: { via: 'network', fetchedAt: 0 } };
      },
    } as unknown as IndexClient;
    const plan = { indexes: pages.map((page) => ({ name: null, url: page.url })), strategy: 'merge', fallback: [], problem: null } as unknown as RequirementIndexes;
    const before = libraryParses.count;
    const resolved = await resolveProject(client, plan, 'demo');
    expect(resolved.ok && resolved.project.releases.length).toBe(20_000);
    expect(resolved.ok && resolved.project.versions[10_000]).toBe('2.0.0');
    // Before: 40,000 (every version parsed again for the merge key and again while sorting, the
    // shared memo being too small to keep them); the sort of an unsorted merge did worse.
    expect(libraryParses.count - before).toBeLessThanOrEqual(20_000);
  });
});

describe('a release with thousands of files', () => {
  it('keeps a bounded number of them, the file whose metadata would be fetched among them', () => {
    const files: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      files.push(JSON.stringify({ filename: `demo-1.0-${i}-py3-none-any.whl`, url: `https://files.example/${i}.whl`, hashes: {}, 'requires-python': i < 9_000 ? '>=3.9' : '>=3.8', yanked: i < 9_999 }));
    }
    files.push(JSON.stringify({ filename: 'demo-1.0-py3-none-any.whl', url: 'https://files.example/meta.whl', hashes: {}, 'core-metadata': true }));
    const { value } = parseSimpleJson(`{"meta":{"api-version":"1.1"},"name":"demo","files":[${files.join(',')}]}`, 'https://index.example/simple/demo/', 'demo');
    const release = value!.releases[0];
    // Before: all 10,001 file records were kept.
    expect(release.files).toHaveLength(MAX_FILES_PER_RELEASE);
    expect(release.omittedFiles).toBe(10_001 - MAX_FILES_PER_RELEASE);
    expect(release.files.some((file) => file.url === 'https://files.example/meta.whl')).toBe(true);
    // What the release says still comes from every file: one is not yanked, most say >=3.9.
    expect(release).toMatchObject({ yanked: false, requiresPython: '>=3.9' });
  });
});

describe('PEP 503 pages, malformed or huge', () => {
  // Each of these pages is about 4 MB of one malformed construct. Before the one-pass scanner the
  // regular expressions took quadratic time on them (a 480 KB page of `<meta ` took 41 s, so these
  // would take well over an hour, far beyond the test timeout); now each takes milliseconds.
  it.each([
    ['unterminated <a', '<a '],
    ['unterminated <meta', '<meta '],
    ['anchors never closed', '<a href="demo-1.0.tar.gz">x '],
  ])('%s', (_name, unit) => {
    const page = `<!DOCTYPE html><html><body>${unit.repeat(Math.floor((4 * 1024 * 1024) / unit.length))}`;
    const { value, error } = parseSimpleHtml(page, 'https://index.example/simple/demo/', 'demo');
    expect(error).toBeNull();
    expect(value!.releases.length).toBeLessThanOrEqual(1);
  });

  it('refuses a page over the size limit with a clear error', () => {
    const page = `<!DOCTYPE html><html><body>${' '.repeat(MAX_HTML_PAGE_CHARS)}</body></html>`;
    const { value, error } = parseSimpleHtml(page, 'https://index.example/simple/demo/', 'demo');
    expect(value).toBeNull();
    expect(error).toBe('the HTML project page is larger than 10 MB, the most Pipsight reads');
  });

  it('reads tags as a browser would: quoted ">", implicit anchor ends, comments, a late <base>', () => {
    const page = [
      '<!DOCTYPE html><html><body>',
      '<!-- <a href="demo-0.1.tar.gz">old</a> -->',
      '<a href="demo-1.0.tar.gz" data-requires-python=">=3.8">demo-1.0.tar.gz',
      '<A HREF="demo-2.0.tar.gz" data-yanked="bad > worse" data-yanked="ignored">demo-2.0.tar.gz</A >',
      '<script>var x = "<a href=\'demo-9.0.tar.gz\'>";</script>',
      '<base href="https://mirror.example/files/">',
      '<a href="demo-3.0.tar.gz" data-requires-python="&gt;=3.9',
    ].join('\n');
    const { value } = parseSimpleHtml(page, 'https://index.example/simple/demo/', 'demo');
    expect(value!.versions).toEqual(['1.0', '2.0']);
    expect(value!.releases[0]).toMatchObject({ requiresPython: '>=3.8', yanked: false });
    expect(value!.releases[0].files[0].url).toBe('https://mirror.example/files/demo-1.0.tar.gz');
    expect(value!.releases[1]).toMatchObject({ yanked: true, yankedReason: 'bad > worse' });
  });

  it('still takes an anchor text as filename when the link has none', () => {
    const page = '<html><body><a href="https://files.example/get/?id=1"><b>demo-1.5</b>.tar.gz</a></body></html>';
    expect(parseSimpleHtml(page, 'https://index.example/simple/demo/', 'demo').value!.versions).toEqual(['1.5']);
  });
});
