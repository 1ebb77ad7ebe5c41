import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { LineIndex } from '../../../server/src/core/line-index';
import { DiskFileSource } from '../../../server/src/env/disk-file-source';
import { CLI_FIXTURES, runCapture } from './run-cli-helper';

interface CheckJson {
  schema: number;
  files: { path: string; diagnostics: { code: string; severity: string; message: string; range: unknown; package: string | null }[] }[];
}

const RANGE = {
  start: { line: expect.any(Number), character: expect.any(Number) },
  end: { line: expect.any(Number), character: expect.any(Number) },
};

describe('pipsight check', () => {
  it('walks a directory and reports JSON schema 1 with paths relative to cwd', async () => {
    const result = await runCapture(['check', 'clean', '--format', 'json']);
    const output = JSON.parse(result.stdout) as CheckJson;
    expect(output.schema).toBe(1);
    expect(output.files.map((file) => file.path)).toEqual(['clean/pyproject.toml', 'clean/requirements.txt']);
    for (const file of output.files) {
      for (const diagnostic of file.diagnostics) {
        expect(diagnostic).toEqual({ code: expect.any(String), severity: expect.any(String), message: expect.any(String), range: RANGE, package: diagnostic.package, related: expect.any(Array) });
        expect(['error', 'warning', 'information', 'hint']).toContain(diagnostic.severity);
      }
    }
    const errors = output.files.flatMap((file) => file.diagnostics).filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('defaults to the current directory', async () => {
    const result = await runCapture(['check', '--format', 'json']);
    const paths = (JSON.parse(result.stdout) as CheckJson).files.map((file) => file.path);
    expect(paths).toEqual(['broken/pyproject.toml', 'clean/pyproject.toml', 'clean/requirements.txt', 'findings/requirements.txt', 'lock/uv.lock']);
  });

  it('exits 1 on an error-severity finding, with an LSP-style range', async () => {
    const result = await runCapture(['check', 'broken/pyproject.toml', '-f', 'json']);
    expect(result.code).toBe(1);
    const [file] = (JSON.parse(result.stdout) as CheckJson).files;
    expect(file.path).toBe('broken/pyproject.toml');
    const invalidToml = file.diagnostics.find((d) => d.code === 'invalid-toml');
    expect(invalidToml).toMatchObject({ severity: 'error', range: RANGE });
  });

  it('prints compiler-style text with 1-based positions and a summary', async () => {
    const json = JSON.parse((await runCapture(['check', 'broken', '--format', 'json'])).stdout) as CheckJson;
    const first = json.files[0].diagnostics[0];
    const text = await runCapture(['check', 'broken']);
    expect(text.code).toBe(1);
    const lines = text.stdout.trimEnd().split('\n');
    const location = `broken/pyproject.toml:${(first.range as { start: { line: number } }).start.line + 1}:`;
    expect(lines[0].startsWith(location)).toBe(true);
    expect(lines[0]).toMatch(/^broken\/pyproject\.toml:\d+:\d+: error\[invalid-toml\] \S/);
    expect(lines.at(-1)).toMatch(/^Found \d+ errors? .*in 1 file\.$/);
    expect(text.stdout).not.toContain('\u001b[');
  });

  it('says so when there is nothing to report', async () => {
    const result = await runCapture(['check', 'lock/uv.lock']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('No problems found in 1 file.\n');
  });

  it('colors only on a terminal without NO_COLOR', async () => {
    expect((await runCapture(['check', 'broken'], { stdoutIsTTY: true })).stdout).toContain('\u001b[');
    expect((await runCapture(['check', 'broken'], { stdoutIsTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });

  it('reports exactly the findings the editor gets from analyzeDocument', async () => {
    const path = join(CLI_FIXTURES, 'findings/requirements.txt');
    const text = readFileSync(path, 'utf8');
    const lines = new LineIndex(text);
    const expected = analyzeDocument(path, text, new DiskFileSource())!.findings.map((finding) => ({
      code: finding.code,
      severity: finding.severity,
      message: finding.message,
      range: lines.rangeOf(finding.span),
      package: finding.package ?? null,
      related: (finding.related ?? []).map((related) => ({ path: 'findings/requirements.txt', range: lines.rangeOf(related.span), message: related.message })),
    }));
    expect(expected.some((diagnostic) => diagnostic.related.length > 0)).toBe(true);
    expect(expected.map((diagnostic) => diagnostic.code)).toContain('duplicate-requirement');
    const result = await runCapture(['check', 'findings/requirements.txt', '--format', 'json']);
    expect((JSON.parse(result.stdout) as CheckJson).files[0].diagnostics).toEqual(expected);
    expect(result.code).toBe(expected.some((diagnostic) => diagnostic.severity === 'error') ? 1 : 0);
  });
});

describe('pipsight check --format json: related locations', () => {
  it('points a lock-mismatch at the lock entry, relative to the working directory', async () => {
    const result = await runCapture(['check', 'uv-ml/pyproject.toml', '--format', 'json', '--no-env'], { cwd: resolve(__dirname, '../../fixtures/graph') });
    const [file] = JSON.parse(result.stdout).files;
    const mismatch = file.diagnostics.find((diagnostic: { code: string }) => diagnostic.code === 'lock-mismatch');
    const lockLines = readFileSync(resolve(__dirname, '../../fixtures/graph/uv-ml/uv.lock'), 'utf8').split('\n');
    const pillowLine = lockLines.indexOf('name = "pillow"');
    expect(mismatch.related).toEqual([
      { path: 'uv-ml/uv.lock', range: { start: { line: pillowLine, character: 8 }, end: { line: pillowLine, character: 14 } }, message: 'pillow 11.0.0 is locked here' },
    ]);
  });

  it('gives installed-conflict both declaring lines, as the editor does', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'pipsight-check-related-'));
    try {
      const sitePackages = join(workspace, '.venv', 'lib', 'python3.12', 'site-packages');
      mkdirSync(join(workspace, '.venv', 'bin'), { recursive: true });
      writeFileSync(join(workspace, '.venv', 'pyvenv.cfg'), 'home = /usr/bin\nversion_info = 3.12.4\n');
      const distribution = (name: string, version: string, requires: string[]) => {
        const folder = join(sitePackages, `${name}-${version}.dist-info`);
        mkdirSync(folder, { recursive: true });
        writeFileSync(join(folder, 'METADATA'), ['Metadata-Version: 2.1', `Name: ${name}`, `Version: ${version}`, ...requires.map((line) => `Requires-Dist: ${line}`), ''].join('\n'));
      };
      distribution('accelerate', '0.33.0', ['numpy<2.0.0,>=1.17']);
      distribution('numpy', '2.1.1', []);
      writeFileSync(join(workspace, 'requirements.txt'), 'accelerate==0.33.0\nnumpy==2.1.1\n');
      const result = await runCapture(['check', 'requirements.txt', '--format', 'json'], { cwd: workspace });
      const [file] = JSON.parse(result.stdout).files;
      const conflicts = file.diagnostics.filter((diagnostic: { code: string }) => diagnostic.code === 'installed-conflict');
      expect(conflicts.length).toBeGreaterThan(0);
      const lines = conflicts.map((conflict: { range: { start: { line: number } } }) => conflict.range.start.line).sort();
      const relatedLines = conflicts.flatMap((conflict: { related: { path: string; range: { start: { line: number } } }[] }) => conflict.related.map((related) => `${related.path}:${related.range.start.line}`));
      expect(lines).toEqual([0, 1]);
      expect(relatedLines.sort()).toEqual(['requirements.txt:0', 'requirements.txt:1']);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});

