/**
 * `pipsight tree --source env`: editable and URL installs say where they came from (text and the
 * JSON `source` field), and a package only a requested extra needs is env-missing, not the
 * installed-conflict pip check would never report.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCapture } from './run-cli-helper';

describe('pipsight tree --source env: install sources and extras', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'pipsight-tree-sources-'));
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));
  const sitePackages = join(workspace, '.venv', 'lib', 'python3.12', 'site-packages');
  mkdirSync(join(workspace, '.venv', 'bin'), { recursive: true });
  writeFileSync(join(workspace, '.venv', 'pyvenv.cfg'), 'home = /usr/bin\nversion_info = 3.12.4\n');
  const distribution = (name: string, version: string, requires: string[], directUrl?: object) => {
    const folder = join(sitePackages, `${name}-${version}.dist-info`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'METADATA'), ['Metadata-Version: 2.1', `Name: ${name}`, `Version: ${version}`, ...requires.map((line) => `Requires-Dist: ${line}`), ''].join('\n'));
    if (directUrl) writeFileSync(join(folder, 'direct_url.json'), JSON.stringify(directUrl));
  };
  distribution('core-lib', '0.1.0', ['requests[socks]>=2'], { url: pathToFileURL(join(workspace, 'libs', 'core')).href, dir_info: { editable: true } });
  distribution('requests', '2.32.3', ['PySocks!=1.5.7,>=1.5.6; extra == "socks"'], { url: 'https://github.com/psf/requests.git', vcs_info: { vcs: 'git', commit_id: '0e322af87745eff34caffe4df68456ebc20d9068' } });
  writeFileSync(join(workspace, 'pyproject.toml'), '[project]\nname = "app"\nversion = "1"\ndependencies = ["core-lib"]\n');

  it('prints the source after the version and the extra-only package as env-missing', async () => {
    const result = await runCapture(['tree', '.', '--source', 'env'], { cwd: workspace });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe([
      'core-lib==0.1.0 (editable ./libs/core)',
      '└── requests[socks]==2.32.3 (from https://github.com/psf/requests.git) [required: >=2]',
      '    └── PySocks (missing) [required: !=1.5.7,>=1.5.6] ; extra == "socks" ✗ env-missing: requested extra socks of requests needs PySocks!=1.5.7,>=1.5.6, not installed',
      '',
    ].join('\n'));
  });

  it('writes the source in the JSON', async () => {
    const result = await runCapture(['tree', '.', '--source', 'env', '--format', 'json'], { cwd: workspace });
    const root = JSON.parse(result.stdout).roots[0];
    expect(root.source).toEqual({ url: pathToFileURL(join(workspace, 'libs', 'core')).href, editable: true, label: 'editable ./libs/core' });
    expect(root.children[0].source).toEqual({ url: 'https://github.com/psf/requests.git', editable: false, label: 'from https://github.com/psf/requests.git' });
    expect(root.children[0].children[0].problems).toEqual([{ code: 'env-missing', message: 'requested extra socks of requests needs PySocks!=1.5.7,>=1.5.6, not installed' }]);
  });
});
