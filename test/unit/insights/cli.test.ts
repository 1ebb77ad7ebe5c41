import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCapture } from '../cli/run-cli-helper';
import { createHarness, type Harness } from '../registry/helpers';

const FIXTURES = resolve(__dirname, '../../fixtures/insights');

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(async () => harness.close());

/** Runs the CLI against the local index server with a private HOME and cache folder. */
function run(argv: string[], options: { cache?: string; stderrIsTTY?: boolean } = {}) {
  const home = harness.temporaryDirectory();
  return runCapture([...argv, '--index-url', harness.server.indexes.pypi, '--cache-dir', options.cache ?? join(home, 'cache')], {
    cwd: FIXTURES,
    env: { HOME: home },
    indexChecks: true,
    stderrIsTTY: options.stderrIsTTY,
  });
}

interface CheckJson {
  files: { path: string; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number } }; package: string | null }[] }[];
}

interface OutdatedJson {
  schema: number;
  files: { path: string; packages: Record<string, string | null>[] }[];
}

describe('pipsight check with index checks', () => {
  it('reports the index findings in JSON, exit 1 for the no-matching-version error', async () => {
    const result = await run(['check', 'app/pyproject.toml', '--format', 'json']);
    const output = JSON.parse(result.stdout) as CheckJson;
    const found = output.files[0].diagnostics.map((diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.code} ${diagnostic.package}`);
    expect(found).toEqual(expect.arrayContaining(['6 yanked-version requests', '7 unknown-package pytorch', '8 requires-python-mismatch numpy', '9 outdated flask', '10 no-matching-version pandas']));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
  });

  it('prints compiler-style text lines', async () => {
    const result = await run(['check', 'app/pyproject.toml']);
    expect(result.stdout).toContain('app/pyproject.toml:6:14: warning[yanked-version] requests 2.32.0 was yanked');
    expect(result.stdout).toContain('app/pyproject.toml:7:6: warning[unknown-package] pytorch is not on');
    expect(result.code).toBe(1);
  });

  it('--no-index-checks sends no request', async () => {
    harness.server.clearRequests();
    const result = await run(['check', 'app/pyproject.toml', '--format', 'json', '--no-index-checks']);
    const codes = (JSON.parse(result.stdout) as CheckJson).files[0].diagnostics.map((diagnostic) => diagnostic.code);
    expect(codes).not.toContain('yanked-version');
    expect(harness.server.countRequests()).toBe(0);
  });

  it('--offline: a warm cache gives the same findings without requests; a cold cache gives none and says so', async () => {
    const cache = join(harness.temporaryDirectory(), 'cache');
    const online = await run(['check', 'app/pyproject.toml', '--format', 'json'], { cache });
    harness.server.clearRequests();
    const warm = await run(['check', 'app/pyproject.toml', '--format', 'json', '--offline'], { cache });
    expect(harness.server.countRequests()).toBe(0);
    // Identical, except that "not found" answers are not cached by the registry: offline, pytorch is just unknown.
    const withoutUnknown = (output: CheckJson) => output.files[0].diagnostics.filter((diagnostic) => diagnostic.code !== 'unknown-package');
    expect(withoutUnknown(JSON.parse(warm.stdout) as CheckJson)).toEqual(withoutUnknown(JSON.parse(online.stdout) as CheckJson));
    expect(warm.stderr).toContain('offline: 1 requirement(s) have no cached index data');
    const cold = await run(['check', 'app/pyproject.toml', '--format', 'json', '--offline']);
    expect(harness.server.countRequests()).toBe(0);
    const codes = (JSON.parse(cold.stdout) as CheckJson).files[0].diagnostics.map((diagnostic) => diagnostic.code);
    expect(codes.filter((code) => ['yanked-version', 'outdated', 'unknown-package', 'index-unreachable'].includes(code))).toEqual([]);
    expect(cold.stderr).toContain('offline: 6 requirement(s) have no cached index data');
  });

  it('shows progress on stderr only when it is a terminal', async () => {
    const terminal = await run(['check', 'app/pyproject.toml'], { stderrIsTTY: true });
    expect(terminal.stderr).toContain('app/pyproject.toml: package indexes 6/6');
  });
});

describe('pipsight outdated', () => {
  it('lists specifier, locked, latest compatible and latest as JSON schema 1', async () => {
    const result = await run(['outdated', 'locked', '--format', 'json']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as OutdatedJson;
    expect(output.schema).toBe(1);
    expect(output.files.map((file) => file.path)).toEqual(['locked/pyproject.toml']);
    expect(output.files[0].packages).toEqual([
      { name: 'flask', group: 'main', specifier: '>=2.0,<3', locked: '2.3.3', latestCompatible: '2.3.3', latestCompatibleYanked: false, latest: '3.1.0', index: harness.server.indexes.pypi, status: 'found', unavailableIndexes: [] },
      { name: 'numpy', group: 'main', specifier: '~=2.0.0', locked: '2.0.0', latestCompatible: '2.0.2', latestCompatibleYanked: false, latest: '2.3.4', index: harness.server.indexes.pypi, status: 'found', unavailableIndexes: [] },
      { name: 'requests', group: 'main', specifier: '', locked: '2.31.0', latestCompatible: '2.32.3', latestCompatibleYanked: false, latest: '2.32.3', index: harness.server.indexes.pypi, status: 'found', unavailableIndexes: [] },
    ]);
  });

  it('prints a text table per file', async () => {
    const result = await run(['outdated', 'locked']);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('locked/pyproject.toml');
    expect(lines[1]).toMatch(/^ {2}package\s+group\s+specifier\s+locked\s+compatible\s+latest\s+index$/);
    expect(lines[2]).toMatch(/^ {2}flask\s+main\s+>=2\.0,<3\s+2\.3\.3\s+2\.3\.3\s+3\.1\.0\s+http:\/\/127\.0\.0\.1:\d+\/simple\/$/);
    expect(lines[4]).toMatch(/^ {2}requests\s+main\s+\*\s+2\.31\.0\s+2\.32\.3\s+2\.32\.3/);
  });

  it('fills the compatible column for an exact pin to a yanked release (installers take it, PEP 592)', async () => {
    const json = await run(['outdated', 'app/pyproject.toml', '-f', 'json']);
    const requests = (JSON.parse(json.stdout) as OutdatedJson).files[0].packages.find((entry) => entry.name === 'requests');
    expect(requests).toMatchObject({ specifier: '==2.32.0', latestCompatible: '2.32.0', latestCompatibleYanked: true, latest: '2.32.3' });
    const text = await run(['outdated', 'app/pyproject.toml']);
    expect(text.stdout).toMatch(/ {2}requests\s+main\s+==2\.32\.0\s+2\.32\.0 \(yanked\)\s+2\.32\.3/);
  });

  it('marks unknown packages and direct references', async () => {
    const result = await run(['outdated', 'app/pyproject.toml', '-f', 'json']);
    const packages = (JSON.parse(result.stdout) as OutdatedJson).files[0].packages;
    expect(packages.find((entry) => entry.name === 'pytorch')).toMatchObject({ latest: null, status: 'not-found' });
    expect(packages.find((entry) => entry.name === 'local-tool')).toMatchObject({ latest: null, status: 'skipped' });
  });

  it('never prints credentials', async () => {
    const home = harness.temporaryDirectory();
    const withCredentials = harness.server.indexes.private.replace('http://', 'http://alice:s3cret@');
    const result = await runCapture(['outdated', 'locked', '--index-url', withCredentials, '--cache-dir', join(home, 'cache')], { cwd: FIXTURES, env: { HOME: home } });
    expect(result.stdout + result.stderr).not.toContain('s3cret');
  });
});

describe('command-line indexes and index configuration problems', () => {
  it('--index-url beats the requirements file, PIP_INDEX_URL and pip.conf', async () => {
    const folder = harness.temporaryDirectory();
    writeFileSync(join(folder, 'requirements.txt'), '--index-url http://127.0.0.1:9/nowhere/simple/\nflask>=2.0,<3\n');
    writeFileSync(join(folder, 'pip.conf'), '[global]\nindex-url = http://127.0.0.1:9/conf/simple/\n');
    const result = await runCapture(['check', join(folder, 'requirements.txt'), '--format', 'json', '--index-url', harness.server.indexes.pypi, '--cache-dir', join(folder, 'cache')], {
      cwd: folder,
      env: { HOME: folder, PIP_INDEX_URL: 'http://127.0.0.1:9/env/simple/', PIP_CONFIG_FILE: join(folder, 'pip.conf') },
      indexChecks: true,
    });
    const codes = (JSON.parse(result.stdout) as CheckJson).files[0].diagnostics.map((diagnostic) => diagnostic.code);
    expect(codes).toEqual(['outdated']);
  });

  it('an --index-url that is not http(s) is a usage error (exit 2) and its credentials are masked', async () => {
    const folder = harness.temporaryDirectory();
    const ftp = await runCapture(['check', '.', '--index-url', 'ftp://files.example/simple/'], { cwd: folder, env: { HOME: folder }, indexChecks: true });
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toContain('--index-url must be an http:// or https:// URL');
    const bare = await runCapture(['outdated', '.', '--extra-index-url', 'alice:s3cret@pypi.example.com/simple/'], { cwd: folder, env: { HOME: folder } });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('"alice:****@pypi.example.com/simple/"');
    expect(bare.stdout + bare.stderr).not.toContain('s3cret');
  });

  it('a malformed index setting is warned about on stderr, masked, and never printed with its password', async () => {
    const folder = harness.temporaryDirectory();
    const text = '[project]\nname = "p"\nversion = "1"\ndependencies = ["flask>=2.0,<3"]\n\n[[tool.uv.index]]\nname = "corp"\nurl = "alice:s3cret@pypi.example.com/simple/"\n';
    writeFileSync(join(folder, 'pyproject.toml'), text);
    for (const command of ['check', 'outdated']) {
      const result = await runCapture([command, 'pyproject.toml', '--cache-dir', join(folder, 'cache'), '--extra-index-url', harness.server.indexes.pypi], { cwd: folder, env: { HOME: folder }, indexChecks: true });
      expect(result.stderr).toContain('pipsight: warning: index configuration: pyproject: "alice:****@pypi.example.com/simple/" is not an http(s) index URL');
      expect(result.stderr.match(/warning: index configuration/g)).toHaveLength(1);
      expect(result.stdout + result.stderr).not.toContain('s3cret');
    }
  });

  it('check --help lists the index flags on the usage line', async () => {
    const result = await runCapture(['check', '--help']);
    const usage = result.stdout.split('\n\n')[0];
    for (const flag of ['--index-url URL', '--extra-index-url URL', '--offline', '--cache-dir DIR', '--no-index-checks']) expect(usage).toContain(flag);
  });
});
