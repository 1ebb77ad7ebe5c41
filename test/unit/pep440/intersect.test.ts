import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSpecifierSet, specifierSetContains, specifierSetsIntersect, type SpecifierSet } from '../../../server/src/core/pep440';
import { findCommonVersion } from '../../../server/src/core/pep440/intersect';

function set(text: string): SpecifierSet {
  const { value, errors } = parseSpecifierSet(text);
  expect(errors).toEqual([]);
  return value!;
}

function intersects(a: string, b: string): boolean {
  return specifierSetsIntersect(set(a), set(b));
}

describe('specifierSetsIntersect', () => {
  it.each([
    ['>=2', '<2', false],
    ['>=2', '<2.0.1', true],
    ['==1.*', '>=1.5', true],
    ['~=1.4', '>=2', false],
    ['~=1.4', '>=1.9', true],
    ['==2.3.0', '==2.3.0+cu121', true],
    ['==2.3.0+cu118', '==2.3.0+cu121', false],
    ['!=2.3.0', '==2.3.0+cu121', false],
    ['>2.0', '<=2.0.post5', false],
    ['>2.0', '<2.0.0.1', true],
    ['>1.0', '<1.0.1', true],
    ['>2.0a1', '<2.0a2', true],
    ['>2.0a1', '<=2.0a1.post3', false],
    ['>=2.0,!=2.0', '<2.0.post0', false],
    ['>=2.0,!=2.0', '<=2.0.post0', true],
    ['==1.0.*', '!=1.*', false],
    ['!=1.*', '>=1.0,<2.0.dev0', false],
    ['!=1.*', '>=1.0,<=2.0.dev0', true],
    ['<1!0', '>=1!0', false],
    ['>1', '==2!0.1', true],
    ['', '', true],
    ['', '<0.dev0', false],
    ['===foo', '===FOO', true],
    ['===foo', '>=1', false],
    ['===1.5', '>=1,<2', true],
  ])('%j with %j -> %s', (a, b, expected) => {
    expect(intersects(a, b)).toBe(expected);
    expect(intersects(b, a)).toBe(expected);
  });

  // A dense grid of versions and random small sets: whenever a grid version satisfies both sets the
  // function must say so, and whenever it says so its witness must satisfy both sets.
  const releases = ['0', '1', '1.0.1', '1.1', '2', '2.0.0.1', '1!1'];
  const suffixes = ['', '.dev0', '.dev1', 'a1', 'a1.post1', 'a2.dev0', 'rc1', '.post0', '.post1', '.post1.dev2', '+loc', '.post1+loc'];
  const grid = releases.flatMap((release) => suffixes.map((suffix) => release + suffix));
  const operators = ['==', '!=', '<', '<=', '>', '>=', '~='];
  const specifierText = fc.oneof(
    fc.tuple(fc.constantFrom(...operators), fc.constantFrom(...grid)).map(([op, version]) => op + version),
    fc.tuple(fc.constantFrom('==', '!='), fc.constantFrom('1', '1.0', '2', '1!1')).map(([op, prefix]) => `${op}${prefix}.*`),
  );
  const setText = fc.array(specifierText, { maxLength: 3 }).map((parts) => parts.join(','));

  it('agrees with a brute-force search and returns a real witness', () => {
    fc.assert(
      fc.property(setText, setText, (aText, bText) => {
        const a = parseSpecifierSet(aText).value;
        const b = parseSpecifierSet(bText).value;
        fc.pre(a !== null && b !== null);
        const both = (version: string) =>
          specifierSetContains(a!, version, { prereleases: true }) && specifierSetContains(b!, version, { prereleases: true });
        const witness = findCommonVersion(a!, b!);
        if (witness !== null) expect(both(witness), `${witness} in ${aText} & ${bText}`).toBe(true);
        const gridWitness = grid.find(both);
        if (gridWitness !== undefined) expect(witness, `${gridWitness} satisfies ${aText} & ${bText}`).not.toBeNull();
      }),
      { numRuns: 3000 },
    );
  });
});
