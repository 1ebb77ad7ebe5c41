/**
 * An index that cannot be reached is named once per run with its reason: `check` reports
 * `index-unreachable` at the first file only (JSON lists every affected file), and `outdated`
 * shows which index failed and why, beside a group column.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../registry/local-servers';
import { runCapture } from './run-cli-helper';

let folder: string;
let index: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'pipsight-index-unavailable-'));
  writeFileSync(join(folder, 'requirements.txt'), 'requests>=2\n');
  mkdirSync(join(folder, 'service'));
  writeFileSync(join(folder, 'service', 'requirements.txt'), 'flask==3.0\n');
  writeFileSync(join(folder, 'pyproject.toml'), '[project]\nname = "demo"\nversion = "1"\ndependencies = ["requests>=2"]\n\n[dependency-groups]\ndev = ["pytest>=8"]\n');
  index = `http://127.0.0.1:${await closedPort()}/simple/`;
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const run = (argv: string[]) => runCapture([...argv, '--index-url', index], { cwd: folder, env: { HOME: folder, XDG_CACHE_HOME: join(folder, 'cache') }, indexChecks: true });

describe('check: an unreachable index is reported once per run', () => {
  it('text: one index-unreachable line, and a note naming the index, the reason and the file count', async () => {
    const result = await run(['check', '.', '--no-env']);
    expect(result.stdout.match(/index-unreachable/g)).toHaveLength(1);
    expect(result.stderr).toContain(`pipsight: ${index} is unavailable (unreachable: connection refused); index checks incomplete in 3 files\n`);
  });

  it('JSON: unavailableIndexes lists the affected files', async () => {
    const result = await run(['check', '.', '--no-env', '--format', 'json']);
    const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string }[] }[]; unavailableIndexes: unknown[] };
    expect(report.files.flatMap((file) => file.diagnostics).filter((diagnostic) => diagnostic.code === 'index-unreachable')).toHaveLength(1);
    expect(report.unavailableIndexes).toEqual([{ index, name: null, reason: 'unreachable: connection refused', files: ['pyproject.toml', 'requirements.txt', 'service/requirements.txt'] }]);
  });
});

describe('outdated: group column, and which index is unavailable and why', () => {
  it('text', async () => {
    const result = await run(['outdated', 'pyproject.toml']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[1]).toMatch(/^ {2}package\s+group\s+specifier\s+latest\s+index$/);
    expect(lines[2]).toMatch(new RegExp(`^  requests\\s+main\\s+>=2\\s+index unavailable\\s+${index.replace(/[.]/g, '\\.')} \\(unreachable: connection refused\\)$`));
    expect(lines[3]).toMatch(/^ {2}pytest\s+group:dev\s+>=8\s+index unavailable/);
  });

  it('JSON', async () => {
    const result = await run(['outdated', '--format', 'json']);
    const report = JSON.parse(result.stdout) as { files: { path: string; packages: Record<string, unknown>[] }[]; unavailableIndexes: { files: string[] }[] };
    const pyproject = report.files.find((file) => file.path === 'pyproject.toml')!;
    expect(pyproject.packages[1]).toMatchObject({ name: 'pytest', group: 'group:dev', status: 'unavailable', index: null, unavailableIndexes: [{ index, reason: 'unreachable: connection refused' }] });
    expect(report.unavailableIndexes[0].files).toEqual(['pyproject.toml', 'requirements.txt', 'service/requirements.txt']);
  });
});
