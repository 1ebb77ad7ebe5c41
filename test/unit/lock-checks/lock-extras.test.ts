/**
 * Declared extras against the lock: `httpx[socks]` is missing from a lock that records which
 * extras were asked for (uv edges, PDM extras entries, Poetry optional dependencies) but not socks.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { MapFileSource } from '../../../server/src/core/file-source';
import type { Finding } from '../../../server/src/core/model';
import { fixtureText } from '../graph/load-fixture';

const LOCK_OF = { 'extras-uv': 'uv.lock', 'extras-poetry': 'poetry.lock', 'extras-pdm': 'pdm.lock', 'extras-pylock': 'pylock.toml' } as const;
type Folder = keyof typeof LOCK_OF;

/** The lock findings of `/p/pyproject.toml` (the folder's manifest, edited) beside the folder's lock, as `code: spanned text`. */
function lockFindings(folder: Folder, edit: (manifest: string) => string = (text) => text, codes = ['lock-missing', 'lock-stale', 'lock-mismatch']): { lines: string[]; findings: Finding[] } {
  const text = edit(fixtureText(`${folder}/pyproject.toml`));
  const files = { '/p/pyproject.toml': text, [`/p/${LOCK_OF[folder]}`]: fixtureText(`${folder}/${LOCK_OF[folder]}`) };
  const findings = analyzeDocument('/p/pyproject.toml', text, new MapFileSource(files))!.findings.filter((finding) => codes.includes(finding.code));
  return { lines: findings.map((finding) => `${finding.code}: ${text.slice(finding.span.start, finding.span.end)}`), findings };
}

const askSocks = (text: string) => text.replace('"httpx>=0.27"', '"httpx[socks]>=0.27"').replace('httpx = ">=0.27"', 'httpx = { version = ">=0.27", extras = ["socks"] }');

describe('declared extras against the lock', () => {
  it.each(['extras-uv', 'extras-poetry', 'extras-pdm', 'extras-pylock'] as const)('%s: uvicorn[standard] as locked gives no lock-missing', (folder) => {
    expect(lockFindings(folder, undefined, ['lock-missing', 'lock-mismatch']).lines).toEqual([]);
  });

  it('uv: an extra the project entry does not ask for is missing (and not also stale)', () => {
    const { lines, findings } = lockFindings('extras-uv', askSocks);
    expect(lines).toEqual(['lock-missing: httpx[socks]>=0.27']);
    expect(findings[0].message).toBe('httpx[socks] is declared but uv.lock locks httpx without its extra socks; update the lock');
    expect(findings[0].related?.[0].message).toBe('httpx 0.27.2 is locked here');
  });

  it('uv: dropping an extra the lock recorded is lock-stale (extras are part of what uv recorded)', () => {
    expect(lockFindings('extras-uv', (text) => text.replace('uvicorn[standard]>=0.30', 'uvicorn>=0.30')).lines).toEqual(['lock-stale: uvicorn>=0.30']);
  });

  it('uv: a virtual workspace root records its groups in [manifest]; the optional dependencies of the extra show it was locked', () => {
    const pyproject = '[dependency-groups]\ndev = ["httpx[socks]>=0.27"]\n';
    const lock = (extraTable: string) => [
      'version = 1', 'requires-python = ">=3.10"', '',
      '[manifest.dependency-groups]', 'dev = [{ name = "httpx", extras = ["socks"], specifier = ">=0.27" }]', '',
      '[[package]]', 'name = "httpx"', 'version = "0.27.2"', 'source = { registry = "https://pypi.org/simple" }', '', extraTable, '',
      '[[package]]', 'name = "socksio"', 'version = "1.0.0"', 'source = { registry = "https://pypi.org/simple" }', '',
    ].join('\n');
    const missing = (lockText: string) => analyzeDocument('/p/pyproject.toml', pyproject, new MapFileSource({ '/p/pyproject.toml': pyproject, '/p/uv.lock': lockText }))!
      .findings.filter((finding) => finding.code === 'lock-missing').map((finding) => finding.message);
    expect(missing(lock('[package.optional-dependencies]\nsocks = [{ name = "socksio" }]'))).toEqual([]);
    expect(missing(lock(''))).toEqual(['httpx[socks] is declared but uv.lock locks httpx without its extra socks; update the lock']);
  });

  it('poetry: an extra whose requirements are not dependencies of the locked package is missing', () => {
    const { lines, findings } = lockFindings('extras-poetry', askSocks, ['lock-missing']);
    expect(lines).toEqual(['lock-missing: httpx = { version = ">=0.27", extras = ["socks"] }']);
    expect(findings[0].message).toBe('httpx[socks] is declared but poetry.lock locks httpx without its extra socks; update the lock');
  });

  it('poetry: an extra the package does not define tells nothing', () => {
    const bogus = (text: string) => text.replace('extras = ["standard"]', 'extras = ["standard", "Bogus"]');
    expect(lockFindings('extras-poetry', bogus, ['lock-missing']).lines).toEqual([]);
  });

  it('pdm: an extra without its own entry is missing; names compare normalized', () => {
    const { lines, findings } = lockFindings('extras-pdm', askSocks);
    expect(lines).toEqual(['lock-missing: httpx[socks]>=0.27']);
    expect(findings[0].message).toBe('httpx[socks] is declared but pdm.lock locks httpx without its extra socks; update the lock');
    expect(lockFindings('extras-pdm', (text) => text.replace('uvicorn[standard]', 'uvicorn[Standard]')).lines).toEqual([]);
  });

  it('pylock: PEP 751 records no requested extras, so none are compared', () => {
    expect(lockFindings('extras-pylock', askSocks).lines).toEqual([]);
  });
});
