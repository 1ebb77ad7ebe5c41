import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { ServerLog } from './log';

/**
 * Push-mode diagnostics (`textDocument/publishDiagnostics`) for clients without pull support,
 * debounced per document so a burst of keystrokes is analysed once.
 */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly computeDiagnostics: (document: TextDocument) => Diagnostic[],
    private readonly log: ServerLog,
  ) {}

  schedule(uri: string, delayMs: number): void {
    this.cancel(uri);
    if (delayMs <= 0) {
      this.publishNow(uri);
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.publishNow(uri);
      }, delayMs),
    );
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
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async send(uri: string, diagnostics: Diagnostic[], version?: number): Promise<void> {
    try {
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.log.error(`Sending diagnostics for ${uri} failed`, error);
    }
  }
}
