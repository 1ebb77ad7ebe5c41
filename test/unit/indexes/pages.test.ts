import { describe, expect, it } from 'vitest';
import {
  findRelease, latestPrerelease, latestStableRelease, newestSatisfying, newestSupportingPython, parseDistributionFilename, parseSimpleHtml, parseSimpleJson,
} from '../../../server/src/core/indexes';
import { loadFixtureProjects, simpleHtml, simpleJson } from '../../index-server/fixture-data';

const projects = loadFixtureProjects();
const fixture = (name: string, index = 'pypi') => projects.find((project) => project.name.toLowerCase() === name && project.index === index)!;

describe('distribution filenames', () => {
  it.each([
    ['torch-2.5.1+cu124-cp311-cp311-linux_x86_64.whl', 'torch', 'wheel', '2.5.1+cu124'],
    ['scikit_learn-1.6.0-cp313-cp313-manylinux_2_17_x86_64.whl', 'scikit-learn', 'wheel', '1.6.0'],
    ['Django-5.1.3.tar.gz', 'django', 'sdist', '5.1.3'],
    ['django-debug-toolbar-4.4.6.tar.gz', 'django-debug-toolbar', 'sdist', '4.4.6'],
    ['zope.interface-6.0.zip', 'zope-interface', 'sdist', '6.0'],
    ['six-1.0b1.tar.gz', 'six', 'sdist', '1.0b1'],
    ['pkg-1.0-1-py3-none-any.whl', 'pkg', 'wheel', '1.0'],
    ['setuptools-0.6c11-py2.7.egg', 'setuptools', 'egg', '0.6c11'],
    ['poetry-21.07.28.5ffb65e2ff8067c732e2b178d03b707c7fb27855-py3-none-any.whl', 'poetry', 'wheel', null],
    ['other-1.0.tar.gz', 'poetry', 'sdist', null],
    ['pywin32-305.win32-py3.9.exe', 'pywin32', 'other', null],
  ])('%s', (filename, project, kind, version) => {
    expect(parseDistributionFilename(filename, project)).toEqual({ kind, version });
  });
});

describe('PEP 691 JSON pages', () => {
  it('reads versions, yanked reasons, requires-python, upload times and metadata hashes', () => {
    const { value, error } = parseSimpleJson(simpleJson(fixture('requests'), 'https://files.example/'), 'https://index.example/simple/requests/', 'requests');
    expect(error).toBeNull();
    expect(value!.versions).toEqual(['2.31.0', '2.32.0', '2.32.1', '2.32.3']);
    const yanked = findRelease(value!, '2.32.0')!;
    expect(yanked.yanked).toBe(true);
    expect(yanked.yankedReason).toBe('Yanked due to conflicts with CVE-2024-35195 mitigation');
    expect(findRelease(value!, '2.31.0')).toMatchObject({ yanked: false, requiresPython: '>=3.7', uploadTime: '2023-05-22T15:12:42Z' });
    expect(value!.releases[0].files[0].coreMetadata).toMatchObject({ hashes: { sha256: expect.any(String) } });
    expect(value!.apiVersion).toBe('1.1');
  });

  it('resolves relative file URLs against the page URL and keeps PEP 700 versions without files', () => {
    const text = JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'demo', versions: ['0.9', '1.0'], files: [{ filename: 'demo-1.0.tar.gz', url: '../../files/demo-1.0.tar.gz', hashes: {}, yanked: true }] });
    const { value } = parseSimpleJson(text, 'https://host.example/root/simple/demo/', 'demo');
    expect(value!.releases[1].files[0].url).toBe('https://host.example/root/files/demo-1.0.tar.gz');
    expect(value!.versions).toEqual(['0.9', '1.0']);
    expect(value!.releases[0].files).toEqual([]);
    expect(value!.releases[1]).toMatchObject({ yanked: true, yankedReason: null });
  });

  it('rejects text that is not a page and unknown major api versions', () => {
    expect(parseSimpleJson('{"files": [', 'https://x/', 'x').value).toBeNull();
    expect(parseSimpleJson('{"name": "x"}', 'https://x/', 'x').error).toMatch(/files/);
    expect(parseSimpleJson('{"meta": {"api-version": "2.0"}, "files": []}', 'https://x/', 'x').error).toMatch(/api-version/);
  });
});

describe('PEP 503 HTML pages', () => {
  it('reads the same data as the JSON page from the HTML rendering', () => {
    const { value } = parseSimpleHtml(simpleHtml(fixture('requests'), '../../files/pypi/'), 'http://127.0.0.1:1/simple/requests/', 'requests');
    expect(value!.versions).toEqual(['2.31.0', '2.32.0', '2.32.1', '2.32.3']);
    expect(findRelease(value!, '2.32.0')!.yankedReason).toBe('Yanked due to conflicts with CVE-2024-35195 mitigation');
    expect(value!.releases[0].files[0].url).toBe('http://127.0.0.1:1/files/pypi/requests-2.31.0-py3-none-any.whl');
    expect(value!.releases[0].files[0].hashes.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(value!.releases[0].requiresPython).toBe('>=3.7');
  });

  it('reads percent-encoded local versions of the PyTorch index', () => {
    const { value } = parseSimpleHtml(simpleHtml(fixture('torch', 'pytorch-cu124'), '../../../files/pytorch-cu124/'), 'http://127.0.0.1:1/whl/cu124/torch/', 'torch');
    expect(value!.versions).toEqual(['2.4.1+cu124', '2.5.0+cu124', '2.5.1+cu124', '2.6.0+cu124']);
    expect(value!.releases[2].files.map((file) => file.filename)).toContain('torch-2.5.1+cu124-cp311-cp311-linux_x86_64.whl');
  });

  it('handles multi-line anchors, single quotes, bare data-yanked, <base href> and entities', () => {
    const html = `<!DOCTYPE html><html><head><base href="https://mirror.example/pkgs/"></head><body>
      <a href='demo-1.0.tar.gz#md5=00' data-requires-python='&gt;=2.7,&lt;3'
         rel="internal">
         demo-1.0.tar.gz
      </a>
      <a href="demo-1.1-py3-none-any.whl" data-yanked>demo-1.1-py3-none-any.whl</a>
      <a href="demo-1.1.tar.gz" data-yanked="broken &amp; bad">demo-1.1.tar.gz</a>
      <a href="demo-1.2-py3-none-any.whl" data-yanked="" data-core-metadata="true">x</a>
      <a href="demo-1.2.tar.gz">demo-1.2.tar.gz</a>
    </body></html>`;
    const { value } = parseSimpleHtml(html, 'https://index.example/simple/demo/', 'demo');
    expect(value!.releases[0]).toMatchObject({ version: '1.0', requiresPython: '>=2.7,<3', yanked: false });
    expect(value!.releases[0].files[0]).toMatchObject({ url: 'https://mirror.example/pkgs/demo-1.0.tar.gz', hashes: { md5: '00' } });
    expect(value!.releases[1]).toMatchObject({ version: '1.1', yanked: true, yankedReason: 'broken & bad' });
    // Only one of two files yanked: the release is not yanked (PEP 592).
    expect(value!.releases[2]).toMatchObject({ version: '1.2', yanked: false });
    expect(value!.releases[2].files[0].coreMetadata).toEqual({ hashes: {} });
  });

  it('gives an error for a body without HTML', () => {
    expect(parseSimpleHtml('\u0000 garbage {[', 'https://x/', 'x').value).toBeNull();
  });
});

describe('release questions', () => {
  const numpy = parseSimpleJson(simpleJson(fixture('numpy'), 'https://f/'), 'https://i/simple/numpy/', 'numpy').value!;
  const requests = parseSimpleJson(simpleJson(fixture('requests'), 'https://f/'), 'https://i/simple/requests/', 'requests').value!;
  const django = parseSimpleJson(simpleJson(fixture('django'), 'https://f/'), 'https://i/simple/django/', 'django').value!;
  it('latest stable, pre-release, specifier and Python range', () => {
    expect(latestStableRelease(numpy)!.version).toBe('2.3.4');
    // numpy 2.2.0rc1 is older than the newest release: no pre-release to offer; django 5.2a1 is newer
    expect(latestPrerelease(numpy)).toBeNull();
    expect(latestPrerelease(django)!.version).toBe('5.2a1');
    expect(newestSatisfying(numpy, '<2.0.0,>=1.17')!.version).toBe('1.26.4');
    expect(newestSupportingPython(numpy, '>=3.9,<3.10')!.version).toBe('2.0.2');
    expect(newestSatisfying(requests, '<2.32.1')!.version).toBe('2.31.0');
  });
});
