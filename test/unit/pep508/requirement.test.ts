import { describe, expect, it } from 'vitest';
import { parseRequirement } from '../../../server/src/core/pep508';
import type { Span } from '../../../server/src/core/span';

function slice(text: string, span: Span | undefined): string | undefined {
  return span ? text.slice(span.start, span.end) : undefined;
}

function parsed(text: string) {
  const result = parseRequirement(text);
  expect(result.errors).toEqual([]);
  if (!result.value) throw new Error(`no value for ${text}`);
  return result.value;
}

/** The only error for text, with the text its span covers. */
function singleError(text: string) {
  const { value, errors } = parseRequirement(text);
  expect(value).toBeNull();
  expect(errors).toHaveLength(1);
  return { ...errors[0], covered: text.slice(errors[0].span.start, errors[0].span.end) };
}

describe('parseRequirement: values and spans', () => {
  it('gives spans for every part of a full requirement', () => {
    const text = '  Foo.Bar_baz [ Security , tests ] ( >= 1.0 , < 2 ) ; python_version >= "3.8" and os_name == \'posix\'  ';
    const value = parsed(text);
    expect(value.name).toBe('Foo.Bar_baz');
    expect(slice(text, value.nameSpan)).toBe('Foo.Bar_baz');
    expect(value.extras).toEqual(['Security', 'tests']);
    expect(slice(text, value.extrasSpan)).toBe('[ Security , tests ]');
    expect(value.specifier).toBe('>=1.0,<2');
    expect(slice(text, value.specifierSpan)).toBe('>= 1.0 , < 2');
    expect(value.url).toBeNull();
    expect(value.urlSpan).toBeUndefined();
    expect(value.marker?.text).toBe('python_version >= "3.8" and os_name == "posix"');
    expect(slice(text, value.markerSpan)).toBe('python_version >= "3.8" and os_name == \'posix\'');
  });

  it('reads a bare specifier without parentheses', () => {
    const text = 'requests>=2.8.1,==2.8.*;python_version<"2.7"';
    const value = parsed(text);
    expect(slice(text, value.specifierSpan)).toBe('>=2.8.1,==2.8.*');
    expect(value.specifier).toBe('>=2.8.1,==2.8.*');
    expect(slice(text, value.markerSpan)).toBe('python_version<"2.7"');
  });

  it('reads a URL up to whitespace, keeping a glued semicolon in the URL', () => {
    const text = 'pkg[a] @ https://example.com/name;v=1.1/?q=1#frag  ; sys_platform == "linux"';
    const value = parsed(text);
    expect(value.url).toBe('https://example.com/name;v=1.1/?q=1#frag');
    expect(slice(text, value.urlSpan)).toBe(value.url);
    expect(value.specifier).toBe('');
    expect(value.specifierSpan).toBeUndefined();
    expect(slice(text, value.markerSpan)).toBe('sys_platform == "linux"');
  });

  it('accepts a name alone, empty extras and empty parentheses', () => {
    expect(parsed('name')).toMatchObject({ name: 'name', extras: [], specifier: '', url: null, marker: null });
    expect(parsed('name[]').extrasSpan).toEqual({ start: 4, end: 6 });
    expect(parsed('name ()').specifier).toBe('');
    expect(parsed('name===arbitrary-thing').specifier).toBe('===arbitrary-thing');
  });

  it('keeps the specifier text of each operator', () => {
    for (const [text, specifier] of [
      ['a~=1.4.2', '~=1.4.2'], ['a!=1.0.*', '!=1.0.*'], ['a==1.0+local', '==1.0+local'], ['a>1.0.post1', '>1.0.post1'],
      ['a<=1!2.0rc1', '<=1!2.0rc1'], ['a (==1.0)', '==1.0'],
    ]) {
      expect(parsed(text).specifier, text).toBe(specifier);
    }
  });
});

describe('parseRequirement: errors', () => {
  it('points at a missing name', () => {
    expect(singleError('')).toMatchObject({ code: 'invalid-requirement', message: 'Expected package name at the start of dependency specifier', span: { start: 0, end: 0 } });
    expect(singleError('  ==1.0')).toMatchObject({ message: 'Expected package name at the start of dependency specifier', covered: '==' });
  });

  it('refuses names that end in a separator (PEP 508)', () => {
    expect(singleError('name_ >= 1')).toMatchObject({ message: 'Expected package name to end with a letter or digit', covered: 'name_' });
    expect(singleError('name[dev-]')).toMatchObject({ message: 'Expected extra name to end with a letter or digit', covered: 'dev-' });
  });

  it('points at extras mistakes', () => {
    expect(singleError('name[bar baz]')).toMatchObject({ message: 'Expected comma between extra names', covered: 'baz' });
    expect(singleError('name[bar, baz,]')).toMatchObject({ message: 'Expected extra name after comma', covered: ']' });
    expect(singleError('name[bar, baz')).toMatchObject({ message: 'Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras', covered: '[bar, baz' });
  });

  it('points at specifier mistakes', () => {
    expect(singleError('name (>= 1.0')).toMatchObject({ message: 'Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier', covered: '(>= 1.0' });
    expect(singleError('name >= 1.0 <= 2.0')).toMatchObject({ message: 'Expected comma (within version specifier), semicolon (after version specifier) or end', covered: '<=' });
    expect(singleError('name 1.0')).toMatchObject({ message: 'Expected semicolon (after name with no version specifier) or end', covered: '1.0' });
    expect(singleError('name==')).toMatchObject({ message: "Expected semicolon (after name with no version specifier) or end: the operator '==' needs a version after it", covered: '==' });
    expect(singleError('name>=1\n')).toMatchObject({ covered: '\n' });
  });

  it('keeps the specifier error codes of parseSpecifierSet, with spans in the requirement', () => {
    const local = singleError('torch >= 2.0+cu118 ; sys_platform == "linux"');
    expect(local.code).toBe('local-version-in-range');
    expect(local.covered).toContain('2.0+cu118');
    const wildcard = singleError('black (>=20.*) ; extra == "format"');
    expect(wildcard.code).toBe('invalid-specifier');
    expect(wildcard.covered).toContain('20.*');
    const arbitrary = singleError('demo===x,y');
    expect(arbitrary.code).toBe('invalid-specifier');
    expect(arbitrary.covered).toBe('y');
  });

  it("reports `~=` with a single release segment as invalid-specifier at the specifier, not as a syntax error", () => {
    for (const [requirement, covered] of [['django~=4', '~=4'], ['django ~= 4 ; python_version > "3"', '~= 4'], ['django (~=4)', '~=4'], ['django~=4,<5', '~=4']]) {
      const error = singleError(requirement);
      expect(error, requirement).toMatchObject({ code: 'invalid-specifier', message: "'~=' needs at least two release segments (e.g. '~=4.0').", covered });
    }
  });

  it('points at URL mistakes', () => {
    expect(singleError('name @ ')).toMatchObject({ message: 'Expected URL after @', span: { start: 7, end: 7 } });
    const glued = singleError("name @ https://example.com/; extra == 'example'");
    expect(glued.message).toMatch(/^Expected semicolon \(after URL and whitespace\) or end/);
    expect(glued.covered).toBe(';');
  });

  it('points at marker mistakes', () => {
    expect(singleError('name; invalid_name')).toMatchObject({ message: 'Expected a marker variable or quoted string', covered: 'invalid_name' });
    expect(singleError("name; '3.7' ~ python_version")).toMatchObject({ message: 'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in', covered: '~' });
    expect(singleError("name; '3.7' notin python_version")).toMatchObject({ covered: 'notin' });
    expect(singleError("name; '3.7' not python_version")).toMatchObject({ message: "Expected 'in' after 'not'", covered: 'python_version' });
    expect(singleError('name; os_name == "C:\\"')).toMatchObject({ message: 'Invalid quoted string', covered: '"C:\\"' });
    expect(singleError("name; (extra == 'example'")).toMatchObject({ message: 'Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', covered: "(extra == 'example'" });
    expect(singleError('name; os_name == "posix')).toMatchObject({ covered: '"posix' });
    expect(singleError('name; python_version >= "3"\r\n')).toMatchObject({ message: 'Expected end of dependency specifier', covered: '\r' });
    expect(singleError('name;')).toMatchObject({ message: 'Expected a marker variable or quoted string', span: { start: 5, end: 5 } });
  });
});
