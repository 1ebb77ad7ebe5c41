/**
 * A minimal LSP client for benchmarks: starts `node dist/server.js --stdio` as a child process and
 * speaks JSON-RPC over its stdio. It declares no pull-diagnostics capability, so the server pushes
 * `textDocument/publishDiagnostics`, and passes debounceMs = 0 in initializationOptions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

interface TextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

export class LspSession {
  private readonly waiters: { uri: string; version: number; resolve: (params: PublishDiagnosticsParams) => void }[] = [];
  private readonly versions = new Map<string, number>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const waiter = this.waiters[i];
        if (waiter.uri === params.uri && params.version !== undefined && params.version >= waiter.version) {
          this.waiters.splice(i, 1);
          waiter.resolve(params);
        }
      }
    });
    // Answer any server → client request (none expected without capabilities) so it never blocks.
    connection.onRequest(() => null);
    connection.listen();
  }

  static async start(serverPath: string, rootPath: string): Promise<LspSession> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(child, connection);
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(rootPath).href,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      // Offline and without a disk cache: the benchmark measures the analysis, never reaches an index.
      initializationOptions: { cacheDirectory: null, settings: { offline: true, diagnostics: { debounceMs: 0 }, logLevel: 'error' } },
    });
    await connection.sendNotification('initialized', {});
    return session;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Opens a file from disk and resolves with its first diagnostics. */
  async open(path: string, languageId: string): Promise<PublishDiagnosticsParams> {
    const uri = pathToFileURL(path).href;
    this.versions.set(uri, 1);
    const published = this.diagnosticsFor(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: readFileSync(path, 'utf8') } });
    return published;
  }

  /** Sends one incremental change and resolves when diagnostics for that version arrive. */
  async change(path: string, edit: TextEdit): Promise<PublishDiagnosticsParams> {
    const uri = pathToFileURL(path).href;
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const published = this.diagnosticsFor(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [edit] });
    return published;
  }

  /** Any request; resolves with the server's answer. */
  request(method: string, params: object): Promise<unknown> {
    return this.connection.sendRequest(method, params);
  }

  /** Is the server process still alive? */
  running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resident set size of the server process in MB (Linux /proc), or null elsewhere. */
  residentMegabytes(): number | null {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kilobytes = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
      return kilobytes ? Number(kilobytes) / 1024 : null;
    } catch {
      return null;
    }
  }

  async stop(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 2000);
      await this.connection.sendNotification('exit');
    } catch {
      // The process is killed below anyway.
    }
    this.connection.dispose();
    this.child.kill();
  }

  private diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return withTimeout(new Promise((resolve) => this.waiters.push({ uri, version, resolve })), 30_000);
  }
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${milliseconds} ms`)), milliseconds);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
