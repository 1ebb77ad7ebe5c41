import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedFile } from '../../../server/src/core/model';
import type { Span } from '../../../server/src/core/span';
import { parsePdmLock } from '../../../server/src/core/formats/locks/pdm-lock';
import { parsePoetryLock } from '../../../server/src/core/formats/locks/poetry-lock';
import { parsePylock } from '../../../server/src/core/formats/locks/pylock';
import { parseUvLock } from '../../../server/src/core/formats/locks/uv-lock';
import { readFixture } from './read-fixture';

const parsers: [string, (text: string, path: string) => ParsedFile, string][] = [
  ['uv.lock', parseUvLock, readFixture('uv.lock')],
  ['poetry.lock', parsePoetryLock, readFixture('poetry.lock')],
  ['pdm.lock', parsePdmLock, readFixture('pdm.lock')],
  ['pylock.toml', parsePylock, readFixture('pylock.toml')],
];

function allSpans(file: ParsedFile): Span[] {
  return [
    ...file.locked.flatMap((entry) => (entry.span ? [entry.span] : [])),
    ...file.errors.map((error) => error.span),
    ...(file.requiresPython ? [file.requiresPython.span] : []),
  ];
}

function expectSpansInside(file: ParsedFile, text: string): void {
  for (const span of allSpans(file)) {
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.start).toBeLessThanOrEqual(span.end);
    expect(span.end).toBeLessThanOrEqual(text.length);
  }
}

/** A fixture with a few characters deleted, replaced or inserted at random places. */
const mutation = (base: string) =>
  fc
    .array(fc.record({ at: fc.nat({ max: base.length }), remove: fc.nat({ max: 12 }), insert: fc.constantFrom('', '"', "'", '[', ']', '[[', '{', '}', '=', '\n', '\r\n', '#', '\\', 'name = "x"', '[[package]]\n', '[[packages]]\n', '€', '\u0000') }), { minLength: 1, maxLength: 4 })
    .map((edits) => edits.reduce((text, edit) => text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove), base));

describe('lockfile parsers on arbitrary text', () => {
  for (const [name, parse, fixture] of parsers) {
    it(`${name}: never throws on arbitrary text and keeps spans inside it`, () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
          expectSpansInside(parse(text, name), text);
        }),
        { numRuns: 200 },
      );
    });

    it(`${name}: never throws on a damaged lockfile and keeps spans inside it`, () => {
      fc.assert(
        fc.property(mutation(fixture), (text) => {
          expectSpansInside(parse(text, name), text);
        }),
        { numRuns: 200 },
      );
    });

    it(`${name}: never throws on a truncated lockfile`, () => {
      fc.assert(
        fc.property(fc.nat({ max: fixture.length }), (length) => {
          const text = fixture.slice(0, length);
          expectSpansInside(parse(text, name), text);
        }),
        { numRuns: 200 },
      );
    });
  }
});
