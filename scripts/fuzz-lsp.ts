/**
 * `npm run fuzz:lsp -- [--seed N] [--seconds S] [--files DIR]`: the built language server
 * (`dist/server.js --stdio`) against random edits and requests. Its package index is the
 * project's own test index server on 127.0.0.1 (or none: offline, for some seeds); the workspace is
 * untrusted, so indexes the files declare are never contacted, and any other address goes to a
 * proxy that refuses connections: nothing leaves the machine. Our fixture and example
 * files (and DIR's files when given: a corpus with MANIFEST.tsv is rebuilt as its repositories'
 * trees) are copied to a temp folder and opened; then, from a seeded generator, random edits
 * (characters, tokens such as `[`, `"`, `==`, `;`, `\`, line breaks, huge runs of spaces, unicode,
 * NUL) are interleaved with hover, completion, code action, inlay hint, definition, document
 * symbol, semantic token, diagnostic and dependency tree requests at random positions, some of
 * them cancelled. Returned code actions are applied: their edits must fit the document and leave
 * no new parse error, and the server's next diagnostics must describe the edited text.
 *
 * Fails (exit 1) when a request gets no answer within the deadline, an error other than
 * cancellation / content modified comes back, the server logs an error or exits, or a check
 * above does not hold. The seed is printed: `--seed` replays the same run (`--server PATH` runs it
 * against another build).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, Range, ServerCapabilities, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { seededRandom } from '../bench/seeded-random';
import { startIndexServer } from '../test/index-server/server';
import { newProblems } from '../server/src/core/fix-check';
import type { FileKind } from '../server/src/core/model';
import { parseDocument } from '../server/src/core/parse';
import { readManifest } from './check-corpus';
import { auditKind } from './fix-audit';

const REQUEST_DEADLINE_MS = 5_000;
const FINAL_DIAGNOSTICS_DEADLINE_MS = 20_000;
const MAX_OPEN = 4;
/** Errors a request may answer with: RequestCancelled, ContentModified, ServerCancelled. */
const ACCEPTED_ERRORS = new Set([-32800, -32801, -32802]);
const METHOD_NOT_FOUND = -32601;

const TOKENS = [
  '[', ']', '"', "'", '"""', '==', '>=', '<', '~=', '!=', '===', ';', '\\', '\n', '\r\n', '\r', '\\\n', '#', '=', ',', '.', '*', '@', '^', '||', ' ', '\t', '{', '}',
  '[[package]]\n', 'name = "numpy"\n', 'version = "1.0"\n', 'numpy>=1.24\n', 'numpy = "^1.24"\n', 'requests[socks]==2.31.0 ; python_version < "3.8"\n', 'typing\n',
  '-r requirements.txt\n', '-r missing.txt\n', '-c constraints.txt\n', '-e .\n', '--index-url https://index.invalid/simple\n', '--hash=sha256:abc\n',
  'dependencies = ["a", "b"]\n', '[project]\n', '[tool.poetry.dependencies]\n', '[tool.uv.sources]\n', 'requires-python = ">=3.9"\n', 'file:///tmp/x',
  'é', '🐍', '\u0301', '\u202e', '\u2028', '\ud800', '\udc00', '\u0000', '\ufeff', '\u00a0', '${HOME}',
];
const TRIGGERS = ['"', '[', '=', '>', '<', '~', ','];

interface Options {
  seed: number;
  seconds: number;
  files: string | null;
  /** Another build of the server (`--server PATH`), e.g. to see whether an older one had a failure. */
  server: string | null;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const seed = value('--seed');
  return {
    seed: seed !== undefined ? Number(seed) >>> 0 : Math.floor(Math.random() * 2 ** 31),
    seconds: Number(value('--seconds') ?? 60),
    files: value('--files') ?? null,
    server: value('--server') ?? null,
  };
}

interface OpenDocument {
  document: TextDocument;
  path: string;
  kind: FileKind | null;
  languageId: string;
}

interface Published {
  version?: number;
  diagnostics: Diagnostic[];
}

class Fuzzer {
  readonly random: () => number;
  readonly failures: string[] = [];
  readonly open = new Map<string, OpenDocument>();
  readonly published = new Map<string, Published>();
  readonly requestsByMethod = new Map<string, number>();
  edits = 0;
  requests = 0;
  cancelled = 0;
  actionsApplied = 0;
  /** Quick fixes asked for with the previous version's diagnostic and compared with the fixes now. */
  staleChecks = 0;
  maxLatency = { milliseconds: 0, method: '' };
  capabilities: ServerCapabilities = {};
  private stderr = '';

  constructor(
    readonly options: Options,
    readonly pull: boolean,
    readonly debounceMs: number,
    /** The index the server asks (our own index server), or null: offline. */
    readonly indexUrl: string | null,
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    this.random = seededRandom(options.seed ^ 0x9e3779b9);
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-20_000);
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      this.published.set(params.uri, { version: params.version, diagnostics: params.diagnostics });
    });
    connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (params.type === 1) this.fail(`the server logged an error: ${params.message.split('\n').slice(0, 8).join('\n    ')}`);
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings()));
    connection.onRequest(() => null);
    connection.onNotification(() => undefined);
  }

  settings(): Record<string, unknown> {
    const index = this.indexUrl ? { indexes: [{ url: this.indexUrl, default: true }] } : { offline: true };
    return { ...index, logLevel: 'error', diagnostics: { debounceMs: this.debounceMs } };
  }

  get serverStderr(): string {
    return this.stderr;
  }

  fail(message: string): void {
    if (this.failures.length < 200) this.failures.push(message);
  }

  running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  int(maximum: number): number {
    return Math.floor(this.random() * maximum);
  }

  async initialize(root: string): Promise<void> {
    const result = await this.request<{ capabilities: ServerCapabilities }>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'fuzz' }],
      capabilities: {
        workspace: { configuration: true, ...(this.pull ? { diagnostics: { refreshSupport: true } } : {}), inlayHint: { refreshSupport: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
          publishDiagnostics: { versionSupport: true, dataSupport: true, relatedInformation: true },
          inlayHint: { dynamicRegistration: false },
          ...(this.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
        },
      },
      initializationOptions: { cacheDirectory: null, workspaceTrusted: false, settings: this.settings() },
    });
    this.capabilities = result?.capabilities ?? {};
    await this.connection.sendNotification('initialized', {});
  }

  /** A request with the deadline; answers with undefined after a failure or an accepted error. */
  async request<T>(method: string, params: unknown, cancelAfter?: number): Promise<T | undefined> {
    this.requests += 1;
    this.requestsByMethod.set(method, (this.requestsByMethod.get(method) ?? 0) + 1);
    const source = new CancellationTokenSource();
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    let cancelTimer: NodeJS.Timeout | undefined;
    if (cancelAfter !== undefined) {
      this.cancelled += 1;
      cancelTimer = setTimeout(() => source.cancel(), cancelAfter);
    }
    const deadline = new Promise<'deadline'>((resolveDeadline) => {
      timer = setTimeout(() => resolveDeadline('deadline'), REQUEST_DEADLINE_MS);
    });
    try {
      const outcome = await Promise.race([this.connection.sendRequest<T>(method, params, source.token), deadline]);
      this.noteLatency(method, performance.now() - started);
      if (outcome === 'deadline') {
        this.fail(`${method} got no answer within ${REQUEST_DEADLINE_MS} ms (${describe(params)})`);
        return undefined;
      }
      return outcome;
    } catch (error) {
      this.noteLatency(method, performance.now() - started);
      if (error instanceof ResponseError && ACCEPTED_ERRORS.has(error.code)) return undefined;
      if (error instanceof ResponseError && error.code === METHOD_NOT_FOUND && !this.advertises(method)) return undefined;
      this.fail(`${method} answered with an error: ${error instanceof ResponseError ? `${error.code} ${error.message}` : String(error)} (${describe(params)})`);
      return undefined;
    } finally {
      clearTimeout(timer);
      clearTimeout(cancelTimer);
      source.dispose();
    }
  }

  /** The slowest answer (start-up and shutdown aside). */
  noteLatency(method: string, milliseconds: number): void {
    if (method !== 'initialize' && method !== 'shutdown' && milliseconds > this.maxLatency.milliseconds) this.maxLatency = { milliseconds, method };
  }

  advertises(method: string): boolean {
    const capabilities = this.capabilities as Record<string, unknown>;
    const provider: Record<string, string> = {
      'textDocument/documentSymbol': 'documentSymbolProvider',
      'textDocument/semanticTokens/full': 'semanticTokensProvider',
      'textDocument/codeLens': 'codeLensProvider',
      'textDocument/inlayHint': 'inlayHintProvider',
      'textDocument/diagnostic': 'diagnosticProvider',
    };
    return provider[method] === undefined || capabilities[provider[method]] !== undefined;
  }

  async openDocument(path: string): Promise<void> {
    const uri = pathToFileURL(path).href;
    if (this.open.has(uri)) return;
    const text = readFileSync(path, 'utf8');
    const kind = auditKind(path, text);
    const languageId = kind === 'requirements' ? 'pip-requirements' : /\.(toml|lock)$/.test(path) ? 'toml' : 'plaintext';
    this.open.set(uri, { document: TextDocument.create(uri, languageId, 1, text), path, kind, languageId });
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  async closeDocument(uri: string): Promise<void> {
    this.open.delete(uri);
    this.published.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Applies `changes` (LSP content changes, in order) here and on the server. */
  async change(uri: string, changes: { range?: Range; text: string }[]): Promise<void> {
    const entry = this.open.get(uri)!;
    const version = entry.document.version + 1;
    TextDocument.update(entry.document, changes, version);
    this.edits += 1;
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  randomText(): string {
    const roll = this.random();
    if (roll < 0.04) return ' '.repeat(1 + this.int(20_000));
    if (roll < 0.06) return 'a'.repeat(1 + this.int(5_000));
    if (roll < 0.2) return Array.from({ length: 1 + this.int(8) }, () => String.fromCharCode(this.int(0x3000))).join('');
    if (roll < 0.3) return Array.from({ length: 1 + this.int(4) }, () => this.pick(TOKENS)).join('');
    return this.pick(TOKENS);
  }

  randomRange(document: TextDocument): Range {
    const length = document.getText().length;
    const start = this.int(length + 1);
    const size = this.random() < 0.9 ? this.int(12) : this.int(2_000);
    return { start: document.positionAt(start), end: document.positionAt(Math.min(length, start + size)) };
  }

  randomPosition(document: TextDocument): { line: number; character: number } {
    if (this.random() < 0.05) return { line: document.lineCount + this.int(5), character: this.int(50) };
    if (this.random() < 0.05) return { line: this.int(document.lineCount), character: 1_000_000 };
    return document.positionAt(this.int(document.getText().length + 1));
  }

  async randomEdit(uri: string): Promise<void> {
    const { document } = this.open.get(uri)!;
    const changes: { range?: Range; text: string }[] = [];
    const count = 1 + this.int(3);
    // The ranges of one change list refer to the text after the previous changes: work on a copy.
    const scratch = TextDocument.create(uri, 'plaintext', 0, document.getText());
    for (let index = 0; index < count; index++) {
      const roll = this.random();
      let change: { range?: Range; text: string };
      if (roll < 0.02) {
        const lines = scratch.getText().split('\n');
        change = { text: lines.sort(() => this.random() - 0.5).join('\n') };
      } else if (roll < 0.5) {
        const at = this.randomRange(scratch).start;
        change = { range: { start: at, end: at }, text: this.randomText() };
      } else if (roll < 0.75) {
        change = { range: this.randomRange(scratch), text: '' };
      } else {
        change = { range: this.randomRange(scratch), text: this.randomText() };
      }
      TextDocument.update(scratch, [change], index + 1);
      changes.push(change);
    }
    await this.change(uri, changes);
  }

  /** The diagnostics the client would send with a code action: the latest it has (possibly of an older version). */
  async knownDiagnostics(uri: string): Promise<Diagnostic[]> {
    if (!this.pull) return this.published.get(uri)?.diagnostics ?? [];
    const report = await this.request<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    return report?.items ?? [];
  }

  async randomRequest(uri: string, diagnostics: Diagnostic[]): Promise<void> {
    const { document } = this.open.get(uri)!;
    const textDocument = { uri };
    const position = this.randomPosition(document);
    const range = this.random() < 0.5 ? { start: position, end: position } : this.randomRange(document);
    const cancelAfter = this.random() < 0.1 ? this.int(3) : undefined;
    const method = this.pick([
      'textDocument/hover', 'textDocument/hover', 'textDocument/completion', 'textDocument/completion', 'textDocument/definition', 'textDocument/codeAction',
      'textDocument/codeAction', 'textDocument/inlayHint', 'textDocument/codeLens', 'textDocument/documentSymbol', 'textDocument/semanticTokens/full',
      'textDocument/diagnostic', 'pipsight/dependencyTree',
    ]);
    switch (method) {
      case 'textDocument/completion':
        await this.request(method, { textDocument, position, context: this.random() < 0.5 ? { triggerKind: 2, triggerCharacter: this.pick(TRIGGERS) } : { triggerKind: 1 } }, cancelAfter);
        return;
      case 'textDocument/codeAction': {
        const only = this.random() < 0.3 ? [this.pick(['quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.updateAll.pipsight'])] : undefined;
        await this.request(method, { textDocument, range, context: { diagnostics: diagnostics.filter(() => this.random() < 0.5), ...(only ? { only } : {}) } }, cancelAfter);
        return;
      }
      case 'textDocument/inlayHint':
        await this.request(method, { textDocument, range }, cancelAfter);
        return;
      case 'textDocument/codeLens':
      case 'textDocument/documentSymbol':
      case 'textDocument/semanticTokens/full':
        await this.request(method, { textDocument }, cancelAfter);
        return;
      case 'textDocument/diagnostic':
        if (this.pull) await this.request(method, { textDocument }, cancelAfter);
        return;
      case 'pipsight/dependencyTree':
        await this.request(method, { uri, source: 'lock', depth: this.int(3) }, cancelAfter);
        return;
      default:
        await this.request(method, { textDocument, position }, cancelAfter);
    }
  }

  /** Asks for code actions on a diagnostic (or the cursor) and applies one of them. */
  async applyAnAction(uri: string): Promise<void> {
    const entry = this.open.get(uri)!;
    const diagnostics = await this.knownDiagnostics(uri);
    const withFixes = diagnostics.filter((diagnostic) => diagnostic.data !== undefined);
    const chosen = withFixes.length > 0 && this.random() < 0.8 ? this.pick(withFixes) : undefined;
    if (chosen && this.random() < 0.4) {
      await this.askWithEarlierDiagnostic(uri, chosen);
      return;
    }
    // Without a fix to ask for: rewrites where a diagnostic points (mostly requirements), or anywhere.
    const range = chosen?.range ?? (diagnostics.length > 0 && this.random() < 0.7 ? this.pick(diagnostics).range : this.randomRange(entry.document));
    const only = chosen ? undefined : [this.pick(['refactor', 'refactor', 'source'])];
    const actions = await this.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: chosen ? [chosen] : [], ...(only ? { only } : {}) } });
    const applicable = (actions ?? []).filter((action) => action.edit?.changes?.[uri]);
    if (applicable.length === 0) return;
    const action = this.pick(applicable);
    const edits = action.edit!.changes![uri] as TextEdit[];
    const before = entry.document.getText();
    const problem = this.checkEdits(entry, edits);
    if (problem) {
      this.fail(`code action "${action.title}" on ${relativeName(entry.path)}: ${problem}`);
      return;
    }
    const after = TextDocument.applyEdits(entry.document, edits);
    if (entry.kind) {
      const parsedBefore = parseDocument(entry.path, before, entry.kind);
      const parsedAfter = parseDocument(entry.path, after, entry.kind);
      const added = parsedBefore && parsedAfter ? newProblems(parsedBefore, parsedAfter) : null;
      if (added) this.fail(`code action "${action.title}" on ${relativeName(entry.path)}: ${added}`);
    }
    // As an editor applies a workspace edit: one change list, last edit first.
    const ordered = [...edits].sort((a, b) => entry.document.offsetAt(b.range.start) - entry.document.offsetAt(a.range.start));
    await this.change(uri, ordered.map((edit) => ({ range: edit.range, text: edit.newText })));
    if (entry.document.getText() !== after) this.fail(`code action "${action.title}": applying its edits in order gave another text than applying them together`);
    this.actionsApplied += 1;
    await this.checkDiagnosticsDescribe(uri);
  }

  /**
   * The user types above a finding, and the editor asks for its quick fixes with the diagnostic it
   * still has (of the previous version): they must be the fixes the same finding has now, never
   * edits of other text.
   */
  async askWithEarlierDiagnostic(uri: string, earlier: Diagnostic): Promise<void> {
    const entry = this.open.get(uri)!;
    const top = { line: 0, character: 0 };
    await this.change(uri, [{ range: { start: top, end: top }, text: '# typed above\n' }]);
    const now = await this.currentDiagnostics(uri);
    const same = now.filter((diagnostic) => diagnostic.code === earlier.code && diagnostic.message === earlier.message);
    if (same.length !== 1) return;
    const quickFixes = async (diagnostic: Diagnostic) => {
      const actions = await this.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
      return (actions ?? []).map((action) => JSON.stringify([action.title, action.edit?.changes?.[uri] ?? []]));
    };
    this.staleChecks += 1;
    const fromEarlier = await quickFixes(earlier);
    const current = new Set(await quickFixes(same[0]));
    for (const action of fromEarlier) {
      if (!current.has(action)) this.fail(`a quick fix of ${earlier.code} on ${relativeName(entry.path)} asked with the previous version's diagnostic is not the same finding's fix now: ${action.slice(0, 300)}`);
    }
  }

  /** The diagnostics of the document's current version (pulled, or waited for). */
  async currentDiagnostics(uri: string): Promise<Diagnostic[]> {
    const entry = this.open.get(uri)!;
    if (this.pull) return (await this.request<{ items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } }))?.items ?? [];
    const until = performance.now() + REQUEST_DEADLINE_MS;
    while (performance.now() < until && this.published.get(uri)?.version !== entry.document.version && this.running()) await sleep(5);
    const published = this.published.get(uri);
    if (published?.version !== entry.document.version) {
      this.fail(`no diagnostics for version ${entry.document.version} of ${relativeName(entry.path)} within ${REQUEST_DEADLINE_MS} ms`);
      return [];
    }
    return published.diagnostics;
  }

  /** Edits inside the document, not overlapping. */
  checkEdits(entry: OpenDocument, edits: TextEdit[]): string | null {
    const { document } = entry;
    const offsets = edits.map((edit) => [document.offsetAt(edit.range.start), document.offsetAt(edit.range.end)] as const);
    for (const edit of edits) {
      for (const position of [edit.range.start, edit.range.end]) {
        if (position.line >= document.lineCount || position.character > lineLength(document, position.line)) return `an edit lies outside the document (${JSON.stringify(edit.range)})`;
      }
    }
    const sorted = [...offsets].sort((a, b) => a[0] - b[0]);
    if (sorted.some(([start, end], index) => start > end || (index > 0 && start < sorted[index - 1][1]))) return 'its edits overlap';
    return null;
  }

  /**
   * The server's diagnostics of the current version describe our text: ranges inside it, and the
   * text each fix expects to edit is there (the server and the client agree on the text).
   */
  async checkDiagnosticsDescribe(uri: string, deadline = REQUEST_DEADLINE_MS): Promise<void> {
    const entry = this.open.get(uri);
    if (!entry) return;
    let diagnostics: Diagnostic[] | undefined;
    if (this.pull) {
      diagnostics = (await this.request<{ items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } }))?.items;
    } else {
      const until = performance.now() + deadline;
      while (performance.now() < until && this.published.get(uri)?.version !== entry.document.version && this.running()) await sleep(5);
      const published = this.published.get(uri);
      if (published?.version !== entry.document.version) {
        this.fail(`no diagnostics for version ${entry.document.version} of ${relativeName(entry.path)} within ${deadline} ms`);
        return;
      }
      diagnostics = published.diagnostics;
    }
    const text = entry.document.getText();
    for (const diagnostic of diagnostics ?? []) {
      const { start, end } = diagnostic.range;
      if (start.line >= entry.document.lineCount || end.line >= entry.document.lineCount || start.character > lineLength(entry.document, start.line) || end.character > lineLength(entry.document, end.line)) {
        this.fail(`${diagnostic.code} on ${relativeName(entry.path)} lies outside the document: ${JSON.stringify(diagnostic.range)}`);
      }
      const data = diagnostic.data as { version?: number; fixes?: { span?: { start: number; end: number }; expected?: string }[] } | undefined;
      for (const fix of data?.fixes ?? []) {
        if (fix.span && text.slice(fix.span.start, fix.span.end) !== fix.expected) this.fail(`the fix data of ${diagnostic.code} on ${relativeName(entry.path)} expects text the document does not have`);
      }
    }
  }

  async step(candidates: string[]): Promise<void> {
    const roll = this.random();
    const uris = [...this.open.keys()];
    if (uris.length === 0 || (roll < 0.03 && uris.length < MAX_OPEN)) {
      // Manifests (where the fixes are) three times out of four, lockfiles otherwise.
      const manifests = candidates.filter((path) => !/\.lock$|pylock/.test(path));
      await this.openDocument(this.pick(this.random() < 0.75 && manifests.length > 0 ? manifests : candidates));
      return;
    }
    if (roll < 0.05 && uris.length > 1) {
      await this.closeDocument(this.pick(uris));
      return;
    }
    const uri = this.pick(uris);
    const entry = this.open.get(uri)!;
    if (entry.document.version > 60) {
      // Long-mangled documents stop looking like dependency files: start this one again from disk.
      await this.closeDocument(uri);
      await this.openDocument(entry.path);
    } else if (roll < 0.4) {
      await this.randomEdit(uri);
    } else if (roll < 0.85) {
      // A burst of requests in flight together, with the diagnostics the client knows (maybe stale).
      const diagnostics = this.published.get(uri)?.diagnostics ?? [];
      await Promise.all(Array.from({ length: 1 + this.int(6) }, () => this.randomRequest(uri, diagnostics)));
    } else {
      await this.applyAnAction(uri);
    }
  }
}

/**
 * The server's environment without the machine's pip / uv configuration and credentials, and with
 * every address but this machine's sent to a proxy that refuses connections.
 */
function isolatedEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env, PIP_CONFIG_FILE: '/dev/null', UV_NO_CONFIG: '1', NETRC: '/dev/null' };
  for (const name of Object.keys(environment)) {
    if (/^(PIP_|UV_INDEX|UV_DEFAULT_INDEX|UV_EXTRA_INDEX|VIRTUAL_ENV$|https?_proxy$|no_proxy$|all_proxy$)/i.test(name)) delete environment[name];
  }
  environment.PIP_CONFIG_FILE = '/dev/null';
  return { ...environment, HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1,localhost' };
}

function lineLength(document: TextDocument, line: number): number {
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/\r?\n$|\r$/, '').length;
}

function describe(params: unknown): string {
  return JSON.stringify(params, (key, value: unknown) => (key === 'diagnostics' && Array.isArray(value) ? `[${value.length} diagnostics]` : value)).slice(0, 300);
}

let relativeRoot = '';
function relativeName(path: string): string {
  return relative(relativeRoot, path);
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, milliseconds));
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** Copies the files to fuzz under `root`: ours keep their layout, a corpus is rebuilt as its repositories' trees. */
function prepareFiles(repository: string, root: string, extra: string | null): string[] {
  const copy = (from: string, to: string) => {
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, readFileSync(from));
    return to;
  };
  const copied: string[] = [];
  for (const folder of ['test/fixtures', 'examples']) {
    for (const path of filesUnder(join(repository, folder))) copied.push(copy(path, join(root, 'own', relative(repository, path))));
  }
  if (extra) {
    if (existsSync(join(extra, 'MANIFEST.tsv'))) {
      for (const row of readManifest(extra)) copied.push(copy(join(extra, row.file), join(root, 'corpus', row.file.slice(0, row.file.indexOf('/')), row.sourcePath)));
    } else {
      for (const path of filesUnder(extra)) copied.push(copy(path, join(root, 'extra', relative(extra, path))));
    }
  }
  // Only files a dependency editor opens; sorted so a seed always picks the same ones.
  return copied.filter((path) => /\.(txt|in|toml|lock)$/.test(path)).sort();
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const repository = resolve(__dirname, '..');
  const server = options.server ? resolve(options.server) : join(repository, 'dist', 'server.js');
  if (!existsSync(server)) throw new Error('dist/server.js is missing: run `npm run build` (npm run fuzz:lsp builds first)');
  const root = mkdtempSync(join(tmpdir(), 'pipsight-fuzz-'));
  relativeRoot = root;
  const replay = `npm run fuzz:lsp -- --seed ${options.seed} --seconds ${options.seconds}${options.files ? ` --files ${options.files}` : ''}`;
  console.log(`LSP fuzz run: seed ${options.seed}, ${options.seconds} s (replay: ${replay})`);
  const candidates = prepareFiles(repository, root, options.files ? resolve(options.files) : null);
  const setup = seededRandom(options.seed);
  const pull = setup() < 0.5;
  const debounceMs = setup() < 0.6 ? 0 : 40;
  const online = setup() < 0.75;
  const indexServer = online ? await startIndexServer() : null;
  const child = spawn(process.execPath, [server, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: isolatedEnvironment() });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.listen();
  const fuzzer = new Fuzzer(options, pull, debounceMs, indexServer?.indexes.pypi ?? null, child, connection);
  const started = performance.now();
  try {
    await fuzzer.initialize(root);
    const until = started + options.seconds * 1000;
    while (performance.now() < until && fuzzer.running() && fuzzer.failures.length === 0) await fuzzer.step(candidates);
    if (fuzzer.running()) {
      // The server still answers, and its diagnostics describe the last version of every document.
      for (const uri of fuzzer.open.keys()) {
        await fuzzer.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
        await fuzzer.checkDiagnosticsDescribe(uri, FINAL_DIAGNOSTICS_DEADLINE_MS);
      }
      const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
      await fuzzer.request('shutdown', null);
      await connection.sendNotification('exit');
      const code = await Promise.race([exited, sleep(5_000).then(() => 'timeout' as const)]);
      if (code !== 0) fuzzer.fail(`the server did not exit cleanly after shutdown (${code})`);
    } else {
      fuzzer.fail(`the server exited (code ${child.exitCode}, signal ${child.signalCode})`);
    }
  } catch (error) {
    fuzzer.fail(`the fuzz run stopped: ${(error as Error).stack ?? error}`);
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill();
    await indexServer?.close();
    rmSync(root, { recursive: true, force: true });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const methods = [...fuzzer.requestsByMethod].sort((a, b) => b[1] - a[1]).map(([method, count]) => `${method.replace('textDocument/', '')} ${count}`).join(', ');
  console.log(
    `${pull ? 'Pull' : 'Push'} diagnostics, debounce ${debounceMs} ms, ${online ? 'local index server' : 'offline'}, ${candidates.length} files: ${fuzzer.edits} edits, ${fuzzer.requests} requests (${fuzzer.cancelled} cancelled), ` +
      `${fuzzer.actionsApplied} code actions applied, ${fuzzer.staleChecks} asked with an earlier version's diagnostic, max latency ${fuzzer.maxLatency.milliseconds.toFixed(0)} ms (${fuzzer.maxLatency.method}), ${fuzzer.failures.length} failures, ${seconds} s`,
  );
  console.log(`Requests: ${methods}`);
  if (fuzzer.failures.length > 0) {
    for (const failure of fuzzer.failures.slice(0, 30)) console.log(`  ${failure}`);
    if (fuzzer.serverStderr.trim() !== '') console.log(`Server stderr (end):\n${fuzzer.serverStderr.slice(-4000)}`);
    console.log(`Replay: ${replay}`);
  }
  process.exitCode = fuzzer.failures.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
