/**
 * `npm run check:corpus-lsp -- ../shared/corpus`: the language server itself on every corpus file.
 * Rebuilds the repositories' trees (so includes and sibling lockfiles resolve) in a temp folder,
 * starts the built server (`dist/server.js --stdio`, offline: no index is contacted), opens every
 * file, sends hover, completion, definition, code-action and inlay-hint requests at positions
 * spread over it, then breaks the file with an edit and waits for fresh diagnostics. Every answer
 * must come within a deadline and the server must still be running at the end; exit 1 otherwise.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from '../bench/lsp-session';
import { readManifest } from './check-corpus';

const REQUEST_DEADLINE_MS = 10_000;
const DIAGNOSTICS_DEADLINE_MS = 20_000;
const POSITIONS_PER_FILE = 12;

async function withDeadline<T>(promise: Promise<T>, milliseconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${milliseconds} ms: ${what}`)), milliseconds);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function requestsAt(uri: string, text: string): [method: string, params: object][] {
  const lines = text.split('\n');
  const requests: [string, object][] = [['textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } }]];
  for (let i = 0; i < POSITIONS_PER_FILE; i++) {
    const line = Math.floor((i / POSITIONS_PER_FILE) * lines.length);
    const position = { line, character: Math.floor((lines[line]?.length ?? 0) / 2) };
    requests.push(
      ['textDocument/hover', { textDocument: { uri }, position }],
      ['textDocument/completion', { textDocument: { uri }, position }],
      ['textDocument/definition', { textDocument: { uri }, position }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }],
    );
  }
  return requests;
}

async function main(): Promise<void> {
  const corpus = resolve(process.argv[2] ?? '../shared/corpus');
  const server = resolve(__dirname, '../dist/server.js');
  const root = mkdtempSync(join(tmpdir(), 'pipsight-corpus-lsp-'));
  const failures: string[] = [];
  let requests = 0;
  const started = performance.now();
  const session = await LspSession.start(server, root);
  try {
    const paths = readManifest(corpus).map((row) => {
      const target = join(root, row.file.slice(0, row.file.indexOf('/')), row.sourcePath);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, readFileSync(join(corpus, row.file)));
      return target;
    });
    for (const path of paths) {
      const text = readFileSync(path, 'utf8');
      const uri = pathToFileURL(path).href;
      const languageId = /\.(toml|lock)$/.test(path) ? 'toml' : 'pip-requirements';
      try {
        await withDeadline(session.open(path, languageId), DIAGNOSTICS_DEADLINE_MS, `diagnostics of ${path}`);
        for (const [method, params] of requestsAt(uri, text)) {
          requests++;
          await withDeadline(session.request(method, params), REQUEST_DEADLINE_MS, `${method} in ${path}`);
        }
        const middle = Math.floor(text.split('\n').length / 2);
        await withDeadline(
          session.change(path, { range: { start: { line: middle, character: 0 }, end: { line: middle, character: 0 } }, text: '[[broken\n"' }),
          DIAGNOSTICS_DEADLINE_MS,
          `diagnostics after breaking ${path}`,
        );
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    if (!session.running()) failures.push('the server exited');
    console.log(`Language server on ${paths.length} corpus files: ${requests} requests, ${failures.length} failures, ${((performance.now() - started) / 1000).toFixed(1)} s, resident ${session.residentMegabytes()?.toFixed(0) ?? '?'} MB`);
  } finally {
    await session.stop();
    rmSync(root, { recursive: true, force: true });
  }
  for (const failure of failures) console.log(`  ${failure}`);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

void main();
