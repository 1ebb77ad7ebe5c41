import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { ServerLog } from './log';

/**
 * Push-mode diagnostics (`textDocument/publishDiagnostics`) for clients without pull support,
 * debounced per document so a burst of keystrokes is analysed once. Also without a debounce
 * (delay 0) a publication waits for the document's edits to settle (edits already received are
 * applied first), and a newer schedule replaces a pending one: only the latest version is analysed.
 */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The pending publication of each document; a settled wait that is no longer it publishes nothing. */
  private readonly pending = new Map<string, object>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly computeDiagnostics: (document: TextDocument) => Diagnostic[],
    private readonly log: ServerLog,
    /** Resolves once the document's edits already received have been applied (DocumentAnalyses.settled). */
    private readonly settled: (uri: string) => Promise<unknown> = () => Promise.resolve(),
  ) {}

  schedule(uri: string, delayMs: number): void {
    this.cancel(uri);
    const publication = {};
    this.pending.set(uri, publication);
    const publishWhenSettled = () => {
      this.timers.delete(uri);
      this.settled(uri).then(
        () => {
          if (this.pending.get(uri) === publication) this.publishNow(uri);
        },
        (error: unknown) => this.log.error(`Publishing diagnostics for ${uri} failed`, error),
      );
    };
    if (delayMs <= 0) publishWhenSettled();
    else this.timers.set(uri, setTimeout(publishWhenSettled, delayMs));
  }

  publishNow(uri: string): void {
    this.cancel(uri);
    const document = this.documents.get(uri);
    if (!document) return;
    try {
      const diagnostics = this.computeDiagnostics(document);
      void this.send(uri, diagnostics, document.version);
    } catch (error) {
      this.log.error(`Publishing diagnostics for ${uri} failed`, error);
    }
  }

  /** Removes the document's diagnostics from the client (closed documents, pipsight disabled). */
  clear(uri: string): void {
    this.cancel(uri);
    void this.send(uri, []);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    this.pending.delete(uri);
  }

  private async send(uri: string, diagnostics: Diagnostic[], version?: number): Promise<void> {
    try {
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.log.error(`Sending diagnostics for ${uri} failed`, error);
    }
  }
}
