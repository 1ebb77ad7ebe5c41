/**
 * Copies the pypa/packaging test vectors that our PEP 440 API can check into
 * test/data/pep440-vectors.jsonl (the unit tests read that copy, never ../shared).
 *
 *   npx tsx scripts/extract-pep440-vectors.ts [path-to-jsonl]
 *
 * Default input: ../shared/fixtures/vectors/pep440-packaging-vectors.jsonl (from the project root).
 * Kept: version_valid, version_normalize, sorted_versions, spec_valid, contains, filter, and the
 * version_field rows for is_prerelease. Other version_field rows (public, base_version, epoch, ...)
 * are dropped: our API does not expose those fields.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const inputPath = resolve(projectRoot, process.argv[2] ?? '../shared/fixtures/vectors/pep440-packaging-vectors.jsonl');
const outputPath = resolve(projectRoot, 'test/data/pep440-vectors.jsonl');

const CHECKED_KINDS = new Set(['version_valid', 'version_normalize', 'sorted_versions', 'spec_valid', 'contains', 'filter']);

type Row = Record<string, unknown> & { kind?: string };

function isCheckable(row: Row): boolean {
  if (row.kind === 'version_field') return row.field === 'is_prerelease';
  return CHECKED_KINDS.has(String(row.kind));
}

const rows: Row[] = readFileSync(inputPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Row);

const meta = rows.find((row) => row.kind === 'meta');
if (!meta) throw new Error(`${inputPath}: no meta row`);

const kept = rows.filter((row) => row.kind !== 'meta' && isCheckable(row));
const header = {
  kind: 'meta',
  credit:
    'Test vectors from pypa/packaging (https://github.com/pypa/packaging), dual licensed BSD-2-Clause / Apache-2.0; '
    + 'expected values are taken from its test tables.',
  from: meta.from,
  commit: meta.commit,
  packaging_version_at_commit: meta.packaging_version_at_commit,
  rows: kept.length,
  generated_by: 'scripts/extract-pep440-vectors.ts',
};

writeFileSync(outputPath, [header, ...kept].map((row) => JSON.stringify(row)).join('\n') + '\n');
const counts = new Map<string, number>();
for (const row of kept) counts.set(String(row.kind), (counts.get(String(row.kind)) ?? 0) + 1);
console.log(`wrote ${kept.length} rows to ${outputPath}:`, Object.fromEntries(counts));
