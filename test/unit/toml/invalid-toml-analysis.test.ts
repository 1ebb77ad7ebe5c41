/**
 * What `pipsight check` (and the server, before it adds the last good model) reports for a file
 * that does not parse: the syntax error, and no lock advice from the partial model it recovered,
 * whether the manifest or its lockfile is the broken one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { MapFileSource } from '../../../server/src/core/file-source';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'toml-syntax');
const PYPROJECT = readFileSync(join(FIXTURE, 'pyproject.toml'), 'utf8');
const LOCK = readFileSync(join(FIXTURE, 'uv.lock'), 'utf8');

function codes(pyproject: string, lock = LOCK): string[] {
  const analysis = analyzeDocument('/p/pyproject.toml', pyproject, new MapFileSource({ '/p/pyproject.toml': pyproject, '/p/uv.lock': lock }))!;
  return analysis.findings.map((finding) => finding.code);
}

describe('analysis of invalid TOML', () => {
  it('reports only the syntax error when the recovered manifest lacks what the lock has', () => {
    expect(codes(PYPROJECT)).toEqual([]);
    // The multi-line string swallows [project]'s dependencies: the lock is not compared with what is left.
    expect(codes(PYPROJECT.replace('version = "0.1.0"\n', 'version = "0.1.0"\ndescription = """A demo\n'))).toEqual(['invalid-toml']);
  });

  it('gives the manifest no lock findings when its lockfile does not parse', () => {
    // numpy's entry is lost with its broken header: the manifest's numpy would look unlocked.
    const brokenLock = LOCK.replace('[[package]]\nname = "numpy"', '[[package]\nname = "numpy"');
    expect(brokenLock).not.toBe(LOCK);
    expect(codes(PYPROJECT, brokenLock)).toEqual([]);
  });
});
