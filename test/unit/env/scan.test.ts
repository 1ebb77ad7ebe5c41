import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanSitePackages, scanSitePackagesSync } from '../../../server/src/env';
import { requiresDistFromRequiresTxt } from '../../../server/src/env/egg-info';
import { temporaryFolder, writeDistribution } from './fake-environment';

let folder: { path: string; remove: () => void };
let sitePackages: string;
beforeEach(() => {
  folder = temporaryFolder('scan');
  sitePackages = join(folder.path, 'site-packages');
  mkdirSync(sitePackages);
});
afterEach(() => folder.remove());

/** Both scanners, which must agree. */
async function scanBoth(directories: string[]) {
  const sync = scanSitePackagesSync(directories);
  const parallel = await scanSitePackages(directories, { concurrency: 3 });
  expect(parallel).toEqual(sync);
  return sync;
}

describe('scanning site-packages', () => {
  it('reads name, version and Requires-Dist from METADATA headers only', async () => {
    const path = writeDistribution(sitePackages, { name: 'Accelerate', version: '0.33.0', requires: ['numpy<2.0.0,>=1.17', 'torch>=1.10.0', 'pytest; extra == "test"'] });
    expect(await scanBoth([sitePackages])).toEqual([
      { name: 'Accelerate', normalizedName: 'accelerate', version: '0.33.0', requiresDist: ['numpy<2.0.0,>=1.17', 'torch>=1.10.0', 'pytest; extra == "test"'], path: join(sitePackages, 'Accelerate-0.33.0.dist-info'), metadataPath: join(path, 'METADATA') },
    ]);
  });

  it('reads direct_url.json for URL and editable installs', async () => {
    writeDistribution(sitePackages, { name: 'mylib', version: '0.1.0', directUrl: { url: 'file:///work/mylib', dir_info: { editable: true } } });
    writeDistribution(sitePackages, { name: 'fromgit', version: '1.0', directUrl: { url: 'https://github.com/o/r.git', vcs_info: { vcs: 'git', commit_id: 'abc' } } });
    writeDistribution(sitePackages, { name: 'badurl', version: '1.0', directUrl: 'not an object' });
    const byName = new Map((await scanBoth([sitePackages])).map((distribution) => [distribution.name, distribution.directUrl]));
    expect(byName.get('mylib')).toEqual({ url: 'file:///work/mylib', editable: true });
    expect(byName.get('fromgit')).toEqual({ url: 'https://github.com/o/r.git', editable: false });
    expect(byName.get('badurl')).toBeUndefined();
  });

  it('reads egg-info folders (PKG-INFO + requires.txt) and egg-info files', async () => {
    const eggFolder = join(sitePackages, 'legacy-2.0-py3.11.egg-info');
    mkdirSync(eggFolder);
    writeFileSync(join(eggFolder, 'PKG-INFO'), 'Metadata-Version: 1.1\nName: legacy\nVersion: 2.0\n\nlong text\n');
    writeFileSync(join(eggFolder, 'requires.txt'), 'six>=1.0\n\n[:python_version < "3.8"]\nimportlib-metadata\n\n[Fast]\nujson\n\n[socks:sys_platform == "win32"]\nwin-inet-pton\n');
    writeFileSync(join(sitePackages, 'distutils_thing-1.0-py3.11.egg-info'), 'Metadata-Version: 1.0\r\nName: distutils-thing\r\nVersion: 1.0\r\n\r\n');
    const found = await scanBoth([sitePackages]);
    expect(found.map((distribution) => [distribution.name, distribution.version, distribution.requiresDist])).toEqual([
      ['distutils-thing', '1.0', []],
      ['legacy', '2.0', ['six>=1.0', 'importlib-metadata; python_version < "3.8"', 'ujson; extra == "fast"', 'win-inet-pton; (sys_platform == "win32") and extra == "socks"']],
    ]);
  });

  it('converts requires.txt like pip, comments and blank lines skipped', () => {
    expect(requiresDistFromRequiresTxt('# comment\nrequests\n[security]\npyOpenSSL>=0.14\n')).toEqual(['requests', 'pyOpenSSL>=0.14; extra == "security"']);
  });

  it('skips garbage without throwing', async () => {
    writeDistribution(sitePackages, { name: 'good', version: '1.0' });
    mkdirSync(join(sitePackages, 'nometadata-1.0.dist-info'));
    mkdirSync(join(sitePackages, 'dirmetadata-1.0.dist-info', 'METADATA'), { recursive: true });
    mkdirSync(join(sitePackages, 'binary-1.0.dist-info'));
    writeFileSync(join(sitePackages, 'binary-1.0.dist-info', 'METADATA'), Buffer.from([0, 255, 254, 10, 10, 1, 2, 3]));
    mkdirSync(join(sitePackages, 'noname-1.0.dist-info'));
    writeFileSync(join(sitePackages, 'noname-1.0.dist-info', 'METADATA'), 'Metadata-Version: 2.1\nVersion: 1.0\n');
    mkdirSync(join(sitePackages, 'noversion-1.0.dist-info'));
    writeFileSync(join(sitePackages, 'noversion-1.0.dist-info', 'METADATA'), 'Name: noversion\n');
    writeFileSync(join(sitePackages, 'file-1.0.dist-info'), 'Name: file\nVersion: 1.0\n');
    writeFileSync(join(sitePackages, 'README.txt'), 'hello');
    expect((await scanBoth([sitePackages])).map((distribution) => distribution.name)).toEqual(['good']);
    expect(scanSitePackagesSync([join(folder.path, 'does-not-exist')])).toEqual([]);
    expect(await scanSitePackages([join(sitePackages, 'README.txt')])).toEqual([]);
  });

  it('reads a header longer than one read chunk, and one without a trailing blank line', async () => {
    const requires = Array.from({ length: 1500 }, (_, index) => `dependency-number-${index}>=1.0`);
    writeDistribution(sitePackages, { name: 'huge', version: '1.0', requires });
    mkdirSync(join(sitePackages, 'short-1.0.dist-info'));
    writeFileSync(join(sitePackages, 'short-1.0.dist-info', 'METADATA'), 'Name: short\r\nVersion: 1.0\r\nRequires-Dist: a\r\n');
    const found = await scanBoth([sitePackages]);
    expect(found.find((distribution) => distribution.name === 'huge')?.requiresDist).toEqual(requires);
    expect(found.find((distribution) => distribution.name === 'short')?.requiresDist).toEqual(['a']);
  });

  it('keeps the first distribution of a name, in folder order, as pip does', async () => {
    const second = join(folder.path, 'base-site-packages');
    mkdirSync(second);
    writeDistribution(sitePackages, { name: 'Typing_Extensions', version: '4.12.2' });
    writeDistribution(second, { name: 'typing-extensions', version: '4.5.0' });
    writeDistribution(second, { name: 'only-in-base', version: '1.0' });
    expect((await scanBoth([sitePackages, second])).map((distribution) => `${distribution.normalizedName} ${distribution.version}`)).toEqual(['typing-extensions 4.12.2', 'only-in-base 1.0']);
  });
});
