import { describe, expect, it } from 'vitest';
import { fixToTextEdits, readFixData, readFixes, removalSpan } from '../../server/src/lsp/fixes';
import { LineIndex } from '../../server/src/lsp/positions';
import { findHoverTarget, hoverMarkdown } from '../../server/src/lsp/hover-content';
import { readSettings } from '../../server/src/lsp/settings';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { emptyParsedFile, type Requirement } from '../../server/src/core/model';

/** Span of `part` in `text` (first occurrence). */
function spanOf(text: string, part: string) {
  const start = text.indexOf(part);
  return { start, end: start + part.length };
}

describe('removalSpan', () => {
  it('takes the line break with a span that is all of its line', () => {
    const text = 'typing\nrequests\n';
    expect(removalSpan(spanOf(text, 'typing'), text)).toEqual({ start: 0, end: 7 });
    const indented = 'a\n  typing  \r\nb';
    expect(removalSpan(spanOf(indented, 'typing'), indented)).toEqual({ start: 2, end: 14 });
  });

  it('takes the previous line break on a last line without one', () => {
    const text = 'requests\ntyping';
    expect(removalSpan(spanOf(text, 'typing'), text)).toEqual({ start: 8, end: 15 });
  });

  it('keeps spans that share their line, or already end with a line break', () => {
    const text = 'deps = ["typing", "requests"]\n';
    expect(removalSpan(spanOf(text, '"typing", '), text)).toEqual(spanOf(text, '"typing", '));
    const whole = 'typing\n\nrequests\n';
    expect(removalSpan({ start: 0, end: 7 }, whole)).toEqual({ start: 0, end: 7 });
  });
});

describe('readFixData', () => {
  it('accepts well-formed data that fits the text and rejects the rest', () => {
    expect(readFixData({ fix: 'remove', span: { start: 0, end: 3 }, title: 'Remove' }, 10)).toEqual({ fix: 'remove', span: { start: 0, end: 3 }, title: 'Remove' });
    expect(readFixData({ fix: 'replace', span: { start: 1, end: 2 }, newText: 'x', title: 'Replace' }, 10)).toMatchObject({ newText: 'x' });
    for (const bad of [null, 'remove', {}, { fix: 'remove', span: { start: 5, end: 3 }, title: 't' }, { fix: 'remove', span: { start: 0, end: 11 }, title: 't' }, { fix: 'replace', span: { start: 0, end: 1 }, title: 't' }, { fix: 'rename', span: { start: 0, end: 1 }, title: 't' }]) {
      expect(readFixData(bad, 10)).toBeNull();
    }
  });
});

describe('readFixes', () => {
  it('reads one fix or an array of fixes, including multi-edit fixes, dropping malformed entries', () => {
    const remove = { fix: 'remove', span: { start: 0, end: 3 }, title: 'Remove' };
    const all = { fix: 'edits', edits: [{ span: { start: 6, end: 8 }, newText: 'b' }, { span: { start: 1, end: 2 }, newText: 'a' }], title: 'Update all' };
    expect(readFixes(remove, 10)).toEqual([remove]);
    expect(readFixes([remove, { fix: 'bogus' }, all], 10)).toEqual([remove, { ...all, edits: [all.edits[1], all.edits[0]] }]);
    expect(readFixes({ fix: 'edits', edits: [{ span: { start: 0, end: 4 }, newText: '' }, { span: { start: 2, end: 5 }, newText: '' }], title: 'overlap' }, 10)).toEqual([]);
    expect(readFixes({ fix: 'edits', edits: [{ span: { start: 0, end: 40 }, newText: '' }], title: 'outside' }, 10)).toEqual([]);
    expect(readFixes(undefined, 10)).toEqual([]);
  });

  it('turns a multi-edit fix into one text edit per span', () => {
    const text = 'a==1\nb==2\n';
    const edits = fixToTextEdits({ fix: 'edits', edits: [{ span: { start: 3, end: 4 }, newText: '5' }, { span: { start: 8, end: 9 }, newText: '6' }], title: 't' }, text, new LineIndex(text));
    expect(edits).toEqual([
      { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, newText: '5' },
      { range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } }, newText: '6' },
    ]);
  });
});

describe('readSettings', () => {
  it('falls back to defaults for missing or wrong values', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ enable: 'no', logLevel: 'loud', diagnostics: { debounceMs: -1 } })).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ enable: false, logLevel: 'debug', diagnostics: { debounceMs: 400 } })).toEqual({
      ...DEFAULT_SETTINGS,
      enable: false,
      logLevel: 'debug',
      diagnostics: { debounceMs: 400, outdated: 'hint' },
    });
  });

  it('reads the index, cache, network and inlay hint settings', () => {
    const settings = readSettings({
      indexes: [{ url: ' https://pypi.example/simple/ ', name: 'corp', default: true }, { url: '' }, { name: 'no-url' }, 'https://bad'],
      offline: true,
      cache: { ttlMinutes: 30, maxSizeMB: 0 },
      http: { caFile: '/etc/corp-ca.pem' },
      inlayHints: { enabled: false, style: 'check' },
      diagnostics: { outdated: 'off' },
      network: { concurrency: 4.4 },
    });
    expect(settings.indexes).toEqual([{ url: 'https://pypi.example/simple/', name: 'corp', default: true }]);
    expect(settings.offline).toBe(true);
    expect(settings.cache).toEqual({ ttlMinutes: 30, maxSizeMB: DEFAULT_SETTINGS.cache.maxSizeMB });
    expect(settings.http.caFile).toBe('/etc/corp-ca.pem');
    expect(settings.inlayHints).toEqual({ enabled: false, style: 'check' });
    expect(settings.diagnostics.outdated).toBe('off');
    expect(settings.network.concurrency).toBe(4);
    expect(readSettings({ inlayHints: { style: 'fancy' }, diagnostics: { outdated: 'error' } })).toMatchObject({ inlayHints: { style: 'latest' }, diagnostics: { outdated: 'hint' } });
  });
});

describe('hover content', () => {
  const requirement: Requirement = {
    name: 'weird`name',
    normalizedName: 'weird-name',
    extras: [],
    specifier: '>=1.2,<2',
    constraint: '^1.2',
    marker: null,
    url: null,
    group: 'poetry-group:dev',
    index: 'pytorch',
    spans: { whole: { start: 0, end: 20 }, name: { start: 0, end: 10 } },
  };

  it('finds the requirement under the cursor, name end included', () => {
    const file = { ...emptyParsedFile('/p/pyproject.toml', 'pyproject'), requirements: [requirement] };
    expect(findHoverTarget(file, 10)?.kind).toBe('requirement');
    expect(findHoverTarget(file, 11)).toBeNull();
  });

  it('shows the Poetry constraint as written next to its PEP 440 form, and the index', () => {
    const markdown = hoverMarkdown({ kind: 'requirement', requirement, span: requirement.spans.name });
    expect(markdown).toContain('weird\\`name');
    expect(markdown).toContain('`>=1.2,<2`');
    expect(markdown).toContain('`^1.2`');
    expect(markdown).toContain('`pytorch`');
    expect(markdown).toContain('`poetry-group:dev`');
  });
});
