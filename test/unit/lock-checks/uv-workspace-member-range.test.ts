/**
 * A uv workspace member that declares a version range on another member which the member's
 * version is outside of (`core-lib<0.7` while core-lib is 0.7.5): uv ignores the range for a
 * workspace source, so `uv lock` succeeds, but the built package keeps it and `pip check` fails in
 * the synced environment. A warning, not a lock mismatch error.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { MapFileSource } from '../../../server/src/core/file-source';

const ROOT = [
  '[project]',
  'name = "suite"',
  'version = "1.0.0"',
  'requires-python = ">=3.10"',
  'dependencies = ["app", "core-lib<0.7"]',
  '',
  '[tool.uv.sources]',
  'app = { workspace = true }',
  'core-lib = { workspace = true }',
  '',
  '[tool.uv.workspace]',
  'members = ["packages/*"]',
  '',
].join('\n');

const APP = [
  '[project]',
  'name = "app"',
  'version = "0.3.0"',
  'requires-python = ">=3.10"',
  'dependencies = ["core-lib<0.7", "attrs>=24"]',
  '',
  '[tool.uv.sources]',
  'core-lib = { workspace = true }',
  '',
].join('\n');

const CORE = ['[project]', 'name = "core-lib"', 'version = "0.7.5"', 'requires-python = ">=3.10"', 'dependencies = []', ''].join('\n');

function lock(coreVersion: string | null): string {
  return [
    'version = 1',
    'revision = 3',
    'requires-python = ">=3.10"',
    '',
    '[manifest]',
    'members = [',
    '    "app",',
    '    "core-lib",',
    '    "suite",',
    ']',
    '',
    '[[package]]',
    'name = "app"',
    'version = "0.3.0"',
    'source = { editable = "packages/app" }',
    'dependencies = [',
    '    { name = "attrs" },',
    '    { name = "core-lib" },',
    ']',
    '',
    '[package.metadata]',
    'requires-dist = [',
    '    { name = "attrs", specifier = ">=24" },',
    '    { name = "core-lib", editable = "packages/core-lib" },',
    ']',
    '',
    '[[package]]',
    'name = "attrs"',
    'version = "24.2.0"',
    'source = { registry = "https://pypi.org/simple" }',
    '',
    '[[package]]',
    'name = "core-lib"',
    ...(coreVersion ? [`version = "${coreVersion}"`] : []),
    'source = { editable = "packages/core-lib" }',
    '',
    '[[package]]',
    'name = "suite"',
    'version = "1.0.0"',
    'source = { virtual = "." }',
    'dependencies = [',
    '    { name = "app" },',
    '    { name = "core-lib" },',
    ']',
    '',
    '[package.metadata]',
    'requires-dist = [',
    '    { name = "app", editable = "packages/app" },',
    '    { name = "core-lib", editable = "packages/core-lib" },',
    ']',
    '',
  ].join('\n');
}

function lockFindings(path: string, coreVersion: string | null = '0.7.5') {
  const files: Record<string, string> = {
    '/ws/pyproject.toml': ROOT,
    '/ws/uv.lock': lock(coreVersion),
    '/ws/packages/app/pyproject.toml': APP,
    '/ws/packages/core-lib/pyproject.toml': CORE,
  };
  const text = files[path];
  const analysis = analyzeDocument(path, text, new MapFileSource(files))!;
  expect(analysis.dependencies).toContain('/ws/uv.lock');
  return analysis.findings
    .filter((finding) => finding.code.startsWith('lock-'))
    .map((finding) => ({ code: finding.code, severity: finding.severity, text: text.slice(finding.span.start, finding.span.end), message: finding.message }));
}

const MESSAGE = 'core-lib<0.7 excludes the workspace member core-lib 0.7.5: uv ignores the range for a workspace source, but the built package keeps it and `pip check` fails in the synced environment';

describe('a range on a uv workspace member that excludes the member\'s version', () => {
  it('is a warning on a member, saying what uv and pip check do', () => {
    expect(lockFindings('/ws/packages/app/pyproject.toml')).toEqual([{ code: 'lock-mismatch', severity: 'warning', text: 'core-lib<0.7', message: MESSAGE }]);
  });

  it('is the same warning on the workspace root', () => {
    expect(lockFindings('/ws/pyproject.toml')).toEqual([{ code: 'lock-mismatch', severity: 'warning', text: 'core-lib<0.7', message: MESSAGE }]);
  });

  it('says nothing when the range admits the member, or when the member\'s version is dynamic', () => {
    expect(lockFindings('/ws/packages/app/pyproject.toml', '0.6.2')).toEqual([]);
    expect(lockFindings('/ws/packages/app/pyproject.toml', null)).toEqual([]);
  });
});
