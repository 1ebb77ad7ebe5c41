/**
 * Runs every row of test/data/pep440-vectors.jsonl (pypa/packaging's own test vectors, copied by
 * scripts/extract-pep440-vectors.ts) against our API. No row is skipped.
 *
 * One mapping to know about: packaging's `SpecifierSet.contains(v)` with `prereleases=None` is
 * defined as "filter([v]) is not empty", so a pre-release passes when nothing else is offered. Our
 * specifierSetContains keeps the documented contract instead (undefined = allowed only when a
 * specifier mentions a pre-release), so the None rows are checked through filterVersions([v]),
 * which is exactly packaging's definition.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  filterVersions,
  isPrerelease,
  isValidVersion,
  normalizeVersion,
  parseSpecifierSet,
  specifierSetContains,
  type SpecifierSet,
} from '../../../server/src/core/pep440';

type Row = Record<string, unknown> & { kind: string; source?: string };

const rows: Row[] = readFileSync(new URL('../../data/pep440-vectors.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Row);

function rowsOf(kind: string): Row[] {
  return rows.filter((row) => row.kind === kind);
}

function label(row: Row): string {
  return JSON.stringify(row);
}

function parsedSet(text: string): SpecifierSet {
  const { value, errors } = parseSpecifierSet(text);
  expect(errors, `specifier ${JSON.stringify(text)}`).toEqual([]);
  return value!;
}

function prereleaseOption(value: unknown): boolean | undefined {
  return value === null || value === undefined ? undefined : Boolean(value);
}

describe('pypa/packaging vectors', () => {
  it('has a header crediting pypa/packaging and every kind we check', () => {
    expect(rows[0].kind).toBe('meta');
    expect(String(rows[0].credit)).toContain('pypa/packaging');
    for (const kind of ['version_valid', 'version_normalize', 'version_field', 'sorted_versions', 'spec_valid', 'contains', 'filter']) {
      expect(rowsOf(kind).length, kind).toBeGreaterThan(0);
    }
    expect(rows.length - 1).toBe(rows[0].rows);
  });

  it('version validity', () => {
    const failures = rowsOf('version_valid').filter((row) => isValidVersion(String(row.version)) !== row.expected);
    expect(failures.map(label)).toEqual([]);
  });

  it('version normalization', () => {
    const failures = rowsOf('version_normalize').filter((row) => normalizeVersion(String(row.version)) !== row.expected);
    expect(failures.map(label)).toEqual([]);
  });

  it('is_prerelease', () => {
    const failures = rowsOf('version_field').filter((row) => isPrerelease(String(row.version)) !== row.expected);
    expect(failures.map(label)).toEqual([]);
  });

  it('ordering: every pair of the sorted list compares in order', () => {
    const failures: string[] = [];
    for (const row of rowsOf('sorted_versions')) {
      const versions = row.versions as string[];
      for (let i = 0; i < versions.length; i++) {
        for (let j = 0; j < versions.length; j++) {
          const expected = Math.sign(i - j);
          const actual = Math.sign(compareVersions(versions[i], versions[j]));
          if (actual !== expected) failures.push(`${versions[i]} vs ${versions[j]}: ${actual}, expected ${expected}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('specifier validity', () => {
    const failures = rowsOf('spec_valid').filter((row) => {
      const { value, errors } = parseSpecifierSet(String(row.spec));
      const valid = value !== null && errors.length === 0 && value.specifiers.length === 1;
      return valid !== row.expected;
    });
    expect(failures.map(label)).toEqual([]);
  });

  it('contains', () => {
    const failures = rowsOf('contains').filter((row) => {
      const set = parsedSet(String(row.spec));
      const version = String(row.version);
      const prereleases = prereleaseOption(row.prereleases);
      const actual = prereleases === undefined
        ? filterVersions(set, [version]).length === 1
        : specifierSetContains(set, version, { prereleases });
      return actual !== row.expected;
    });
    expect(failures.map(label)).toEqual([]);
  });

  it('filter', () => {
    const failures = rowsOf('filter').filter((row) => {
      const actual = filterVersions(parsedSet(String(row.spec)), row.input as string[], { prereleases: prereleaseOption(row.prereleases) });
      return JSON.stringify(actual) !== JSON.stringify(row.expected);
    });
    expect(failures.map(label)).toEqual([]);
  });
});
