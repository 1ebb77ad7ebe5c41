import { describe, expect, it } from 'vitest';
import { netrcCredentialsFor, parseCoreMetadata, parseNetrc, parsePypiJson, redactUrl, splitUserinfo, projectPageUrl, normalizeIndexUrl } from '../../../server/src/core/indexes';
import { loadFixtureProjects, metadataText, pypiJson } from '../../index-server/fixture-data';

describe('core metadata', () => {
  it('reads requirements, extras, URLs and continuation lines', () => {
    const text = [
      'Metadata-Version: 2.1',
      'Name: accelerate',
      'Version: 0.33.0',
      'Summary: Accelerate',
      'Home-page: https://github.com/huggingface/accelerate',
      'License: Apache',
      '        License text continues',
      'Requires-Python: >=3.8.0',
      'Provides-Extra: deepspeed',
      'Requires-Dist: numpy<2.0.0,>=1.17',
      'requires-dist: deepspeed; extra == "deepspeed"',
      'Project-URL: Source, https://github.com/huggingface/accelerate',
      '',
      'Requires-Dist: not-a-header (this is the description)',
    ].join('\r\n');
    const metadata = parseCoreMetadata(text);
    expect(metadata).toMatchObject({ name: 'accelerate', version: '0.33.0', summary: 'Accelerate', requiresPython: '>=3.8.0', providesExtra: ['deepspeed'] });
    expect(metadata.requiresDist).toEqual(['numpy<2.0.0,>=1.17', 'deepspeed; extra == "deepspeed"']);
    expect(metadata.license).toBe('Apache\nLicense text continues');
    // Home-page repeats a Project-URL here, so it is not listed twice.
    expect(metadata.projectUrls).toEqual([{ label: 'Source', url: 'https://github.com/huggingface/accelerate' }]);
    expect(metadata.homePage).toBe('https://github.com/huggingface/accelerate');
  });

  it('reads the index server rendering', () => {
    const project = loadFixtureProjects().find((candidate) => candidate.name === 'requests')!;
    const metadata = parseCoreMetadata(metadataText(project, project.releases[3]));
    expect(metadata.providesExtra).toEqual(['socks', 'use-chardet-on-py3']);
    expect(metadata.requiresDist).toContain('urllib3<3,>=1.21.1');
  });
});

describe('PyPI JSON API', () => {
  it('reads summary, links and release dates', () => {
    const project = loadFixtureProjects().find((candidate) => candidate.name === 'Django')!;
    const { value } = parsePypiJson(pypiJson(project, 'https://f/'));
    expect(value).toMatchObject({ name: 'Django', latestVersion: '5.1.3', summary: expect.stringContaining('web framework') });
    expect(value!.releaseDates['4.2.16']).toBe('2024-09-03T12:57:30Z');
    expect(parsePypiJson('{').value).toBeNull();
  });
});

describe('URLs and credentials', () => {
  it('redacts passwords and lone tokens', () => {
    expect(redactUrl('https://alice:s3cret@host.example/simple/')).toBe('https://alice:****@host.example/simple/');
    expect(redactUrl('https://ghp_token@host.example/simple/')).toBe('https://****@host.example/simple/');
    expect(redactUrl('https://host.example/simple/')).toBe('https://host.example/simple/');
    expect(redactUrl('not a url //user:pw@host')).toBe('not a url //user:****@host');
  });
  it('splits userinfo and builds project URLs', () => {
    expect(splitUserinfo('https://a%40b:p%3Aw@h.example/simple')).toEqual({ url: 'https://h.example/simple', credentials: { username: 'a@b', password: 'p:w' } });
    expect(normalizeIndexUrl('https://u:p@h.example/simple')).toBe('https://h.example/simple/');
    expect(normalizeIndexUrl('file:///tmp/wheels')).toBeNull();
    expect(projectPageUrl('https://h.example/simple/', 'Zope.Interface')).toBe('https://h.example/simple/zope-interface/');
  });
  it('parses netrc', () => {
    const entries = parseNetrc('# comment\nmachine pypi.example.com login alice password "s3 cret"\nmacdef init\ncd /\n\ndefault login anon password none\n');
    expect(netrcCredentialsFor(entries, 'PYPI.example.com')).toEqual({ machine: 'pypi.example.com', login: 'alice', password: 's3 cret' });
    expect(netrcCredentialsFor(entries, 'other.example')).toMatchObject({ machine: null, login: 'anon' });
  });
});
