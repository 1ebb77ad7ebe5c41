/**
 * Runs every row of test/data/poetry-core-constraints.jsonl: poetry-core's own parse_constraint
 * cases (and cases derived from its parser), each with the constraint poetry-core builds written as
 * PEP 440 (`range`), our translation (`pep440`) and the specifier poetry-core writes into
 * Requires-Dist (`metadata`). Our translation must be exactly `pep440` and mean the same versions as
 * `range`; where the metadata is plain PEP 440 without a note, it must mean the same too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isValidVersion, parseSpecifierSet, specifierSetContains } from '../../../server/src/core/pep440';
import { translatePoetryConstraint } from '../../../server/src/core/poetry/constraint';

interface Row {
  kind: 'constraint';
  input: string;
  range: string;
  pep440: string;
  metadata: string | null;
  source: string;
  note?: string;
}

const rows: Row[] = readFileSync(new URL('../../data/poetry-core-constraints.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Row | { kind: 'meta' })
  .filter((row): row is Row => row.kind === 'constraint');

/** Does a PEP 440 specifier (alternatives joined by ' || ') allow the version, pre-releases included? */
function allows(specifier: string, version: string): boolean {
  if (specifier === '') return true;
  return specifier.split(' || ').some((alternative) => {
    const set = parseSpecifierSet(alternative).value;
    if (!set) throw new Error(`not PEP 440: ${alternative}`);
    return specifierSetContains(set, version, { prereleases: true });
  });
}

/** Versions at and around every version the specifiers name (releases ±1, pre, post, dev, local). */
function probes(...specifiers: string[]): string[] {
  const found = new Set<string>(['0', '0.0.1', '1.0', '3.7.1', '4.0.0a1', '4.5', '5.0', '99']);
  for (const specifier of specifiers) {
    for (const match of specifier.matchAll(/(?:(\d+)!)?(\d+(?:\.\d+)*)([a-z0-9.+]*)/g)) {
      const epoch = match[1] ? `${match[1]}!` : '';
      const release = match[2].split('.').map(Number);
      found.add(match[0].replace(/\.$/, ''));
      const neighbours = [release, release.map((part, index) => (index === release.length - 1 ? part + 1 : part))];
      if (release[release.length - 1] > 0) neighbours.push(release.map((part, index) => (index === release.length - 1 ? part - 1 : part)));
      for (const parts of neighbours) {
        const base = epoch + parts.join('.');
        for (const suffix of ['', '.0', '.dev0', 'a1', 'a1.dev0', 'rc1', '.post1', '.post1.dev0', '.post2', '+local', '.5']) found.add(base + suffix);
      }
    }
  }
  return [...found].filter((version) => isValidVersion(version));
}

describe('poetry-core constraint cases', () => {
  it('has the transcribed rows', () => {
    expect(rows.length).toBeGreaterThan(150);
  });

  it.each(rows.map((row) => [row.input, row] as const))('%j', (_input, row) => {
    const result = translatePoetryConstraint(row.input);
    expect(result.errors).toEqual([]);
    expect(result.value?.pep440).toBe(row.pep440);
    for (const version of probes(row.range, row.pep440)) {
      expect(allows(row.pep440, version), `${version} in ${row.pep440} vs ${row.range}`).toBe(allows(row.range, version));
    }
    if (row.metadata !== null && row.note === undefined && !row.metadata.includes(' || ')) {
      for (const version of probes(row.metadata, row.pep440)) {
        expect(allows(row.pep440, version), `${version} in ${row.pep440} vs ${row.metadata}`).toBe(allows(row.metadata, version));
      }
    }
  });

  it('reads `4.*` the way poetry-core >= 1.6 does: 4.0.0a1 is in it', () => {
    const translated = translatePoetryConstraint('4.*').value!.pep440;
    expect(translated).toBe('==4.*');
    expect(allows(translated, '4.0.0a1')).toBe(true);
    expect(allows(translated, '4.0.0.dev0')).toBe(true);
    expect(allows(translated, '5.0.0.dev0')).toBe(false);
  });
});
