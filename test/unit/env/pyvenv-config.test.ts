import { describe, expect, it } from 'vitest';
import { parsePyvenvConfig, pythonVersionFromConfigValue } from '../../../server/src/env/pyvenv-config';

describe('pyvenv.cfg', () => {
  it.each([
    ['3.11.7', '3.11.7'],
    ['3.11.7.final.0', '3.11.7'],
    ['3.13.0.candidate.1', '3.13.0rc1'],
    ['3.14.0.alpha.3', '3.14.0a3'],
    ['3.12.0rc2', '3.12.0rc2'],
    ['3.12', '3.12.0'],
    ['garbage', null],
    ['', null],
  ])('reads the version %j as %j', (text, expected) => {
    expect(pythonVersionFromConfigValue(text)).toBe(expected);
  });

  it('reads venv, virtualenv and uv files', () => {
    expect(parsePyvenvConfig('home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\nexecutable = /usr/bin/python3.11\n')).toEqual({
      pythonFullVersion: '3.11.7', home: '/usr/bin', includeSystemSitePackages: false, implementation: null,
    });
    expect(parsePyvenvConfig('home = C:\\Python312\r\nimplementation = CPython\r\nversion_info = 3.12.4.final.0\r\nvirtualenv = 20.26.3\r\ninclude-system-site-packages = true\r\n')).toEqual({
      pythonFullVersion: '3.12.4', home: 'C:\\Python312', includeSystemSitePackages: true, implementation: 'CPython',
    });
    // uv writes version_info; an unreadable one falls back to version.
    expect(parsePyvenvConfig('version_info = weird\nversion = 3.10.2\n').pythonFullVersion).toBe('3.10.2');
  });

  it('survives garbage', () => {
    expect(parsePyvenvConfig('\u0000\u0001 = = =\n[section]\n=novalue\n')).toEqual({ pythonFullVersion: null, home: null, includeSystemSitePackages: false, implementation: null });
  });
});
