import { describe, expect, it } from 'vitest';
import { translatePoetryConstraint } from '../../../server/src/core/poetry/constraint';

/**
 * Expected PEP 440 text for Poetry constraints, derived from poetry-core's rules
 * (constraints/version/parser.py, patterns.py, version/pep440 segments & version):
 * caret = next_breaking of the stable release, tilde = next_minor (next_major for one part),
 * `~=` = next_major for two parts else next_minor; bumps keep the written precision.
 */
const CASES: [constraint: string, pep440: string][] = [
  // caret
  ['^1.2.3', '>=1.2.3,<2.0.0'],
  ['^1.2', '>=1.2,<2.0'],
  ['^1', '>=1,<2'],
  ['^0.2.3', '>=0.2.3,<0.3.0'],
  ['^0.2', '>=0.2,<0.3'],
  ['^0.0.3', '>=0.0.3,<0.0.4'],
  ['^0.0', '>=0.0,<0.1'],
  ['^0', '>=0,<1'],
  ['^0.0.0', '>=0.0.0,<0.0.1'],
  ['^1.2.3.4', '>=1.2.3.4,<2.0.0.0'],
  ['^0.0.3.4', '>=0.0.3.4,<0.0.4.0'],
  ['~ 1.2', '>=1.2,<1.3'],
  ['^1.2.3b1', '>=1.2.3b1,<2.0.0'],
  ['^0.2.0rc1', '>=0.2.0rc1,<0.3.0'],
  ['^1.0.0.dev3', '>=1.0.0.dev3,<2.0.0'],
  ['^1!2.0', '>=1!2.0,<1!3.0'],
  ['^v1.2', '>=1.2,<2.0'],
  // tilde
  ['~1.2.3', '>=1.2.3,<1.3.0'],
  ['~1.2', '>=1.2,<1.3'],
  ['~1', '>=1,<2'],
  ['~1.2.3b1', '>=1.2.3b1,<1.3.0'],
  ['~1.2.3.4', '>=1.2.3.4,<1.3.0.0'],
  // PEP 440 compatible release
  ['~=1.2', '>=1.2,<2.0'],
  ['~=1.2.3', '>=1.2.3,<1.3.0'],
  ['~=1', '>=1,<1.1'],
  ['~= 2.2.post3', '>=2.2.post3,<3.0'],
  // any
  ['*', ''],
  ['', ''],
  ['  ', ''],
  ['x', ''],
  ['X.*', ''],
  ['v*', ''],
  // wildcards
  ['1.2.*', '==1.2.*'],
  ['1.*', '==1.*'],
  ['==1.2.*', '==1.2.*'],
  ['!=1.2.*', '!=1.2.*'],
  ['== 3.*', '==3.*'],
  ['1.2.3.4.*', '==1.2.3.4.*'],
  ['>=1.2.*', '>=1.2'],
  ['1.0a1.*', '>=1.0a1.dev0,<1.0a2.dev0'],
  // comparisons
  ['1.2.3', '==1.2.3'],
  ['v1.2.3', '==1.2.3'],
  ['==1.2.3', '==1.2.3'],
  ['=1.2.3', '==1.2.3'],
  ['!=1.2.3', '!=1.2.3'],
  // poetry-core's pattern accepts `<>` but treats it like no operator (parser.py falls through to the version).
  ['<>1.2.3', '==1.2.3'],
  ['<2', '<2'],
  ['<=2.0', '<=2.0'],
  ['>1.0', '>1.0'],
  ['>=1.0', '>=1.0'],
  ['>= 1.0', '>=1.0'],
  ['>=1.0rc1', '>=1.0rc1'],
  ['==1.0+local.7', '==1.0+local.7'],
  ['1.0.post1', '==1.0.post1'],
  ['dev', '==0.0.dev0'],
  // AND: comma- or space-joined, trailing comma tolerated
  ['>=1.2,<2.0', '>=1.2,<2.0'],
  ['>=1.2 <2.0', '>=1.2,<2.0'],
  ['>=1.2, <2.0', '>=1.2,<2.0'],
  ['>= 1.2, < 2.0', '>=1.2,<2.0'],
  ['>=1.2 , <2.0', '>=1.2,<2.0'],
  ['>=1.2,', '>=1.2'],
  ['^1.2 !=1.4.0', '>=1.2,<2.0,!=1.4.0'],
  // AND parts intersect: the tightest bounds remain, lower bound first (poetry-core VersionRange.intersect)
  ['^3.12,<3.14', '>=3.12,<3.14'],
  ['<2.0,>=1.2', '>=1.2,<2.0'],
  ['>=1,>=1.5,>1.5', '>1.5'],
  ['<=2,<2', '<2'],
  ['!=1.4.0 ^1.2', '>=1.2,<2.0,!=1.4.0'],
  // OR
  ['^1.2 || ^3.0', '>=1.2,<2.0 || >=3.0,<4.0'],
  ['~2.7||^3.6', '>=2.7,<2.8 || >=3.6,<4.0'],
  ['1.0 | 2.0', '==1.0 || ==2.0'],
  ['>=1 <2 || 3.*', '>=1,<2 || ==3.*'],
  ['^1.0 || *', ''],
];

describe('translatePoetryConstraint', () => {
  it.each(CASES)('%j → %j', (constraint, pep440) => {
    const result = translatePoetryConstraint(constraint);
    expect(result.errors).toEqual([]);
    expect(result.value?.pep440).toBe(pep440);
  });

  it('lists the alternatives of a union', () => {
    expect(translatePoetryConstraint('^1.2 || ^3.0').value?.alternatives).toEqual(['>=1.2,<2.0', '>=3.0,<4.0']);
    expect(translatePoetryConstraint('^1.2').value?.alternatives).toEqual(['>=1.2,<2.0']);
    expect(translatePoetryConstraint('*').value?.alternatives).toEqual([]);
  });

  const INVALID: [constraint: string, spanText: string][] = [
    ['foo', 'foo'],
    ['^^1.0', '^^1.0'],
    ['~=1.2.*', '~=1.2.*'],
    ['>=1.2 <two', '<two'],
    ['^1.0 || bad', 'bad'],
    ['  >=1, =>2', '=>2'],
  ];
  it.each(INVALID)('rejects %j with a span on %j', (constraint, spanText) => {
    const result = translatePoetryConstraint(constraint);
    expect(result.value).toBeNull();
    expect(result.errors).toHaveLength(1);
    const { start, end } = result.errors[0].span;
    expect(constraint.slice(start, end)).toBe(spanText);
    expect(result.errors[0].message).toContain('Could not parse version constraint');
  });

  /**
   * poetry-core 1.x X ranges with `x`/`X` wildcards (Poetry ≤ 1.8; poetry-core 2.0 dropped them),
   * and whitespace after `^` (poetry-core's whitespace-padding tests parse `    ^    3.8    `).
   */
  const ACCEPTED: [constraint: string, pep440: string][] = [
    ['1.x', '==1.*'],
    ['1.2.x', '==1.2.*'],
    ['1.2.X', '==1.2.*'],
    ['v1.X', '==1.*'],
    ['1.x.x', '==1.*'],
    ['!=1.x', '!=1.*'],
    ['==1.2.x', '==1.2.*'],
    ['>=1.0,!=1.3.x', '>=1.0,!=1.3.*'],
    ['^ 1.2', '>=1.2,<2.0'],
    ['    ^    3.8    ', '>=3.8,<4.0'],
    ['^ 1.2 || ^ 2.0', '>=1.2,<2.0 || >=2.0,<3.0'],
  ];
  it.each(ACCEPTED)('accepts %j as %j', (constraint, pep440) => {
    const result = translatePoetryConstraint(constraint);
    expect(result.errors).toEqual([]);
    expect(result.value?.pep440).toBe(pep440);
  });

  const LOCAL_IN_RANGE: [constraint: string, spanText: string][] = [
    ['>=1.2+cpu', '>=1.2+cpu'],
    ['^1.0+local', '^1.0+local'],
    ['~1.0+x', '~1.0+x'],
    ['~=1.0+cu121', '~=1.0+cu121'],
    ['>=1.0, <2.0+local', '<2.0+local'],
  ];
  it.each(LOCAL_IN_RANGE)('reports a local version in the range %j as local-version-in-range on %j', (constraint, spanText) => {
    const result = translatePoetryConstraint(constraint);
    expect(result.value).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].code).toBe('local-version-in-range');
    expect(constraint.slice(result.errors[0].span.start, result.errors[0].span.end)).toBe(spanText);
  });

  it('keeps local versions with exact operators', () => {
    expect(translatePoetryConstraint('1.0+local').value?.pep440).toBe('==1.0+local');
    expect(translatePoetryConstraint('!=1.0+local').value?.pep440).toBe('!=1.0+local');
  });

  it('reports an empty alternative over the whole constraint', () => {
    const result = translatePoetryConstraint('^1.0 ||');
    expect(result.value).toBeNull();
    expect(result.errors[0].span).toEqual({ start: 0, end: 7 });
  });
});
