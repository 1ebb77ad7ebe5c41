import { compare as libraryCompare } from '@renovatebot/pep440';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  filterVersions,
  isPrerelease,
  isValidVersion,
  normalizeVersion,
  parseSpecifierSet,
  specifierSetContains,
  specifierSetsIntersect,
} from '../../../server/src/core/pep440';

/** Strings that look like specifiers often enough to reach the deeper code paths. */
const specifierLike = fc
  .array(
    fc.constantFrom('==', '!=', '<=', '>=', '<', '>', '~=', '===', '=', '1', '0', '2!', '.', '*', '.*', 'a', 'rc', 'post', 'dev',
      '+', 'cu121', ',', ' ', '\t', '\u00a0', 'v', '-', '_', ';', ')', 'İ', '\u212a'),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), specifierLike);

/** Random valid versions in many spellings. */
const versionText = fc
  .tuple(
    fc.option(fc.nat(3), { nil: undefined }),
    fc.array(fc.nat(12), { minLength: 1, maxLength: 4 }),
    fc.option(fc.tuple(fc.constantFrom('a', 'b', 'rc', 'c', 'alpha', 'pre'), fc.nat(3)), { nil: undefined }),
    fc.option(fc.nat(3), { nil: undefined }),
    fc.option(fc.nat(3), { nil: undefined }),
    fc.option(fc.array(fc.constantFrom('abc', 'cu121', '1', '07', 'z'), { minLength: 1, maxLength: 3 }), { nil: undefined }),
  )
  .map(([epoch, release, pre, post, dev, local]) =>
    (epoch !== undefined ? `${epoch}!` : '') + release.join('.')
    + (pre ? `${pre[0]}${pre[1]}` : '')
    + (post !== undefined ? `.post${post}` : '')
    + (dev !== undefined ? `.dev${dev}` : '')
    + (local ? `+${local.join('.')}` : ''));

describe('properties', () => {
  it('never throws on arbitrary text and error spans lie within the text', () => {
    fc.assert(
      fc.property(anyText, anyText, (text, version) => {
        const { value, errors } = parseSpecifierSet(text);
        for (const error of errors) {
          expect(error.span.start).toBeGreaterThanOrEqual(0);
          expect(error.span.end).toBeLessThanOrEqual(text.length);
          expect(error.span.start).toBeLessThan(error.span.end);
        }
        expect(value === null).toBe(errors.length > 0);
        if (value) {
          for (const specifier of value.specifiers) {
            expect(text.slice(specifier.span.start, specifier.span.end).startsWith(specifier.operator)).toBe(true);
          }
          for (const prereleases of [undefined, true, false]) {
            specifierSetContains(value, version, { prereleases });
            filterVersions(value, [version, text], { prereleases });
          }
          specifierSetsIntersect(value, value);
        }
        compareVersions(text, version);
        isValidVersion(text);
        normalizeVersion(text);
        isPrerelease(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('orders valid versions exactly like @renovatebot/pep440', () => {
    fc.assert(
      fc.property(versionText, versionText, (a, b) => {
        expect(Math.sign(compareVersions(a, b))).toBe(Math.sign(libraryCompare(a, b)));
      }),
      { numRuns: 3000 },
    );
  });

  it('normalization is idempotent and keeps the order', () => {
    fc.assert(
      fc.property(versionText, (version) => {
        const normal = normalizeVersion(version);
        expect(normal).not.toBeNull();
        expect(normalizeVersion(normal!)).toBe(normal);
        expect(compareVersions(version, normal!)).toBe(0);
      }),
    );
  });

  it('==V, <=V and >=V agree with the order for versions without a local label', () => {
    fc.assert(
      fc.property(versionText, versionText, (a, b) => {
        const candidate = a.split('+')[0];
        const bound = b.split('+')[0];
        const order = Math.sign(compareVersions(candidate, bound));
        const check = (op: string) => specifierSetContains(parseSpecifierSet(op + bound).value!, candidate, { prereleases: true });
        expect(check('==')).toBe(order === 0);
        expect(check('<=')).toBe(order <= 0);
        expect(check('>=')).toBe(order >= 0);
      }),
      { numRuns: 2000 },
    );
  });
});
