import { describe, expect, it } from 'vitest';
import { FixChecker } from '../../../server/src/core/fix-check';
import { fixToSpanEdits, readStampedFixes, stampFixes } from '../../../server/src/lsp/fixes';

/** Span of `part` in `text` (first occurrence). */
function spanOf(text: string, part: string) {
  const start = text.indexOf(part);
  if (start < 0) throw new Error(`${part} not in ${text}`);
  return { start, end: start + part.length };
}

describe('FixChecker: an edit must leave a file that parses and duplicates nothing', () => {
  const poetry = ['[tool.poetry.dependencies]', 'python = "^3.10"', 'numpy = "^1.24"', 'nunpy = "^1.24"', '', '[tool.poetry.group.dev.dependencies]', 'pytest = "^8"', ''].join('\n');

  it('refuses a rename to a key the Poetry table already has (duplicate TOML key)', () => {
    const checker = new FixChecker('/p/pyproject.toml', 'pyproject', poetry);
    expect(checker.problem([{ span: spanOf(poetry, 'nunpy'), newText: 'numpy' }])).toMatch(/invalid-toml: .*(defined twice|multiple times)/);
    expect(checker.problem([{ span: spanOf(poetry, 'nunpy'), newText: 'scipy' }])).toBeNull();
    // Another table may have the name.
    expect(checker.problem([{ span: spanOf(poetry, 'pytest'), newText: 'numpy' }])).toBeNull();
  });

  it('refuses a requirement twice in one group, allows it in another group or with another marker', () => {
    const pep621 = ['[project]', 'name = "demo"', 'dependencies = ["numpy>=1.24", "nunpy", "scipy ; python_version < \'3.9\'"]', '', '[project.optional-dependencies]', 'plot = ["nunpy"]', ''].join('\n');
    const checker = new FixChecker('/p/pyproject.toml', 'pyproject', pep621);
    const main = spanOf(pep621, '"nunpy"');
    expect(checker.problem([{ span: { start: main.start + 1, end: main.end - 1 }, newText: 'numpy' }])).toBe('the edit requires numpy twice in main');
    const extra = { start: pep621.lastIndexOf('nunpy'), end: pep621.lastIndexOf('nunpy') + 5 };
    expect(checker.problem([{ span: extra, newText: 'numpy' }])).toBeNull();
    expect(checker.problem([{ span: { start: main.start + 1, end: main.end - 1 }, newText: 'scipy' }])).toBeNull();
  });

  it('refuses an edit that leaves an invalid requirement or breaks the TOML, and edits that do not fit', () => {
    const requirements = 'requests>=2\nflask\n';
    const checker = new FixChecker('/p/requirements.txt', 'requirements', requirements);
    expect(checker.problem([{ span: spanOf(requirements, '>='), newText: '~=' }])).toMatch(/^the edit leaves an error: invalid-/);
    expect(checker.problem([{ span: spanOf(requirements, '>='), newText: '==' }])).toBeNull();
    expect(checker.problem([{ span: spanOf(requirements, 'flask'), newText: 'requests>=2' }])).toBe('the edit requires requests twice in main');
    expect(checker.problem([{ span: { start: 3, end: 40 }, newText: '' }])).toBe('an edit lies outside the text');
    expect(checker.problem([{ span: { start: 0, end: 4 }, newText: '' }, { span: { start: 2, end: 6 }, newText: '' }])).toBe('the edits overlap');
    const toml = '[project]\nname = "demo"\ndependencies = ["requests>=2"]\n';
    expect(new FixChecker('/p/pyproject.toml', 'pyproject', toml).problem([{ span: spanOf(toml, '>=2'), newText: '>=2"' }])).toMatch(/invalid-toml/);
    expect(new FixChecker('/p/unknown.cfg', null, toml).problem([{ span: spanOf(toml, '>=2'), newText: '>=3' }])).toBe('the file kind is not known');
  });

  it('only new problems count: a file that already has an error or a duplicate can still be fixed', () => {
    const requirements = 'requests>=2\nrequests>=2\nflask>=\n';
    const checker = new FixChecker('/p/requirements.txt', 'requirements', requirements);
    expect(checker.problem([{ span: spanOf(requirements, '>=2'), newText: '>=3' }])).toBeNull();
    expect(checker.problem([{ span: { start: 0, end: 12 }, newText: '' }])).toBeNull();
    // An error that names a line is the same error after a line above it is removed.
    const toml = ['[tool.poetry.dependencies]', 'typing = "*"', 'numpy = "^1"', 'numpy = "^2"', ''].join('\n');
    const tomlChecker = new FixChecker('/p/pyproject.toml', 'pyproject', toml);
    expect(tomlChecker.problem([{ span: spanOf(toml, 'typing = "*"\n'), newText: '' }])).toBeNull();
  });
});

describe('fix data stamped with the version and the text it edits', () => {
  const text = 'typing\nrequests>=2.0\n';
  const remove = { fix: 'remove' as const, span: spanOf(text, 'typing'), title: 'Remove typing' };
  const update = { fix: 'replace' as const, span: spanOf(text, '>=2.0'), newText: '>=2.32', title: 'Update requests' };
  const updateAll = { fix: 'edits' as const, edits: [{ span: spanOf(text, '>=2.0'), newText: '>=2.32' }, { span: spanOf(text, 'typing'), newText: 'typing>=3' }], title: 'Update all 2' };

  it('reads back as the same fixes for the same version and text; fixes of the whole document by title only', () => {
    const data = stampFixes([remove, update, updateAll], 3, text)!;
    expect(data).toEqual({
      version: 3,
      fixes: [
        { ...remove, expected: 'typing' },
        { ...update, expected: '>=2.0' },
        { fix: 'document', title: 'Update all 2' },
      ],
    });
    expect(readStampedFixes(JSON.parse(JSON.stringify(data)), 3, text)).toEqual({ state: 'current', fixes: [remove, update, { fix: 'document', title: 'Update all 2' }] });
  });

  it('is stale for another version, or when the text under a span changed; none when unstamped or malformed', () => {
    const data = stampFixes([remove, update, updateAll], 3, text);
    expect(readStampedFixes(data, 4, text)).toEqual({ state: 'stale' });
    expect(readStampedFixes(data, 3, `# top\n${text}`)).toEqual({ state: 'stale' });
    expect(readStampedFixes(data, 3, text.slice(0, 10))).toEqual({ state: 'stale' });
    expect(readStampedFixes(remove, 3, text)).toEqual({ state: 'none' });
    expect(readStampedFixes({ version: 3, fixes: [{ fix: 'remove', span: remove.span, title: 't' }] }, 3, text)).toEqual({ state: 'none' });
    expect(readStampedFixes(undefined, 3, text)).toEqual({ state: 'none' });
  });

  it('a remove fix deletes its whole line when the requirement is alone on it', () => {
    expect(fixToSpanEdits(remove, text)).toEqual([{ span: { start: 0, end: 7 }, newText: '' }]);
  });
});
