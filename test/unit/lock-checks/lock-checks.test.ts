import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { MapFileSource } from '../../../server/src/core/file-source';
import type { Finding } from '../../../server/src/core/model';
import { fixtureText } from '../graph/load-fixture';

/** Analyses `/p/<manifest>` with the fixture folder's files served under /p/. */
function analyse(folder: string, manifest: string, files: string[], overrides: Record<string, string> = {}, context = {}) {
  const served: Record<string, string> = {};
  for (const file of files) served[`/p/${file}`] = fixtureText(`${folder}/${file}`);
  Object.assign(served, overrides);
  const text = served[`/p/${manifest}`];
  const analysis = analyzeDocument(`/p/${manifest}`, text, new MapFileSource(served), undefined, context)!;
  return { analysis, text, served };
}

const lockFindings = (findings: Finding[]) => findings.filter((finding) => finding.code.startsWith('lock-'));
const spanText = (text: string, finding: Finding) => text.slice(finding.span.start, finding.span.end);

describe('lock checks of a pyproject with poetry.lock', () => {
  it('reports lock-mismatch and lock-missing on the requirement, with related information in the lock', () => {
    const { analysis, text, served } = analyse('poetry1', 'pyproject.toml', ['pyproject.toml', 'poetry.lock']);
    expect(analysis.dependencies).toEqual(['/p/poetry.lock', '/p/uv.lock', '/p/pdm.lock', '/p/pylock.toml']);
    const found = lockFindings(analysis.findings);
    expect(found.map((finding) => [finding.code, finding.severity, spanText(text, finding)])).toEqual([
      ['lock-mismatch', 'error', 'numpy = "^2.0"'],
      ['lock-missing', 'warning', 'rich = { version = "^13.7", optional = true }'],
    ]);
    expect(found[0].message).toBe('numpy ^2.0 is declared, but poetry.lock locks numpy 1.26.4');
    const related = found[0].related![0];
    expect(related.path).toBe('/p/poetry.lock');
    expect(served['/p/poetry.lock'].slice(related.span.start, related.span.end)).toBe('numpy');
  });

  it('reports lock-stale when the content-hash differs (Poetry 2.x, [project] section)', () => {
    const { analysis, text, served } = analyse('poetry2', 'pyproject.toml', ['pyproject.toml', 'poetry.lock']);
    const stale = lockFindings(analysis.findings).filter((finding) => finding.code === 'lock-stale');
    expect(stale).toHaveLength(1);
    expect(spanText(text, stale[0])).toBe('[project]');
    const related = stale[0].related![0];
    expect(served['/p/poetry.lock'].slice(related.span.start, related.span.end)).toBe('1f4b0cdde64fafb6e4e360c9a7bece9857494f9e70ccf11b7c17f8d26adf48d9');
  });

  it('is silent about staleness when the content-hash matches', () => {
    const { analysis } = analyse('poetry1', 'pyproject.toml', ['pyproject.toml', 'poetry.lock']);
    expect(analysis.findings.some((finding) => finding.code === 'lock-stale')).toBe(false);
    const edited = fixtureText('poetry1/pyproject.toml').replace('requests = "^2.31"', 'requests = "^2.32"');
    const again = analyse('poetry1', 'pyproject.toml', ['poetry.lock'], { '/p/pyproject.toml': edited }).analysis;
    expect(again.findings.filter((finding) => finding.code === 'lock-stale')).toHaveLength(1);
  });
});

describe('lock checks of a pyproject with uv.lock', () => {
  it('matches local versions and reports the mismatch (not also a "stale" on the same requirement)', () => {
    const { analysis, text } = analyse('uv-ml', 'pyproject.toml', ['pyproject.toml', 'uv.lock']);
    const found = lockFindings(analysis.findings).map((finding) => [finding.code, spanText(text, finding)]);
    expect(found).toEqual([['lock-mismatch', 'pillow>=12']]);
  });

  it('reports requirements recorded in uv.lock that the pyproject dropped', () => {
    const edited = fixtureText('uv-ml/pyproject.toml').replace('    "accelerate>=0.30",\n', '');
    const { analysis, text } = analyse('uv-ml', 'pyproject.toml', ['uv.lock'], { '/p/pyproject.toml': edited });
    const stale = analysis.findings.filter((finding) => finding.code === 'lock-stale' && finding.package === undefined);
    expect(stale.map((finding) => finding.message)).toEqual(['uv.lock is out of date: it records requirements the pyproject no longer declares (accelerate); run `uv lock`']);
    expect(spanText(text, stale[0])).toBe('[');
  });

  it('skips requirements whose marker is false in the target environment', () => {
    const edited = fixtureText('uv-ml/pyproject.toml').replace('"pillow>=12"', '"pillow>=12; sys_platform == \'win32\'"');
    const { analysis } = analyse('uv-ml', 'pyproject.toml', ['uv.lock'], { '/p/pyproject.toml': edited }, { targetEnvironment: { sys_platform: 'linux' } });
    expect(analysis.findings.filter((finding) => finding.code === 'lock-mismatch')).toEqual([]);
  });
});

describe('lock checks of pdm.lock, pylock.toml and pip-compile inputs', () => {
  it('skips groups pdm.lock did not lock', () => {
    const { analysis } = analyse('pdm', 'pyproject.toml', ['pyproject.toml', 'pdm.lock']);
    expect(lockFindings(analysis.findings)).toEqual([]);
  });

  it('finds a universal pylock.toml complete', () => {
    const { analysis } = analyse('pylock', 'pyproject.toml', ['pyproject.toml', 'pylock.toml']);
    expect(lockFindings(analysis.findings)).toEqual([]);
  });

  it('compares a .in file with its compiled .txt', () => {
    const { analysis, text, served } = analyse('pip-compile', 'requirements.in', ['requirements.in', 'requirements.txt']);
    expect(analysis.dependencies).toContain('/p/requirements.txt');
    const found = lockFindings(analysis.findings);
    expect(found.map((finding) => [finding.code, spanText(text, finding)])).toEqual([['lock-mismatch', 'flask>=3']]);
    const related = found[0].related![0];
    expect(served['/p/requirements.txt'].slice(related.span.start, related.span.end)).toBe('flask==2.3.3');
  });
});

describe('lock-conflict in a lockfile', () => {
  it('reports an edge whose target violates its specifier on the declaring entry', () => {
    const text = fixtureText('pdm/pdm.lock');
    const analysis = analyzeDocument('/p/pdm.lock', text, new MapFileSource({}))!;
    const conflicts = analysis.findings.filter((finding) => finding.code === 'lock-conflict');
    expect(conflicts.map((finding) => [spanText(text, finding), finding.message])).toEqual([
      ['fastapi', 'fastapi 0.115.0 requires starlette<0.39.0,>=0.37.2, but the lock has starlette 0.40.0'],
    ]);
    const related = conflicts[0].related![0];
    expect(related.path).toBeUndefined();
    expect(text.slice(related.span.start, related.span.end)).toBe('starlette');
  });

  it('reads Poetry constraints and ignores edges satisfied by one of several versions', () => {
    const text = fixtureText('poetry1/poetry.lock');
    const conflicts = analyzeDocument('/p/poetry.lock', text, new MapFileSource({}))!.findings.filter((finding) => finding.code === 'lock-conflict');
    expect(conflicts.map((finding) => spanText(text, finding))).toEqual(['requests']);
    const uv = fixtureText('uv-ml/uv.lock');
    expect(analyzeDocument('/p/uv.lock', uv, new MapFileSource({}))!.findings).toEqual([]);
  });
});
