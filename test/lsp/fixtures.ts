/** Documents used by the LSP tests (our own writing). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';

// Folders made by temporaryProject() in the current test file. Vitest isolates test files, so
// this module (and this hook) is loaded once per file: they are removed when the file is done.
const createdFolders: string[] = [];
afterAll(() => {
  for (const folder of createdFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

export function temporaryProject(): { dir: string; uri: (name: string) => string; path: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'pipsight-lsp-'));
  createdFolders.push(dir);
  return { dir, path: (name) => join(dir, name), uri: (name) => pathToFileURL(join(dir, name)).href };
}

/** Line 2 holds an invalid requirement: `requests >=` has an operator without a version. */
export const PYPROJECT_WITH_INVALID_REQUIREMENT = ['[project]', 'name = "demo"', 'dependencies = ["requests >=", "numpy>=1.26"]', ''].join('\n');

export const PYPROJECT_FOR_HOVER = [
  '[project]',
  'name = "demo"',
  `dependencies = ["Requests[socks]>=2.8,<3; python_version >= '3.8'"]`,
  '',
].join('\n');

export const UV_LOCK = [
  'version = 1',
  'requires-python = ">=3.10"',
  '',
  '[[package]]',
  'name = "torch"',
  'version = "2.3.0"',
  'source = { registry = "https://pypi.org/simple" }',
  'dependencies = [',
  '    { name = "filelock" },',
  `    { name = "numpy", marker = "python_version < '3.13'" },`,
  ']',
  '',
].join('\n');

/** `typing` is a Python 2 backport: its finding carries a `remove` fix for the whole line. */
export const REQUIREMENTS_WITH_BACKPORT = ['typing', 'requests>=2', ''].join('\n');
