/**
 * Corpus check: analyses every file of <corpus>/MANIFEST.tsv the way the editor would and reports
 * crashes, hangs, and per-kind counts. `npm run check:corpus -- ../shared/corpus [--json]`.
 *
 * Include trees are rebuilt: the corpus flattens paths, so each file is analysed at its original
 * `source_path` inside a virtual tree of its (repo, commit) folder, and `-r ../base.txt` resolves
 * like in the real repository. Analysis runs in a worker thread so that a hang can be detected and
 * the worker replaced; a file taking longer than the timeout is reported as a hang.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyzeDocument } from '../server/src/core/analyze';
import { detectKind } from '../server/src/core/detect';
import { MapFileSource } from '../server/src/core/file-source';
import type { FileKind } from '../server/src/core/model';

const HANG_TIMEOUT_MS = 10_000;

/** Manifest kinds (the corpus's own names) → our parser; null = a format we do not support (skipped). */
export const MANIFEST_KINDS: Record<string, FileKind | null> = {
  'pyproject-pep621': 'pyproject',
  'pyproject-poetry': 'pyproject',
  'pyproject-uv': 'pyproject',
  'pyproject-pdm': 'pyproject',
  'pyproject-hatch': 'pyproject',
  pyproject: 'pyproject',
  requirements: 'requirements',
  'requirements-in': 'requirements',
  'pip-compile': 'requirements',
  'uv-compile': 'requirements',
  constraints: 'requirements',
  'poetry-lock': 'poetry-lock',
  'uv-lock': 'uv-lock',
  'pdm-lock': 'pdm-lock',
  pylock: 'pylock',
  pipfile: null,
  'pipfile-lock': null,
};

export interface ManifestRow {
  file: string;
  sourcePath: string;
  manifestKind: string;
}

interface FileResult {
  file: string;
  manifestKind: string;
  kind: FileKind;
  outcome: 'ok' | 'crash' | 'hang';
  error?: string;
  milliseconds: number;
  requirements: number;
  locked: number;
  diagnostics: Record<string, number>;
  /** Include targets read while analysing (resolved through the rebuilt tree). */
  includesRead: number;
}

type WorkerRequest = { index: number };
type WorkerReply = FileResult & { index: number };

export function readManifest(corpusDir: string): ManifestRow[] {
  const lines = readFileSync(join(corpusDir, 'MANIFEST.tsv'), 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0].split('\t');
  const column = (name: string) => {
    const position = header.indexOf(name);
    if (position < 0) throw new Error(`MANIFEST.tsv has no "${name}" column`);
    return position;
  };
  const [file, sourcePath, kind] = [column('file'), column('source_path'), column('kind')];
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    return { file: cells[file], sourcePath: cells[sourcePath], manifestKind: cells[kind] };
  });
}

/** `/corpus/<repo folder>/<original path>`: one virtual tree per (repo, commit) folder of the corpus. */
function virtualPath(row: ManifestRow): string {
  const folder = row.file.slice(0, row.file.indexOf('/'));
  return `/corpus/${folder}/${row.sourcePath}`;
}

// ---------------------------------------------------------------- worker side

function runWorker(): void {
  const { corpusDir, rows } = workerData as { corpusDir: string; rows: ManifestRow[] };
  const texts = new Map<string, string>();
  for (const row of rows) texts.set(virtualPath(row), readFileSync(join(corpusDir, row.file), 'utf8'));
  const files = new MapFileSource(texts);
  parentPort!.postMessage('ready');
  parentPort!.on('message', ({ index }: WorkerRequest) => {
    const row = rows[index];
    const kind = MANIFEST_KINDS[row.manifestKind]!;
    const path = virtualPath(row);
    const text = texts.get(path)!;
    const started = performance.now();
    const base = { index, file: row.file, manifestKind: row.manifestKind, kind, requirements: 0, locked: 0, diagnostics: {}, includesRead: 0 };
    try {
      const analysis = analyzeDocument(path, text, files, kind);
      const milliseconds = performance.now() - started;
      const diagnostics: Record<string, number> = {};
      for (const finding of analysis?.findings ?? []) diagnostics[finding.code] = (diagnostics[finding.code] ?? 0) + 1;
      parentPort!.postMessage({
        ...base,
        outcome: 'ok',
        milliseconds,
        requirements: analysis?.file.requirements.length ?? 0,
        locked: analysis?.file.locked.length ?? 0,
        diagnostics,
        includesRead: analysis?.dependencies.length ?? 0,
      } satisfies WorkerReply);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      parentPort!.postMessage({ ...base, outcome: 'crash', error: message, milliseconds: performance.now() - started } satisfies WorkerReply);
    }
  });
}

// ---------------------------------------------------------------- main side

/**
 * Starts a worker running this same file. Workers do not inherit tsx's loader, so the worker is
 * bootstrapped with tsx's require hook first. Resolves once the worker has read the corpus.
 */
function startWorker(corpusDir: string, rows: ManifestRow[]): Promise<Worker> {
  const require = createRequire(import.meta.url);
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(fileURLToPath(import.meta.url))});`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { corpusDir, rows } });
  return new Promise((resolveWorker, rejectWorker) => {
    worker.once('message', () => resolveWorker(worker));
    worker.once('error', (error) => rejectWorker(new Error(`the analysis worker did not start: ${error.message}`)));
  });
}

function failedResult(row: ManifestRow, outcome: 'crash' | 'hang', error: string, milliseconds: number): FileResult {
  const kind = MANIFEST_KINDS[row.manifestKind]!;
  return { file: row.file, manifestKind: row.manifestKind, kind, outcome, error, milliseconds, requirements: 0, locked: 0, diagnostics: {}, includesRead: 0 };
}

/** Analyses the rows one by one in a worker; a worker that does not answer in time is replaced. */
async function analyseAll(corpusDir: string, rows: ManifestRow[], indexes: number[], timeoutMs: number): Promise<FileResult[]> {
  const results: FileResult[] = [];
  let worker: Worker | null = null;
  for (const index of indexes) {
    const current: Worker = worker ?? (await startWorker(corpusDir, rows));
    worker = current;
    const reply = await new Promise<WorkerReply | 'timeout' | Error>((settle) => {
      const timer = setTimeout(() => settle('timeout'), timeoutMs);
      const finish = (value: WorkerReply | Error) => {
        clearTimeout(timer);
        current.removeAllListeners('message');
        current.removeAllListeners('error');
        settle(value);
      };
      current.once('message', (message: WorkerReply) => finish(message));
      current.once('error', (error: Error) => finish(error));
      current.postMessage({ index } satisfies WorkerRequest);
    });
    if (reply === 'timeout' || reply instanceof Error) {
      // A hang, or the worker itself died (e.g. out of memory): record it and start a fresh worker.
      await current.terminate();
      worker = null;
      results.push(reply === 'timeout' ? failedResult(rows[index], 'hang', `no answer after ${timeoutMs} ms`, timeoutMs) : failedResult(rows[index], 'crash', String(reply), 0));
      continue;
    }
    const { index: _index, ...result } = reply;
    results.push(result);
  }
  await worker?.terminate();
  return results;
}

interface KindSummary {
  files: number;
  includesRead: number;
  requirements: number;
  locked: number;
  milliseconds: number;
  diagnostics: Record<string, number>;
}

interface CorpusReport {
  corpus: string;
  analysed: number;
  skipped: { file: string; manifestKind: string }[];
  /** Manifest kinds we have no mapping for: a failure (the table above must be extended). */
  unrecognizedKinds: string[];
  /** Each manifest kind seen, the parser it maps to ('skipped' when unsupported), and its file count. */
  manifestKinds: { manifestKind: string; kind: string; files: number }[];
  /** Files whose original name detectKind does not recognize (analysed with the manifest's kind). */
  namesNotDetected: string[];
  crashes: { file: string; error: string }[];
  hangs: string[];
  kinds: Record<string, KindSummary>;
  slowest: { file: string; milliseconds: number }[];
  totalMilliseconds: number;
  files: FileResult[];
}

function summarize(corpus: string, rows: ManifestRow[], results: FileResult[], totalMilliseconds: number): CorpusReport {
  const kinds: Record<string, KindSummary> = {};
  for (const result of results) {
    const summary = (kinds[result.kind] ??= { files: 0, includesRead: 0, requirements: 0, locked: 0, milliseconds: 0, diagnostics: {} });
    summary.files++;
    summary.includesRead += result.includesRead;
    summary.requirements += result.requirements;
    summary.locked += result.locked;
    summary.milliseconds += result.milliseconds;
    for (const [code, count] of Object.entries(result.diagnostics)) summary.diagnostics[code] = (summary.diagnostics[code] ?? 0) + count;
  }
  return {
    corpus,
    analysed: results.length,
    skipped: rows.filter((row) => MANIFEST_KINDS[row.manifestKind] === null).map(({ file, manifestKind }) => ({ file, manifestKind })),
    unrecognizedKinds: [...new Set(rows.filter((row) => MANIFEST_KINDS[row.manifestKind] === undefined).map((row) => row.manifestKind))],
    manifestKinds: [...new Set(rows.map((row) => row.manifestKind))].sort().map((manifestKind) => ({
      manifestKind,
      kind: MANIFEST_KINDS[manifestKind] === undefined ? 'UNRECOGNIZED' : (MANIFEST_KINDS[manifestKind] ?? 'skipped'),
      files: rows.filter((row) => row.manifestKind === manifestKind).length,
    })),
    namesNotDetected: rows.filter((row) => MANIFEST_KINDS[row.manifestKind] && detectKind(row.sourcePath) === null).map((row) => row.file),
    crashes: results.filter((result) => result.outcome === 'crash').map((result) => ({ file: result.file, error: result.error ?? '' })),
    hangs: results.filter((result) => result.outcome === 'hang').map((result) => result.file),
    kinds,
    slowest: [...results].sort((a, b) => b.milliseconds - a.milliseconds).slice(0, 8).map(({ file, milliseconds }) => ({ file, milliseconds })),
    totalMilliseconds,
    files: results,
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function printReport(report: CorpusReport): void {
  const kindNames = Object.keys(report.kinds).sort();
  const out: string[] = [];
  out.push(`Pipsight corpus check: ${report.corpus}`);
  out.push(`${report.analysed} files analysed, ${report.skipped.length} skipped, in ${(report.totalMilliseconds / 1000).toFixed(2)} s`);
  out.push(`Manifest kinds: ${report.manifestKinds.map((entry) => `${entry.manifestKind}→${entry.kind} (${entry.files})`).join(', ')}`);
  out.push('');
  const totals = { files: 0, includesRead: 0, requirements: 0, locked: 0, milliseconds: 0, diagnostics: 0 };
  const kindRows = kindNames.map((kind) => {
    const summary = report.kinds[kind];
    const diagnostics = Object.values(summary.diagnostics).reduce((sum, count) => sum + count, 0);
    totals.files += summary.files;
    totals.includesRead += summary.includesRead;
    totals.requirements += summary.requirements;
    totals.locked += summary.locked;
    totals.milliseconds += summary.milliseconds;
    totals.diagnostics += diagnostics;
    return [kind, String(summary.files), String(summary.includesRead), String(summary.requirements), String(summary.locked), String(diagnostics), summary.milliseconds.toFixed(1)];
  });
  kindRows.push(['total', String(totals.files), String(totals.includesRead), String(totals.requirements), String(totals.locked), String(totals.diagnostics), totals.milliseconds.toFixed(1)]);
  out.push(table(['kind', 'files', 'includes read', 'requirements', 'locked', 'diagnostics', 'analysis ms'], kindRows));
  const codes = [...new Set(kindNames.flatMap((kind) => Object.keys(report.kinds[kind].diagnostics)))].sort();
  if (codes.length > 0) {
    out.push('', 'Diagnostics by code:');
    out.push(table(['code', ...kindNames], codes.map((code) => [code, ...kindNames.map((kind) => String(report.kinds[kind].diagnostics[code] ?? 0))])));
  }
  if (report.skipped.length > 0) {
    out.push('', 'Skipped (formats Pipsight does not read):');
    for (const skipped of report.skipped) out.push(`  ${skipped.file} (${skipped.manifestKind})`);
  }
  if (report.namesNotDetected.length > 0) {
    out.push('', 'Analysed with the manifest kind (file name not recognized by detectKind):');
    for (const file of report.namesNotDetected) out.push(`  ${file}`);
  }
  out.push('', 'Slowest files:');
  for (const slow of report.slowest) out.push(`  ${slow.milliseconds.toFixed(1).padStart(8)} ms  ${slow.file}`);
  out.push('');
  out.push(`Unrecognized manifest kinds: ${report.unrecognizedKinds.length === 0 ? 'none' : report.unrecognizedKinds.join(', ')}`);
  out.push(`Crashes: ${report.crashes.length}`);
  for (const crash of report.crashes) out.push(`  ${crash.file}\n    ${crash.error.split('\n').slice(0, 6).join('\n    ')}`);
  out.push(`Hangs (> ${HANG_TIMEOUT_MS / 1000} s): ${report.hangs.length}`);
  for (const hang of report.hangs) out.push(`  ${hang}`);
  console.log(out.join('\n'));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const corpus = resolve(args.find((arg) => !arg.startsWith('--')) ?? '../shared/corpus');
  const rows = readManifest(corpus);
  const indexes = rows.map((row, index) => (MANIFEST_KINDS[row.manifestKind] ? index : -1)).filter((index) => index >= 0);
  const started = performance.now();
  const results = await analyseAll(corpus, rows, indexes, HANG_TIMEOUT_MS);
  const report = summarize(corpus, rows, results, performance.now() - started);
  if (json) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
  const failed = report.crashes.length > 0 || report.hangs.length > 0 || report.unrecognizedKinds.length > 0;
  process.exitCode = failed ? 1 : 0;
}

/** True when this file is the script being run (bench/run.ts imports the manifest helpers). */
function isEntryPoint(): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
}

if (!isMainThread) {
  runWorker();
} else if (isEntryPoint()) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  });
}
