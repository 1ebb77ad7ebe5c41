import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverEnvironment, locateEnvironment } from '../../../server/src/env';
import { temporaryFolder, writeVenv } from './fake-environment';

let folder: { path: string; remove: () => void };
beforeEach(() => {
  folder = temporaryFolder('discover');
});
afterEach(() => folder.remove());

describe('locateEnvironment', () => {
  it('finds a POSIX venv from its folder or its interpreter', () => {
    const venv = writeVenv(join(folder.path, '.venv'), [], { version: '3.12.3' });
    const fromFolder = locateEnvironment(venv.prefix, 'setting');
    expect(fromFolder).toEqual({
      prefix: venv.prefix,
      pythonPath: join(venv.prefix, 'bin', 'python3'),
      origin: 'setting',
      pythonFullVersion: '3.12.3',
      implementation: null,
      sitePackages: [venv.sitePackages],
    });
    expect(locateEnvironment(join(venv.prefix, 'bin', 'python3'), 'python-extension')).toMatchObject({ prefix: venv.prefix, pythonPath: join(venv.prefix, 'bin', 'python3'), sitePackages: [venv.sitePackages] });
  });

  it('finds a Windows venv (Scripts/python.exe, Lib/site-packages)', () => {
    const venv = writeVenv(join(folder.path, 'winenv'), [], { layout: 'windows', version: '3.11.9' });
    expect(locateEnvironment(join(venv.prefix, 'Scripts', 'python.exe'), 'setting')).toMatchObject({ prefix: venv.prefix, pythonFullVersion: '3.11.9', sitePackages: [venv.sitePackages] });
  });

  it('prefers the lib/python3.X folder of the pyvenv.cfg version', () => {
    const venv = writeVenv(join(folder.path, 'env'), [], { version: '3.11.7' });
    mkdirSync(join(venv.prefix, 'lib', 'python3.13', 'site-packages'), { recursive: true });
    expect(locateEnvironment(venv.prefix, 'setting')?.sitePackages).toEqual([venv.sitePackages]);
  });

  it('reads a conda environment (no pyvenv.cfg) with its version from conda-meta', () => {
    const prefix = join(folder.path, 'conda-env');
    mkdirSync(join(prefix, 'conda-meta'), { recursive: true });
    writeFileSync(join(prefix, 'conda-meta', 'python-3.10.14-hd12c33a_0_cpython.json'), '{}');
    writeFileSync(join(prefix, 'conda-meta', 'python_abi-3.10-4_cp310.json'), '{}');
    mkdirSync(join(prefix, 'lib', 'python3.10', 'site-packages'), { recursive: true });
    mkdirSync(join(prefix, 'bin'));
    writeFileSync(join(prefix, 'bin', 'python'), '');
    expect(locateEnvironment(join(prefix, 'bin', 'python'), 'setting')).toMatchObject({ prefix, pythonFullVersion: '3.10.14', sitePackages: [join(prefix, 'lib', 'python3.10', 'site-packages')] });
  });

  it('reads the version of a base installation from patchlevel.h, else the lib folder', () => {
    const prefix = join(folder.path, 'base');
    mkdirSync(join(prefix, 'lib', 'python3.9', 'site-packages'), { recursive: true });
    expect(locateEnvironment(prefix, 'setting')?.pythonFullVersion).toBe('3.9.0');
    mkdirSync(join(prefix, 'include', 'python3.9'), { recursive: true });
    writeFileSync(join(prefix, 'include', 'python3.9', 'patchlevel.h'), '#define PY_VERSION              "3.9.18"\n');
    expect(locateEnvironment(prefix, 'setting')?.pythonFullVersion).toBe('3.9.18');
  });

  it('adds the base site-packages after its own when include-system-site-packages is true', () => {
    const base = join(folder.path, 'python-base');
    const baseSitePackages = join(base, 'lib', 'python3.11', 'site-packages');
    mkdirSync(baseSitePackages, { recursive: true });
    const venv = writeVenv(join(folder.path, 'venv'), [], { config: `home = ${join(base, 'bin')}\ninclude-system-site-packages = true\nversion = 3.11.7\n` });
    expect(locateEnvironment(venv.prefix, 'setting')?.sitePackages).toEqual([venv.sitePackages, baseSitePackages]);
  });

  it('gives null where there is no site-packages', () => {
    expect(locateEnvironment(join(folder.path, 'nothing-here'), 'setting')).toBeNull();
    expect(locateEnvironment(join(folder.path, 'bin', 'python3'), 'setting')).toBeNull();
  });
});

describe('discoverEnvironment', () => {
  it('takes .venv, then venv, in the workspace root, before VIRTUAL_ENV', () => {
    const activated = writeVenv(join(folder.path, 'elsewhere'), []);
    const workspace = join(folder.path, 'project');
    mkdirSync(workspace);
    const environmentVariables = { VIRTUAL_ENV: activated.prefix };
    expect(discoverEnvironment({ workspaceRoot: workspace, environmentVariables })).toMatchObject({ prefix: activated.prefix, origin: 'VIRTUAL_ENV' });
    const plain = writeVenv(join(workspace, 'venv'), []);
    expect(discoverEnvironment({ workspaceRoot: workspace, environmentVariables })).toMatchObject({ prefix: plain.prefix, origin: 'venv' });
    const dotted = writeVenv(join(workspace, '.venv'), []);
    expect(discoverEnvironment({ workspaceRoot: workspace, environmentVariables })).toMatchObject({ prefix: dotted.prefix, origin: 'venv' });
  });

  it('lets an explicit path win, and the selected interpreter win over the workspace', () => {
    const workspace = join(folder.path, 'project');
    writeVenv(join(workspace, '.venv'), []);
    const selected = writeVenv(join(folder.path, 'selected'), []);
    const explicit = writeVenv(join(folder.path, 'explicit'), []);
    expect(discoverEnvironment({ workspaceRoot: workspace, selectedInterpreter: join(selected.prefix, 'bin', 'python3'), environmentVariables: {} })).toMatchObject({ prefix: selected.prefix, origin: 'python-extension' });
    expect(discoverEnvironment({ workspaceRoot: workspace, pythonPath: explicit.prefix, selectedInterpreter: selected.prefix, environmentVariables: {} })).toMatchObject({ prefix: explicit.prefix, origin: 'setting' });
    expect(discoverEnvironment({ workspaceRoot: workspace, pythonPath: explicit.prefix, explicitOrigin: 'cli' })?.origin).toBe('cli');
    // An explicit path that is no environment does not fall back to another one.
    expect(discoverEnvironment({ workspaceRoot: workspace, pythonPath: join(folder.path, 'missing'), environmentVariables: {} })).toBeNull();
  });

  it('finds nothing in an empty workspace without VIRTUAL_ENV', () => {
    expect(discoverEnvironment({ workspaceRoot: folder.path, environmentVariables: {} })).toBeNull();
  });
});
