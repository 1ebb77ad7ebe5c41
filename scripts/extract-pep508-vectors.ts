/**
 * Copies the PEP 508 requirement vectors taken from pypa/packaging's test suite into
 * test/data/pep508-vectors.jsonl, so that `npm test` never reads ../shared.
 *
 *   npx tsx scripts/extract-pep508-vectors.ts [path]
 *
 * Default path: ../shared/fixtures/vectors/pep508-packaging-vectors.jsonl (relative to the
 * project root). The first input line describes the fields and is replaced by our own header.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const inputPath = resolve(projectRoot, process.argv[2] ?? '../shared/fixtures/vectors/pep508-packaging-vectors.jsonl');
const outputPath = resolve(projectRoot, 'test/data/pep508-vectors.jsonl');

interface VectorRow {
  requirement: string;
  valid: boolean;
}

function isVectorRow(value: unknown): value is VectorRow {
  const row = value as Partial<VectorRow> | null;
  return typeof row === 'object' && row !== null && typeof row.requirement === 'string' && typeof row.valid === 'boolean';
}

const lines = readFileSync(inputPath, 'utf8').split('\n').filter((line) => line.trim() !== '');
const source = JSON.parse(lines[0]) as { kind?: string; from?: string; expected_by?: string };
const rows = lines.map((line) => JSON.parse(line) as unknown).filter(isVectorRow);

const header = {
  kind: 'meta',
  description: 'PEP 508 requirement strings with the results pypa/packaging gives for them (valid rows: name, extras, url, specifier, marker; invalid rows: error).',
  from: source.from ?? 'pypa/packaging tests/test_requirements.py',
  expected_by: source.expected_by,
  credit: 'Test strings and expected results come from the pypa/packaging project (https://github.com/pypa/packaging), dual licensed under BSD-2-Clause and Apache-2.0.',
  license: 'BSD-2-Clause OR Apache-2.0',
  generated_by: 'scripts/extract-pep508-vectors.ts',
};

writeFileSync(outputPath, [header, ...rows].map((row) => JSON.stringify(row)).join('\n') + '\n');
console.log(`wrote ${rows.length} vectors to ${outputPath}`);
