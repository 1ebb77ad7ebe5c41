import { TextDocuments, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiskFileSource } from '../env/disk-file-source';
import { DEFAULT_SETTINGS, type PipsightSettings } from '../protocol';
import { DocumentAnalyses } from './document-analyses';
import { DiagnosticsPublisher } from './diagnostics-publisher';
import { ServerLog } from './log';
import { toDiagnostics } from './to-diagnostics';
import { fileUriToPath, pathKey } from './uris';

/** What the client told us it supports in `initialize`. */
export interface ClientSupport {
  /** textDocument/diagnostic (pull); otherwise the server pushes publishDiagnostics. */
  pullDiagnostics: boolean;
  /** workspace/diagnostic/refresh */
  diagnosticRefresh: boolean;
  /** workspace/configuration */
  configurationRequest: boolean;
  dynamicConfigurationRegistration: boolean;
  dynamicWatchedFilesRegistration: boolean;
}

/** State shared by the handlers of one server connection. */
export class ServerContext {
  readonly documents = new TextDocuments(TextDocument);
  readonly log: ServerLog;
  /** Disk, with open documents overlaid so includes see unsaved edits. */
  readonly files: DiskFileSource;
  readonly analyses: DocumentAnalyses;
  readonly publisher: DiagnosticsPublisher;
  settings: PipsightSettings = DEFAULT_SETTINGS;
  client: ClientSupport = {
    pullDiagnostics: false,
    diagnosticRefresh: false,
    configurationRequest: false,
    dynamicConfigurationRegistration: false,
    dynamicWatchedFilesRegistration: false,
  };

  constructor(readonly connection: Connection) {
    this.log = new ServerLog(connection);
    this.files = new DiskFileSource((path) => this.openDocumentText(path));
    this.analyses = new DocumentAnalyses(this.files, this.log);
    this.publisher = new DiagnosticsPublisher(connection, this.documents, (document) => this.diagnosticsFor(document), this.log);
  }

  diagnosticsFor(document: TextDocument): Diagnostic[] {
    if (!this.settings.enable) return [];
    return toDiagnostics(this.analyses.get(document), (path) => this.files.read(path));
  }

  /**
   * The diagnostics of these open documents are out of date for a reason the client cannot see
   * (an included file or a setting changed). Push mode: publish them again (debounced unless
   * `immediate`). Pull mode: ask the client to pull again, when it can be asked.
   */
  diagnosticsChanged(uris: readonly string[], immediate = false): void {
    if (uris.length === 0) return;
    if (this.client.pullDiagnostics) {
      if (this.client.diagnosticRefresh) {
        this.connection.languages.diagnostics.refresh().catch((error: unknown) => this.log.error('Diagnostic refresh failed', error));
      }
      return;
    }
    for (const uri of uris) this.publishIfPushing(uri, immediate);
  }

  /** Push mode only (in pull mode the client asks after its own edits). */
  publishIfPushing(uri: string, immediate = false): void {
    if (this.client.pullDiagnostics) return;
    if (!this.settings.enable) this.publisher.clear(uri);
    else this.publisher.schedule(uri, immediate ? 0 : this.settings.diagnostics.debounceMs);
  }

  /** Open documents whose analysis read one of these files; their cached analyses are dropped. */
  dependentsChanged(paths: readonly string[]): void {
    const dependents = this.analyses.invalidateDependentsOf(paths);
    if (dependents.length > 0) this.log.debug(`Re-analysing ${dependents.join(', ')} after a change to ${paths.join(', ')}`);
    this.diagnosticsChanged(dependents);
  }

  private openDocumentText(path: string): string | undefined {
    const key = pathKey(path);
    for (const document of this.documents.all()) {
      const documentFile = fileUriToPath(document.uri);
      if (documentFile !== null && pathKey(documentFile) === key) return document.getText();
    }
    return undefined;
  }
}
