import { describe, expect, it } from 'vitest';
import { lockedEntryAtLine } from '../../../server/src/core/formats/locks/entry-lines';
import { parsePdmLock } from '../../../server/src/core/formats/locks/pdm-lock';
import { parsePoetryLock } from '../../../server/src/core/formats/locks/poetry-lock';
import { parsePylock } from '../../../server/src/core/formats/locks/pylock';
import { parseUvLock } from '../../../server/src/core/formats/locks/uv-lock';
import type { ParsedFile } from '../../../server/src/core/model';

/** The entry (name@version) and hovered value at the first occurrence of `needle`, plus `delta`. */
function at(file: ParsedFile, text: string, needle: string, delta = 0): string | null {
  const found = lockedEntryAtLine(text, file.locked, text.indexOf(needle) + delta);
  return found ? `${found.lockedPackage.name}@${found.lockedPackage.version} ${found.key}=${text.slice(found.span.start, found.span.end)}` : null;
}

describe('the lockfile entry of a name or version line', () => {
  it('uv.lock: name and version lines; not the lines of its dependencies or sub-tables', () => {
    const text = [
      'version = 1',
      'requires-python = ">=3.10"',
      '',
      '[[package]]',
      'name = "numpy"',
      'version = "2.1.1"',
      'source = { registry = "https://pypi.org/simple" }',
      '',
      '[[package]]',
      'name = "demo"',
      'version = "0.1.0"',
      'source = { editable = "." }',
      'dependencies = [',
      '    { name = "numpy", version = "2.1.1" },',
      ']',
      '',
      '[package.metadata]',
      'version = "9"',
      '',
    ].join('\n');
    const file = parseUvLock(text, '/p/uv.lock');
    expect(at(file, text, 'name = "numpy"', 9)).toBe('numpy@2.1.1 name=numpy');
    expect(at(file, text, 'version = "2.1.1"')).toBe('numpy@2.1.1 version=2.1.1');
    expect(at(file, text, 'version = "0.1.0"', 15)).toBe('demo@0.1.0 version=0.1.0');
    expect(at(file, text, '{ name = "numpy"', 5)).toBeNull();
    expect(at(file, text, 'version = "9"')).toBeNull();
    expect(at(file, text, 'version = 1')).toBeNull();
    expect(at(file, text, 'source = { editable')).toBeNull();
  });

  it('poetry.lock, pdm.lock and pylock.toml version lines', () => {
    const poetry = ['[[package]]', 'name = "requests"', 'version = "2.32.3"', 'description = ""', 'optional = false', 'python-versions = ">=3.8"', 'files = []', '', '[metadata]', 'lock-version = "2.0"', 'python-versions = "^3.11"', 'content-hash = "0"', ''].join('\n');
    expect(at(parsePoetryLock(poetry, '/p/poetry.lock'), poetry, 'version = "2.32.3"', 3)).toBe('requests@2.32.3 version=2.32.3');
    const pdm = ['[metadata]', 'groups = ["default"]', 'lock_version = "4.5.0"', 'content_hash = "sha256:0"', '', '[[package]]', 'name = "certifi"', 'version = "2024.8.30"', 'requires_python = ">=3.6"', 'groups = ["default"]', 'files = []', ''].join('\n');
    expect(at(parsePdmLock(pdm, '/p/pdm.lock'), pdm, 'version = "2024.8.30"')).toBe('certifi@2024.8.30 version=2024.8.30');
    const pylock = ['lock-version = "1.0"', 'created-by = "x"', '', '[[packages]]', "name = 'attrs'", "version = '24.2.0'", 'index = "https://pypi.org/simple"', ''].join('\n');
    expect(at(parsePylock(pylock, '/p/pylock.toml'), pylock, "version = '24.2.0'")).toBe('attrs@24.2.0 version=24.2.0');
    expect(at(parsePylock(pylock, '/p/pylock.toml'), pylock, 'lock-version')).toBeNull();
  });
});
