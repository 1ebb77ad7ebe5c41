import { describe, expect, it } from 'vitest';
import { offsetFromLineColumn, parseLockToml } from '../../../server/src/core/formats/locks/lock-toml';
import { findKeyValueSpan, locateEntries, tableRegion, topLevelRegion } from '../../../server/src/core/formats/locks/entry-spans';

describe('parseLockToml', () => {
  it('parses valid TOML without findings', () => {
    expect(parseLockToml('a = 1\n[t]\nb = "x"\n')).toEqual({ document: { a: 1, t: { b: 'x' } }, errors: [] });
  });

  it('reports invalid-toml at the error and keeps the tables around it', () => {
    const text = 'a = 1\n\n[good]\nb = 2\n\n[bad]\nc = "unterminated\n\n[after]\nd = 3\n';
    const { document, errors } = parseLockToml(text);
    expect(document).toEqual({ a: 1, good: { b: 2 }, bad: { c: 'unterminated' }, after: { d: 3 } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'invalid-toml', severity: 'error' });
    expect(errors[0].message).not.toContain('\n');
    expect(text.slice(errors[0].span.start, errors[0].span.end)).toContain('unterminated');
  });

  it('skips the broken line and reads the tables after it', () => {
    const { document, errors } = parseLockToml('a = = 1\n[t]\n');
    expect(document).toEqual({ t: {} });
    expect(errors).toHaveLength(1);
    expect(errors[0].span.start).toBeLessThan(8);
  });

  it('gives a one-character span at the end of a truncated file', () => {
    const text = 'a = [';
    const { errors } = parseLockToml(text);
    expect(errors[0].span.start).toBeGreaterThanOrEqual(0);
    expect(errors[0].span.end).toBeLessThanOrEqual(text.length);
    expect(errors[0].span.end).toBeGreaterThan(errors[0].span.start);
  });
});

describe('offsetFromLineColumn', () => {
  it('counts CRLF as one line end and columns in UTF-16 units', () => {
    const text = 'ab\r\ncd\n€x = y';
    expect(offsetFromLineColumn(text, 1, 1)).toBe(0);
    expect(offsetFromLineColumn(text, 2, 2)).toBe(5);
    expect(offsetFromLineColumn(text, 3, 2)).toBe(text.indexOf('x'));
    expect(offsetFromLineColumn(text, 9, 1)).toBe(text.length);
  });
});

describe('entry spans', () => {
  it('finds each entry name after its header, skipping names of sub-tables and inline dependencies', () => {
    const text = [
      '[[package]]',
      'version = "1"',
      'name = "first"',
      'dependencies = [',
      '    { name = "second" },',
      ']',
      '[[package.wheels]]',
      "name = 'wheel-name'",
      '[[package]]',
      "name = 'second'",
      '[[package]]',
      '[package.sdist]',
      'name = "not-a-package-name"',
    ].join('\n');
    const locations = locateEntries(text, 'package', ['first', 'second', undefined]);
    expect(locations.map((location) => location.name && text.slice(location.name.start, location.name.end))).toEqual(['first', 'second', undefined]);
    expect(locations.map((location) => location.header && text.slice(location.header.start, location.header.end))).toEqual(['[[package]]', '[[package]]', '[[package]]']);
  });

  it('finds key values in a region', () => {
    const text = 'lock-version = "1.0"  # comment\nsize = 12 # bytes\n[metadata]\npython-versions = \'^3.9\'\n[other]\npython-versions = "x"\n';
    const top = topLevelRegion(text);
    const span = (key: string, region = top) => {
      const found = findKeyValueSpan(text, key, region);
      return found && text.slice(found.start, found.end);
    };
    expect(span('lock-version')).toBe('1.0');
    expect(span('size')).toBe('12');
    expect(span('python-versions')).toBeUndefined();
    expect(span('python-versions', tableRegion(text, '[metadata]'))).toBe('^3.9');
    expect(tableRegion(text, '[missing]')).toBeUndefined();
  });
});
