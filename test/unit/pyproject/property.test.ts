import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePyproject } from '../../../server/src/core/formats/pyproject';
import type { ParsedFile } from '../../../server/src/core/model';
import type { Span } from '../../../server/src/core/span';
import { readFixture } from './helpers';

const FIXTURES = ['pep621-groups.toml', 'poetry-app.toml', 'uv-ml.toml', 'pdm-hatch.toml', 'broken.toml'].map(readFixture);

function allSpans(file: ParsedFile): Span[] {
  const spans: Span[] = [];
  for (const requirement of file.requirements) spans.push(...Object.values(requirement.spans).filter((s): s is Span => !!s));
  for (const index of file.indexes) spans.push(index.span);
  for (const error of file.errors) spans.push(error.span, ...(error.related ?? []).map((r) => r.span));
  if (file.requiresPython) spans.push(file.requiresPython.span);
  return spans;
}

function expectSpansInside(text: string, file: ParsedFile): void {
  for (const span of allSpans(file)) {
    expect(Number.isInteger(span.start) && Number.isInteger(span.end)).toBe(true);
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.end).toBeGreaterThanOrEqual(span.start);
    expect(span.end).toBeLessThanOrEqual(text.length);
  }
}

/** Edits that break TOML in interesting ways: quotes, brackets, escapes, newlines. */
const edit = fc.record({
  position: fc.nat(),
  deleteCount: fc.nat({ max: 6 }),
  insert: fc.oneof(
    fc.constantFrom('"', "'", '"""', '[', ']', '{', '}', '=', ',', '\n', '\\', '\\u', '#', '[[', ' || ', '^', '~', '{root:uri}', '\u00e9', '\ud83d\ude00'),
    fc.string({ maxLength: 4 }),
  ),
});

function applyEdits(text: string, edits: { position: number; deleteCount: number; insert: string }[]): string {
  let result = text;
  for (const { position, deleteCount, insert } of edits) {
    const at = result.length ? position % (result.length + 1) : 0;
    result = result.slice(0, at) + insert + result.slice(at + deleteCount);
  }
  return result;
}

describe('parsePyproject properties', () => {
  it('never throws on arbitrary text and keeps spans inside it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expectSpansInside(text, parsePyproject(text, 'pyproject.toml'));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mutated fixtures and keeps spans inside the text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), fc.array(edit, { minLength: 1, maxLength: 5 }), (fixture, edits) => {
        const text = applyEdits(fixture, edits);
        expectSpansInside(text, parsePyproject(text, 'pyproject.toml'));
      }),
      { numRuns: 200 },
    );
  });

  // Its time is measured by `npm run bench` (parse + check 20 KB pyproject) and bench:scaling.
  it('parses a 20 KB pyproject completely', () => {
    let text = '[project]\nname = "big"\ndependencies = [\n';
    for (let i = 0; i < 270; i++) text += `  "package-${i}[extra]>=1.${i},<2; python_version >= '3.8'",\n`;
    text += ']\n[tool.poetry.dependencies]\n';
    for (let i = 0; i < 110; i++) text += `pkg${i} = { version = "^1.${i}", python = "^3.8" }\n`;
    expect(text.length).toBeGreaterThan(20_000);
    expect(parsePyproject(text, 'pyproject.toml').requirements).toHaveLength(380);
  });
});
