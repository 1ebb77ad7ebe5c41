import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  filterVersions,
  isPrerelease,
  normalizeVersion,
  parseSpecifierSet,
  specifierSetContains,
  type SpecifierSet,
} from '../../../server/src/core/pep440';

function set(text: string): SpecifierSet {
  const { value, errors } = parseSpecifierSet(text);
  expect(errors).toEqual([]);
  return value!;
}

function contains(specifier: string, version: string, prereleases = true): boolean {
  return specifierSetContains(set(specifier), version, { prereleases });
}

describe('cases @renovatebot/pep440 satisfies() gets wrong', () => {
  it('1.0 is in <1.0.post1 (only pre-releases of a final V are excluded by <V)', () => {
    expect(contains('<1.0.post1', '1.0')).toBe(true);
  });
  it('3.0.0a8 is in >3.0.0a7 with pre-releases on', () => {
    expect(contains('>3.0.0a7', '3.0.0a8')).toBe(true);
  });
  it('2 is in ==2.0.* (the candidate is padded with zeros)', () => {
    expect(contains('==2.0.*', '2')).toBe(true);
    expect(contains('!=2.0.*', '2')).toBe(false);
  });
  it('2!1.0 is in >1 (a later epoch is greater)', () => {
    expect(contains('>1', '2!1.0')).toBe(true);
  });
  it('does not throw on a non-PEP 440 version', () => {
    expect(contains('>=1.0', 'not a version')).toBe(false);
    expect(contains('===not-a-version', 'NOT-A-VERSION')).toBe(true);
  });
});

describe('local versions', () => {
  it('==V without a local label ignores the candidate label', () => {
    expect(contains('==2.3.0', '2.3.0+cu121')).toBe(true);
    expect(contains('==2.3', '2.3.0+cu121')).toBe(true);
    expect(contains('!=2.3.0', '2.3.0+cu121')).toBe(false);
  });
  it('==V+label is exact', () => {
    expect(contains('==2.3.0+cu121', '2.3.0+cu121')).toBe(true);
    expect(contains('==2.3.0+cu121', '2.3.0+CU121')).toBe(true);
    expect(contains('==2.3.0+cu121', '2.3.0')).toBe(false);
    expect(contains('==2.3.0+cu121', '2.3.0+cu118')).toBe(false);
    expect(contains('!=2.3.0+cu121', '2.3.0+cu118')).toBe(true);
  });
  it('ordered operators treat V+label as V for <= and >=, and exclude it for < and >', () => {
    expect(contains('<=2.3.0', '2.3.0+cu121')).toBe(true);
    expect(contains('>=2.3.0', '2.3.0+cu121')).toBe(true);
    expect(contains('>2.3.0', '2.3.0+cu121')).toBe(false);
    expect(contains('<2.3.0', '2.3.0+cu121')).toBe(false);
    expect(contains('<2.4', '2.3.0+cu121')).toBe(true);
    expect(contains('~=2.3', '2.3.1+cpu')).toBe(true);
  });
});

describe('exclusive ordered comparisons', () => {
  it('<V excludes pre-releases of V unless V is a pre-release', () => {
    expect(contains('<2.0', '2.0rc1')).toBe(false);
    expect(contains('<2.0', '2.0.dev5')).toBe(false);
    expect(contains('<2.0', '1.9.9rc1')).toBe(true);
    expect(contains('<2.0rc2', '2.0rc1')).toBe(true);
  });
  it('>V excludes post-releases of V unless V is a post-release', () => {
    expect(contains('>2.0', '2.0.post1')).toBe(false);
    expect(contains('>2.0', '2.0.0.post1')).toBe(false);
    expect(contains('>2.0', '2.0.1')).toBe(true);
    expect(contains('>2.0.post1', '2.0.post2')).toBe(true);
    expect(contains('>2.0.post1', '2.0.post1+local')).toBe(false);
  });
  it('~= needs the same prefix and at least V', () => {
    expect(contains('~=1.4.5', '1.4.9')).toBe(true);
    expect(contains('~=1.4.5', '1.5.0')).toBe(false);
    expect(contains('~=1.4', '1.9')).toBe(true);
    expect(contains('~=1.4', '2.0')).toBe(false);
    expect(contains('~=1.4', '1.3')).toBe(false);
  });
});

describe('pre-release policy', () => {
  it('undefined allows pre-releases only when a specifier mentions one', () => {
    expect(specifierSetContains(set('>=1.0'), '2.0b1')).toBe(false);
    expect(specifierSetContains(set('>=1.0b1'), '2.0b1')).toBe(true);
    expect(specifierSetContains(set('>=1.0,!=2.0b1'), '2.0b2')).toBe(false);
    expect(specifierSetContains(set('>=1.0'), '2.0b1', { prereleases: true })).toBe(true);
    expect(specifierSetContains(set('>=1.0b1'), '2.0b1', { prereleases: false })).toBe(false);
  });
  it('filterVersions returns pre-releases only when no final release matches', () => {
    expect(filterVersions(set('>=1.0'), ['0.9', '1.0', '2.0b1'])).toEqual(['1.0']);
    expect(filterVersions(set('>=1.5'), ['0.9', '1.0', '2.0b1', '2.0rc1'])).toEqual(['2.0b1', '2.0rc1']);
    expect(filterVersions(set('>=1.5'), ['2.0b1'], { prereleases: false })).toEqual([]);
    expect(filterVersions(set('>=1.5b1'), ['2.0', '2.0b1'])).toEqual(['2.0', '2.0b1']);
  });
});

describe('parseSpecifierSet', () => {
  it('allows whitespace and normalizes the text', () => {
    const { value, errors } = parseSpecifierSet(' >= 1.0 , < 2 ');
    expect(errors).toEqual([]);
    expect(value?.text).toBe('>=1.0,<2');
    expect(value?.specifiers.map((s) => [s.operator, s.version, s.span])).toEqual([
      ['>=', '1.0', { start: 1, end: 7 }],
      ['<', '2', { start: 10, end: 13 }],
    ]);
  });
  it('gives an empty set for empty text, matching everything', () => {
    const value = set('');
    expect(value).toEqual({ specifiers: [], text: '' });
    expect(specifierSetContains(value, '1.0')).toBe(true);
    expect(specifierSetContains(value, '1.0a1', { prereleases: true })).toBe(true);
    expect(set('  ').specifiers).toEqual([]);
  });
  it('reports a local label in a range operator as local-version-in-range with its span', () => {
    const text = '>=2.1+cpu, <2+cu121 ,~=2.1+cpu';
    const { value, errors } = parseSpecifierSet(text);
    expect(value).toBeNull();
    expect(errors.map((e) => [e.code, text.slice(e.span.start, e.span.end)])).toEqual([
      ['local-version-in-range', '>=2.1+cpu'],
      ['local-version-in-range', '<2+cu121'],
      ['local-version-in-range', '~=2.1+cpu'],
    ]);
    expect(errors[0].message).toContain('+cpu');
  });
  it.each([
    ['2.0', 'Missing operator'],
    ['=>2.0', "did you mean '>='"],
    ['=2.0', "use '=='"],
    ['^1.2', 'not a PEP 440 operator'],
    ['==', 'Missing version'],
    ['~=1', 'two release segments'],
    ['>=1.0.*', "only allowed with '==' and '!='"],
    ['==2.0a1.*', "'.*' must follow a release number"],
    ['==1.0+5.*', "'.*' must follow a release number"],
    ['==1.0.*.5', "'.*' may only end"],
    ['==french toast', 'cannot contain spaces'],
    ['>=1.0 <2', "Missing ','"],
    ['==1.0+İ', 'not PEP 440'],
    ['=== a;b', "cannot contain whitespace, ';' or ')'"],
  ])('reports %j as invalid-specifier (%s)', (text, message) => {
    const { value, errors } = parseSpecifierSet(`>=0, ${text}`);
    expect(value).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('invalid-specifier');
    expect(errors[0].message).toContain(message);
    expect(errors[0].span).toEqual({ start: 5, end: 5 + text.length });
  });
  it('ignores empty pieces between commas, as packaging does', () => {
    expect(set('>=1,,<2,').text).toBe('>=1,<2');
  });
});

describe('versions', () => {
  it('normalizes, orders and classifies', () => {
    expect(normalizeVersion(' V1.0-ALPHA.1 ')).toBe('1.0a1');
    expect(normalizeVersion('1.0+Ubuntu-1')).toBe('1.0+ubuntu.1');
    expect(normalizeVersion('nope')).toBeNull();
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('1.0.dev0', '1.0a0')).toBeLessThan(0);
    expect(compareVersions('1.0+abc', '1.0+1')).toBeLessThan(0);
    expect(compareVersions('nope', '0.dev0')).toBeLessThan(0);
    expect(compareVersions('a', 'b')).toBeLessThan(0);
    expect(compareVersions('a', 'a')).toBe(0);
    expect(isPrerelease('1.0.dev1')).toBe(true);
    expect(isPrerelease('1.0.post1')).toBe(false);
    expect(isPrerelease('nope')).toBe(false);
  });
  it('treats an all-digit local part as a number and anything else as text', () => {
    expect(normalizeVersion('1.0+1e5')).toBe('1.0+1e5');
    expect(compareVersions('1.0+1e5', '1.0+100000')).toBeLessThan(0);
    expect(compareVersions('1.0+007', '1.0+7')).toBe(0);
  });
});
