/**
 * Every requirement string of test/data/pep508-vectors.jsonl (from pypa/packaging's tests, see
 * its header; regenerate with scripts/extract-pep508-vectors.ts) must parse like packaging.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeVersion } from '../../../server/src/core/pep440';
import { parseRequirement } from '../../../server/src/core/pep508';

interface ValidRow {
  requirement: string;
  source: string;
  valid: true;
  name: string;
  extras: string[];
  url: string | null;
  specifier: string;
  marker: string | null;
}

interface InvalidRow {
  requirement: string;
  source: string;
  valid: false;
  error: string;
}

type Row = ValidRow | InvalidRow;

const vectorsPath = fileURLToPath(new URL('../../data/pep508-vectors.jsonl', import.meta.url));
const lines = readFileSync(vectorsPath, 'utf8').split('\n').filter((line) => line.trim() !== '');
const rows = lines.slice(1).map((line) => JSON.parse(line) as Row);

/** Deliberate differences from packaging (requirement string -> reason). None so far. */
const EXCEPTIONS = new Map<string, string>();

/** A specifier set as a sorted list of `operator + normalized version`, to compare regardless of order and spelling. */
function specifierKey(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^(===|~=|==|!=|<=|>=|<|>)\s*(.*)$/.exec(part);
      if (!match) return part;
      const [, operator, version] = match;
      if (operator === '===' || version.endsWith('.*')) return operator + version;
      return operator + (normalizeVersion(version) ?? version);
    })
    .sort();
}

describe('pep508 vectors from pypa/packaging', () => {
  it('has the whole file', () => {
    expect(rows.length).toBe(5245);
  });

  it('parses every valid requirement like packaging', () => {
    const failures: string[] = [];
    for (const row of rows) {
      if (!row.valid || EXCEPTIONS.has(row.requirement)) continue;
      const { value, errors } = parseRequirement(row.requirement);
      if (!value) {
        failures.push(`${JSON.stringify(row.requirement)}: ${errors.map((e) => e.message).join('; ')}`);
        continue;
      }
      const actual = {
        name: value.name,
        extras: [...value.extras].sort(),
        url: value.url,
        specifier: specifierKey(value.specifier),
        marker: value.marker?.text ?? null,
      };
      const expected = {
        name: row.name,
        extras: [...row.extras].sort(),
        url: row.url,
        specifier: specifierKey(row.specifier),
        marker: row.marker,
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        failures.push(`${JSON.stringify(row.requirement)}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('rejects every invalid requirement', () => {
    const accepted = rows
      .filter((row): row is InvalidRow => !row.valid && !EXCEPTIONS.has(row.requirement))
      .filter((row) => parseRequirement(row.requirement).errors.length === 0)
      .map((row) => `${JSON.stringify(row.requirement)} (packaging: ${row.error})`);
    expect(accepted).toEqual([]);
  });

  it('gives the syntax error messages of packaging (specifier errors are worded by pep440)', () => {
    const ownWording = new Set(['invalid:test_error_when_specifier_set_rejects_parsed_specifier', 'invalid:test_error_when_prefix_match_is_used_incorrectly',
      'invalid:test_error_when_prefix_match_uses_post_release_without_spaces']);
    for (const row of rows) {
      if (row.valid || ownWording.has(row.source)) continue;
      const messages = parseRequirement(row.requirement).errors.map((error) => error.message);
      // Our messages may add a hint after packaging's text.
      expect(messages.some((message) => message.startsWith(row.error)), `${row.requirement}: ${messages.join('; ')}`).toBe(true);
    }
  });
});
