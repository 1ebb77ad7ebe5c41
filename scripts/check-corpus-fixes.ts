/**
 * `npm run check:corpus-fixes -- ../shared/corpus`: every code action the language server offers on
 * every corpus file, applied. Each file is analysed at its original path in a virtual tree of its
 * repository (as check-corpus.ts does, so includes resolve); index answers are made up for its
 * requirements (offline: no index is contacted), and for every diagnostic and every requirement
 * line the server's own code assembles the code actions (scripts/fix-audit.ts). Each action is
 * applied as an editor applies it and the file is parsed again: a new parse error or a duplicated
 * requirement is a failure (exit 1). Files are shared out to worker threads (one per core, at most 4).
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { MapFileSource } from '../server/src/core/file-source';
import type { FileKind } from '../server/src/core/model';
import type { ManifestRow } from './check-corpus';
import { auditFixes, type FileAudit } from './fix-audit';

/** A corpus file to audit: where it sits in the virtual tree, where it is, and its kind. */
interface CorpusFile {
  file: string;
  path: string;
  kind: FileKind;
}

/** `/corpus/<repo folder>/<original path>`: one virtual tree per (repo, commit) folder of the corpus. */
function virtualPath(row: ManifestRow): string {
  return `/corpus/${row.file.slice(0, row.file.indexOf('/'))}/${row.sourcePath}`;
}

type Reply = FileAudit & { file: string; milliseconds: number };

function runWorker(): void {
  const { corpus, files: corpusFiles } = workerData as { corpus: string; files: CorpusFile[] };
  const texts = new Map(corpusFiles.map((entry) => [entry.path, readFileSync(join(corpus, entry.file), 'utf8')]));
  const files = new MapFileSource(texts);
  parentPort!.on('message', (index: number) => {
    const { file, path, kind } = corpusFiles[index];
    const started = performance.now();
    let audit: FileAudit;
    try {
      audit = auditFixes(path, texts.get(path)!, kind, files);
    } catch (error) {
      audit = { path, diagnostics: 0, requests: 0, applied: 0, rejected: 0, failures: [`${path}: ${(error as Error).stack ?? error}`] };
    }
    parentPort!.postMessage({ ...audit, file, milliseconds: performance.now() - started } satisfies Reply);
  });
}

/** A worker running this same file, bootstrapped with tsx's require hook (workers do not inherit it). */
function startWorker(corpus: string, files: CorpusFile[]): Worker {
  const require = createRequire(import.meta.url);
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(fileURLToPath(import.meta.url))});`;
  return new Worker(bootstrap, { eval: true, workerData: { corpus, files } });
}

async function main(): Promise<void> {
  const corpus = resolve(process.argv[2] ?? '../shared/corpus');
  // Imported here only: check-corpus.ts starts its own worker code when loaded in a worker thread.
  const { MANIFEST_KINDS, readManifest } = await import('./check-corpus');
  const files: CorpusFile[] = readManifest(corpus)
    .filter((row) => MANIFEST_KINDS[row.manifestKind])
    .map((row) => ({ file: row.file, path: virtualPath(row), kind: MANIFEST_KINDS[row.manifestKind]! }));
  const started = performance.now();
  const results: Reply[] = [];
  // Largest files first, so the longest audits do not start last.
  const size = (entry: CorpusFile) => readFileSync(join(corpus, entry.file)).length;
  const queue = files.map((_, index) => index).sort((a, b) => size(files[b]) - size(files[a]));
  const workerCount = Math.max(1, Math.min(4, availableParallelism(), files.length));
  await Promise.all(
    Array.from({ length: workerCount }, async () => {
      const worker = startWorker(corpus, files);
      try {
        for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
          results.push(
            await new Promise<Reply>((resolveReply, rejectReply) => {
              worker.once('message', resolveReply);
              worker.once('error', rejectReply);
              worker.postMessage(index);
            }).finally(() => {
              // Only ours: removing every listener breaks the worker's own plumbing.
              worker.removeAllListeners('message');
              worker.removeAllListeners('error');
            }),
          );
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  const total = (key: 'diagnostics' | 'requests' | 'applied' | 'rejected') => results.reduce((sum, result) => sum + result[key], 0);
  const failures = results.flatMap((result) => result.failures);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Code actions on ${results.length} corpus files: ${total('diagnostics')} diagnostics, ${total('requests')} requests, ${total('applied')} actions applied, ` +
      `${total('rejected')} refused by the check, ${failures.length} failures, ${seconds} s (${workerCount} workers)`,
  );
  console.log('Slowest files:');
  for (const slow of [...results].sort((a, b) => b.milliseconds - a.milliseconds).slice(0, 5)) console.log(`  ${(slow.milliseconds / 1000).toFixed(1).padStart(6)} s  ${slow.file} (${slow.applied} actions)`);
  for (const failure of failures.slice(0, 50)) console.log(`  ${failure}`);
  if (failures.length > 50) console.log(`  … and ${failures.length - 50} more`);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

if (!isMainThread) {
  runWorker();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  });
}
