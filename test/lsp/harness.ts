/**
 * An LSP client for tests: talks to the server over in-memory streams (or any streams, e.g. a
 * child process's stdio), answers the server's requests and records what it publishes.
 */
import { PassThrough, Transform, type Readable, type TransformCallback, type Writable } from 'node:stream';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createConnection,
  createMessageConnection,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { startLanguageServer } from '../../server/src/lsp/server';

/** Passes bytes through, or holds them until released (to deliver several messages in one chunk). */
export class GatedStream extends Transform {
  private held: Buffer[] | null = null;

  hold(): void {
    this.held ??= [];
  }

  /** Number of complete messages currently held. */
  heldMessageCount(): number {
    return (Buffer.concat(this.held ?? []).toString('utf8').match(/Content-Length:/g) ?? []).length;
  }

  release(): void {
    const chunks = this.held ?? [];
    this.held = null;
    if (chunks.length > 0) this.push(Buffer.concat(chunks));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.held) this.held.push(chunk);
    else this.push(chunk);
    callback();
  }
}

export interface TestClientOptions {
  pullDiagnostics: boolean;
  /**
   * The `pipsight` section answered to workspace/configuration. Without `indexes` the server is
   * told to be offline (tests never reach the internet); tests that want index data set `indexes`
   * to the local index server.
   */
  settings?: Record<string, unknown>;
  /** Default: no disk cache (`cacheDirectory: null`). */
  initializationOptions?: Record<string, unknown>;
  /** Advertise inlay hint support (default true); without it the server offers code lenses. */
  inlayHints?: boolean;
  /** Advertise window.workDoneProgress (default false). */
  workDoneProgress?: boolean;
}

/** A `$/progress` notification as received. */
export interface ProgressEvent {
  token: string | number;
  kind: 'begin' | 'report' | 'end';
  title?: string;
  message?: string;
}

export class TestClient {
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly logMessages: string[] = [];
  refreshRequests = 0;
  inlayHintRefreshRequests = 0;
  codeLensRefreshRequests = 0;
  readonly progressTokensCreated: (string | number)[] = [];
  readonly progress: ProgressEvent[] = [];
  private settings: Record<string, unknown>;

  constructor(
    readonly connection: MessageConnection,
    private readonly options: TestClientOptions,
  ) {
    this.settings = options.settings ?? {};
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logMessages.push(params.message);
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => withoutInternet(this.settings)));
    connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      this.progressTokensCreated.push(params.token);
      return null;
    });
    connection.onNotification('$/progress', (params: { token: string | number; value: { kind: ProgressEvent['kind']; title?: string; message?: string } }) => {
      this.progress.push({ token: params.token, kind: params.value.kind, title: params.value.title, message: params.value.message });
    });
    connection.onRequest('workspace/inlayHint/refresh', () => {
      this.inlayHintRefreshRequests += 1;
      return null;
    });
    connection.onRequest('workspace/codeLens/refresh', () => {
      this.codeLensRefreshRequests += 1;
      return null;
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests += 1;
      return null;
    });
    connection.listen();
  }

  async initialize(): Promise<InitializeResult> {
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        ...(this.options.pullDiagnostics ? { diagnostics: { refreshSupport: true } } : {}),
        inlayHint: { refreshSupport: true },
        codeLens: { refreshSupport: true },
      },
      window: { workDoneProgress: this.options.workDoneProgress === true },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, versionSupport: true, dataSupport: true },
        ...(this.options.pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        ...(this.options.inlayHints === false ? {} : { inlayHint: { dynamicRegistration: false } }),
        completion: { completionItem: { tagSupport: { valueSet: [1] } } },
      },
    };
    const initializationOptions = { cacheDirectory: null, ...this.options.initializationOptions };
    // processId null: the server must not watch (and exit with) the test process.
    const result = await this.connection.sendRequest<InitializeResult>('initialize', { processId: null, rootUri: null, capabilities, workspaceFolders: null, initializationOptions });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'plaintext', version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, changes: unknown[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async pull(uri: string, previousResultId?: string): Promise<{ kind: string; items?: Diagnostic[]; resultId?: string }> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  /** The latest published diagnostics of `uri` once `accept` holds for them, polling until the deadline. */
  async waitForPublished(uri: string, accept: (diagnostics: Diagnostic[]) => boolean, timeoutMs = 5000): Promise<Diagnostic[]> {
    return waitFor(() => {
      const latest = this.published.get(uri)?.at(-1);
      return latest && accept(latest.diagnostics) ? latest.diagnostics : undefined;
    }, timeoutMs, `published diagnostics for ${uri}`);
  }
}

function withoutInternet(settings: Record<string, unknown>): Record<string, unknown> {
  return 'indexes' in settings ? settings : { offline: true, ...settings };
}

/** Polls `probe` until it returns a value, failing after the deadline. */
export async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function connectClient(input: Readable, output: Writable, options: TestClientOptions): TestClient {
  return new TestClient(createMessageConnection(new StreamMessageReader(input), new StreamMessageWriter(output)), options);
}

export interface InMemoryServer {
  client: TestClient;
  /** The client → server stream, which a test can hold to batch messages. */
  toServer: GatedStream;
  /** Every byte the server sent to the client, as text (to search all its output at once). */
  transcript(): string;
  dispose(): void;
}

/**
 * A server in this process. Reader/writer objects (not raw streams) are passed to createConnection
 * so the library does not exit the process when the streams end.
 */
export function startInMemoryServer(options: TestClientOptions): InMemoryServer {
  const toServer = new GatedStream();
  const toClient = new PassThrough();
  const sent: Buffer[] = [];
  toClient.on('data', (chunk: Buffer) => sent.push(chunk));
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startLanguageServer(serverConnection);
  const client = connectClient(toClient, toServer, options);
  return {
    client,
    toServer,
    transcript: () => Buffer.concat(sent).toString('utf8'),
    dispose() {
      client.connection.dispose();
      serverConnection.dispose();
    },
  };
}
