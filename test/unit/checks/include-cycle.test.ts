import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { MapFileSource } from '../../../server/src/core/file-source';
import { runCapture } from '../cli/run-cli-helper';

const A = 'flask\n-r b.in\n';
const B = '-r a.in\nrequests\n';

describe('include-cycle between two files', () => {
  const files = new MapFileSource({ '/p/a.in': A, '/p/b.in': B });

  it('is reported in each file of the loop, at its own include line, with the chain', () => {
    const inA = analyzeDocument('/p/a.in', A, files)!.findings.filter((f) => f.code === 'include-cycle');
    expect(inA).toHaveLength(1);
    expect(inA[0]).toMatchObject({ severity: 'error', message: 'Include cycle: a.in → b.in → a.in' });
    expect(A.slice(inA[0].span.start, inA[0].span.end)).toBe('-r b.in');

    const inB = analyzeDocument('/p/b.in', B, files)!.findings.filter((f) => f.code === 'include-cycle');
    expect(inB.map((f) => f.message)).toEqual(['Include cycle: b.in → a.in → b.in']);
    expect(B.slice(inB[0].span.start, inB[0].span.end)).toBe('-r a.in');
  });

  describe('pipsight check', () => {
    const folder = mkdtempSync(join(tmpdir(), 'pipsight-cycle-'));
    writeFileSync(join(folder, 'a.in'), A);
    writeFileSync(join(folder, 'b.in'), B);
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('reports the loop for the file checked, and exits 1', async () => {
      const result = await runCapture(['check', 'a.in', '--format', 'json'], { cwd: folder });
      const [file] = (JSON.parse(result.stdout) as { files: { diagnostics: { code: string; message: string; range: { start: { line: number } } }[] }[] }).files;
      const cycles = file.diagnostics.filter((d) => d.code === 'include-cycle');
      expect(cycles.map((d) => [d.message, d.range.start.line])).toEqual([['Include cycle: a.in → b.in → a.in', 1]]);
      expect(result.code).toBe(1);
    });
  });
});
