import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateMarker, markersCanOverlap, markerToString, parseMarker, parseRequirement, type RequirementError } from '../../../server/src/core/pep508';
import type { Span } from '../../../server/src/core/span';

/** Pieces of requirements and markers, glued together at random to make near-valid text. */
const FRAGMENTS = [
  'requests', 'Foo.Bar_baz', 'a', '-', '_', '.', ' ', '\t', '\n', '\r\n', '[', ']', ',', '(', ')', ';', '@', '#',
  '==', '===', '!=', '~=', '<=', '>=', '<', '>', '=', '1', '1.0', '2.8.*', '.*', '1.0+local', '+cu118', 'rc1', '.post2', '.dev3', 'v1', '1!2',
  'security', 'https://example.com/x.whl', 'git+https://g.example/r.git@v1', 'file:.',
  'python_version', 'python_full_version', 'sys_platform', 'os.name', 'extra', 'extras', 'dependency_groups', 'platform_machine',
  'and', 'or', 'not', 'in', 'not in', "'3.8'", '"linux"', "'", '"', '\\', '"\\x"', "'a\\'", '"é"', '😀', '\0',
];

const nearValid = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 24 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }), nearValid);

function spanInside(span: Span | undefined, text: string): boolean {
  return span === undefined || (span.start >= 0 && span.start <= span.end && span.end <= text.length);
}

function errorsInside(errors: RequirementError[], text: string): boolean {
  return errors.every((error) => spanInside(error.span, text) && error.message.length > 0);
}

describe('pep508 parsers on arbitrary text', () => {
  it('parseRequirement never throws, and every span lies within the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { value, errors } = parseRequirement(text);
        expect(errorsInside(errors, text)).toBe(true);
        expect(value === null).toBe(errors.length > 0);
        if (value) {
          for (const span of [value.nameSpan, value.extrasSpan, value.specifierSpan, value.urlSpan, value.markerSpan]) {
            expect(spanInside(span, text)).toBe(true);
          }
          expect(text.slice(value.nameSpan.start, value.nameSpan.end)).toBe(value.name);
          if (value.marker) expect(parseMarker(value.marker.text).value?.tree).toEqual(value.marker.tree);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('parseMarker never throws, its text reads back the same, and evaluation never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { value, errors } = parseMarker(text);
        expect(errorsInside(errors, text)).toBe(true);
        if (value) {
          expect(parseMarker(value.text).value?.tree).toEqual(value.tree);
          evaluateMarker(value, { python_version: '3.12', sys_platform: 'linux', extra: 'a', extras: ['x'] });
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('stays within the call stack on long inputs (its time: npm run bench:scaling)', () => {
    const long = 'a' + ' ('.repeat(20000) + '>=1.0'.repeat(5000);
    parseRequirement(long);
    expect(parseMarker('('.repeat(100000) + "os_name == 'a'" + ')'.repeat(100000)).errors[0].message).toMatch(/nested/);
    expect(parseMarker('('.repeat(50) + "os_name == 'a'" + ')'.repeat(50)).errors).toEqual([]);
    const chain = parseMarker("os_name == 'a' and ".repeat(50000) + "os_name == 'b' or os_name == 'posix'").value;
    expect(chain && evaluateMarker(chain, { os_name: 'posix' })).toBe(true);
    expect(chain && markerToString(chain.tree).length).toBeGreaterThan(50000 * 18);
    expect(chain && markersCanOverlap(chain, null)).toBe(true);
    parseRequirement('a===' + 'x'.repeat(100000));
  });
});
