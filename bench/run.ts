/**
 * `npm run bench`: median timings and memory against the budgets, then the package sizes and the
 * activation time in a real VS Code (one session, bench/activation.ts), printed as a table.
 * Asserts nothing (figures depend on the machine); "over" marks a figure above its budget.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileKind } from '../server/src/core/model';
import { MANIFEST_KINDS, readManifest } from '../scripts/check-corpus';
import { generateLargePyproject, generatePyprojectWithRequirements, generateRequirementsTree } from './generate-pyproject';
import { generatePoetryLock } from './generate-poetry-lock';
import { generateUvLock } from './generate-uv-lock';
import { benchIndexInsights } from './index-insights';
import { loadCoreBundle } from './core-bundle';
import { benchEnvironment } from './environment-bench';
import { benchActivation, benchPackageSize } from './activation';
import { LspSession } from './lsp-session';
import { median, medianTime } from './stats';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GENERATED = join(ROOT, 'bench/.generated');
const SERVER = join(ROOT, 'dist/server.js');
const CORPUS = resolve(ROOT, '../shared/corpus');
const KEYSTROKES = 100;
const { analyzeDocument, parseDocument, MapFileSource, graphFromLock, dependencyTree } = loadCoreBundle(ROOT, GENERATED);

interface Row {
  measure: string;
  median: string;
  budget: string;
  verdict: string;
}

const rows: Row[] = [];
const notes: string[] = [];

function record(measure: string, value: number, unit: 'ms' | 'MB' | 'requests', budget?: number): void {
  const digits = unit === 'requests' ? 0 : value < 10 ? 2 : 1;
  rows.push({
    measure,
    median: `${value.toFixed(digits)} ${unit}`,
    budget: budget === undefined ? '—' : `< ${budget} ${unit}`,
    verdict: budget === undefined ? '' : value < budget ? 'ok' : 'over',
  });
  process.stderr.write(`  ${measure}: ${value.toFixed(digits)} ${unit}\n`);
}

function writeGenerated(relativePath: string, text: string): string {
  const path = join(GENERATED, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function benchCore(uvLock: string): void {
  const pyproject = generateLargePyproject(20 * 1024);
  const noFiles = new MapFileSource({});
  const analysed = analyzeDocument('/bench/pyproject.toml', pyproject, noFiles, 'pyproject');
  record(`parse + check ${(pyproject.length / 1024).toFixed(0)} KB pyproject (${analysed?.file.requirements.length ?? 0} reqs)`, medianTime(200, 20, () => analyzeDocument('/bench/pyproject.toml', pyproject, noFiles, 'pyproject')), 'ms', 5);
  const locked = parseDocument('/bench/uv.lock', uvLock, 'uv-lock')?.locked.length ?? 0;
  record(`parse ${(uvLock.length / 1024 / 1024).toFixed(1)} MB uv.lock (${locked} packages)`, medianTime(10, 2, () => parseDocument('/bench/uv.lock', uvLock, 'uv-lock')), 'ms', 120);
}

/** Graph budgets: parse + graph of a 2 MB uv.lock and a 1.3 MB poetry.lock; a tree request over 1,000+ nodes. */
function benchGraph(): void {
  const uvLock = generateUvLock(2 * 1024 * 1024);
  const uvGraph = () => graphFromLock(parseDocument('/bench/uv.lock', uvLock, 'uv-lock')!);
  record(`graph from ${(uvLock.length / 1024 / 1024).toFixed(1)} MB uv.lock (${uvGraph().nodes.length} packages, parse included)`, medianTime(10, 2, uvGraph), 'ms', 100);
  const poetry = generatePoetryLock(1.3 * 1024 * 1024);
  const manifest = parseDocument('/bench/pyproject.toml', poetry.pyproject, 'pyproject')!;
  const poetryGraph = () => graphFromLock(parseDocument('/bench/poetry.lock', poetry.lock, 'poetry-lock')!, manifest);
  record(`graph from ${(poetry.lock.length / 1024 / 1024).toFixed(1)} MB poetry.lock (${poetryGraph().nodes.length} packages, parse included)`, medianTime(10, 2, poetryGraph), 'ms', 100);
  const graph = uvGraph();
  const nodes = dependencyTree(graph, { target: null }).nodeCount;
  record(`tree request over ${nodes} nodes (uv.lock graph, any environment)`, medianTime(20, 3, () => dependencyTree(graph, { target: null })), 'ms', 30);
  const analysisFiles = new MapFileSource({ '/bench/poetry.lock': poetry.lock });
  analyzeDocument('/bench/pyproject.toml', poetry.pyproject, analysisFiles, 'pyproject');
  record('pyproject check with its 1.3 MB poetry.lock (lock parse memoized)', medianTime(50, 5, () => analyzeDocument('/bench/pyproject.toml', poetry.pyproject, analysisFiles, 'pyproject')), 'ms');
}

function benchCorpus(): void {
  if (!existsSync(join(CORPUS, 'MANIFEST.tsv'))) {
    notes.push(`corpus: ${CORPUS} not found, per-kind corpus parse skipped`);
    return;
  }
  const byKind = new Map<FileKind, { path: string; text: string }[]>();
  for (const row of readManifest(CORPUS)) {
    const kind = MANIFEST_KINDS[row.manifestKind];
    if (!kind) continue;
    const list = byKind.get(kind) ?? [];
    list.push({ path: `/corpus/${row.file}`, text: readFileSync(join(CORPUS, row.file), 'utf8') });
    byKind.set(kind, list);
  }
  for (const [kind, files] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
    const megabytes = files.reduce((sum, file) => sum + file.text.length, 0) / 1024 / 1024;
    const time = medianTime(5, 1, () => {
      for (const file of files) parseDocument(file.path, file.text, kind);
    });
    record(`parse corpus ${kind} (${files.length} files, ${megabytes.toFixed(1)} MB)`, time, 'ms');
  }
}

/** Position of the first version digit of the middle requirement: the character a keystroke replaces. */
function keystrokePosition(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  const candidates = lines.map((line, index) => ({ index, column: line.search(/[<>=~]=?\d/) })).filter((entry) => entry.column >= 0 && lines[entry.index].trimStart().startsWith('"'));
  const chosen = candidates[Math.floor(candidates.length / 2)];
  const operator = /^[<>=~]=?/.exec(lines[chosen.index].slice(chosen.column))![0];
  return { line: chosen.index, character: chosen.column + operator.length };
}

async function benchLanguageServer(uvLock: string): Promise<void> {
  if (!existsSync(SERVER)) {
    notes.push(`LSP: ${SERVER} not built (npm run build), keystroke and memory measures skipped`);
    return;
  }
  const keystrokeText = generatePyprojectWithRequirements(200);
  const keystrokePath = writeGenerated('keystroke/pyproject.toml', keystrokeText);
  const uvLockPath = writeGenerated('lock/uv.lock', uvLock);
  const tree = generateRequirementsTree(150);
  const treePaths = Object.entries(tree).map(([relativePath, text]) => writeGenerated(join('tree', relativePath), text));

  const session = await LspSession.start(SERVER, GENERATED);
  try {
    await session.open(keystrokePath, 'toml');
    const position = keystrokePosition(keystrokeText);
    const times: number[] = [];
    for (let i = 0; i < KEYSTROKES + 10; i++) {
      const started = performance.now();
      await session.change(keystrokePath, { range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: String(1 + (i % 8)) });
      if (i >= 10) times.push(performance.now() - started);
    }
    record('keystroke → diagnostics, 200-req pyproject (LSP)', median(times), 'ms', 20);

    const openStarted = performance.now();
    await session.open(uvLockPath, 'toml');
    record(`open ${(uvLock.length / 1024 / 1024).toFixed(1)} MB uv.lock → diagnostics (LSP, one run)`, performance.now() - openStarted, 'ms');
    for (const path of treePaths) await session.open(path, 'pip-requirements');
    const resident = session.residentMegabytes();
    if (resident === null) notes.push('memory: /proc not available, resident size not measured');
    else record('server RSS: 5 MB uv.lock + 200-req pyproject + requirements tree', resident, 'MB', 150);
  } finally {
    await session.stop();
  }
}

function printTable(): void {
  const header: Row = { measure: 'measure', median: 'median', budget: 'budget', verdict: 'result' };
  const keys = ['measure', 'median', 'budget', 'verdict'] as const;
  const widths = keys.map((key) => Math.max(...[header, ...rows].map((row) => row[key].length)));
  const line = (row: Row) => keys.map((key, column) => (column === 0 ? row[key].padEnd(widths[column]) : row[key].padStart(widths[column]))).join('  ').trimEnd();
  console.log(['', line(header), widths.map((width) => '-'.repeat(width)).join('  ').trimEnd(), ...rows.map(line)].join('\n'));
  for (const note of notes) console.log(`note: ${note}`);
}

async function main(): Promise<void> {
  process.stderr.write(`Pipsight benchmarks (node ${process.version}, medians)\n`);
  const uvLock = generateUvLock(5 * 1024 * 1024);
  benchCore(uvLock);
  benchGraph();
  benchCorpus();
  await benchEnvironment(GENERATED, record);
  await benchLanguageServer(uvLock);
  await benchIndexInsights(record, notes);
  benchPackageSize(ROOT, record);
  await benchActivation(ROOT, record, notes);
  printTable();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
