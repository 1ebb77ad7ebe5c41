import { describe, expect, it } from 'vitest';
import { readIndexEnvironment } from '../../../server/src/env/index-config';

function reader(files: Record<string, string>) {
  return (path: string) => files[path] ?? null;
}

describe('reading tool configuration', () => {
  it('merges pip.conf files in pip order, [install] over [global]', () => {
    const reading = readIndexEnvironment({
      environment: { VIRTUAL_ENV: '/venv' },
      home: '/home/me',
      platform: 'linux',
      readText: reader({
        '/etc/pip.conf': '[global]\nindex-url = https://global.example/simple\nextra-index-url =\n    https://a.example/simple\n    https://b.example/simple\n',
        '/home/me/.config/pip/pip.conf': '[global]\nindex_url = https://user.example/simple\n',
        '/venv/pip.conf': '[install]\nextra-index-url = https://site.example/simple\n',
      }),
    });
    expect(reading.environment.pip).toEqual({ indexUrl: 'https://user.example/simple', extraIndexUrls: ['https://site.example/simple'] });
    expect(reading.files).toEqual(['/etc/pip.conf', '/home/me/.config/pip/pip.conf', '/venv/pip.conf']);
  });

  it('reads uv.toml (project first) and netrc', () => {
    const reading = readIndexEnvironment({
      environment: { XDG_CONFIG_HOME: '/cfg' },
      home: '/home/me',
      platform: 'linux',
      projectDirectory: '/project',
      readText: reader({
        '/project/uv.toml': '[[index]]\nname = "corp"\nurl = "https://corp.example/simple"\nexplicit = true\n',
        '/cfg/uv/uv.toml': 'index-url = "https://user.example/simple"\nindex-strategy = "unsafe-best-match"\n[[index]]\nurl = "https://user-extra.example/simple"\n',
        '/home/me/.netrc': 'machine corp.example login me password pw\n',
      }),
    });
    expect(reading.environment.uv.indexes).toEqual([
      { name: 'corp', url: 'https://corp.example/simple', default: false, explicit: true },
      { name: null, url: 'https://user-extra.example/simple', default: false, explicit: false },
    ]);
    expect(reading.environment.uv.indexUrl).toBe('https://user.example/simple');
    expect(reading.environment.uv.indexStrategy).toBe('unsafe-best-match');
    expect(reading.netrc).toEqual([{ machine: 'corp.example', login: 'me', password: 'pw' }]);
  });

  it('PIP_CONFIG_FILE=/dev/null and UV_NO_CONFIG turn files off; broken TOML is a problem', () => {
    const reading = readIndexEnvironment({
      environment: { PIP_CONFIG_FILE: '/dev/null', UV_CONFIG_FILE: '/broken.toml' },
      home: '/h',
      platform: 'linux',
      readText: reader({ '/etc/pip.conf': '[global]\nindex-url = https://x/\n', '/broken.toml': 'index = [' }),
    });
    expect(reading.environment.pip.indexUrl).toBeNull();
    expect(reading.problems).toHaveLength(1);
  });
});
