import { TextDocuments, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiskFileSource } from '../env/disk-file-source';
import { interpreterMarkerEnvironment } from '../env/marker-environment';
import { DEFAULT_SETTINGS, type PipsightSettings } from '../protocol';
import type { Finding } from '../core/model';
import { DocumentAnalyses, type CachedAnalysis } from './document-analyses';
import { DependencyGraphs } from './dependency-graphs';
import { DiagnosticsPublisher } from './diagnostics-publisher';
import { DocumentInsights } from './document-insights';
import { IndexAccess } from './index-access';
import { InstalledEnvironments } from './installed-environment';
import { documentInsightFindings } from './insight-sources';
import { LockedVersionReader } from './locked-versions';
import { ServerLog } from './log';
import { handledMessageCount } from './request-guards';
import { findingsToDiagnostics, toDiagnostics } from './to-diagnostics';
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
  /** textDocument/inlayHint; without it the server offers code lenses instead. */
  inlayHints: boolean;
  /** workspace/inlayHint/refresh */
  inlayHintRefresh: boolean;
  /** workspace/codeLens/refresh */
  codeLensRefresh: boolean;
}

/** State shared by the handlers of one server connection. */
export class ServerContext {
  readonly documents = new TextDocuments(TextDocument);
  readonly log: ServerLog;
  /** Disk, with open documents overlaid so includes see unsaved edits. */
  readonly files: DiskFileSource;
  readonly analyses: DocumentAnalyses;
  readonly publisher: DiagnosticsPublisher;
  readonly indexAccess: IndexAccess;
  readonly insights: DocumentInsights;
  /** The installed environment of each workspace folder (found and scanned in the background). */
  readonly environments: InstalledEnvironments;
  /** Dependency graphs (lockfile, environment) for the tree view, hovers and go to definition. */
  readonly graphs: DependencyGraphs;
  settings: PipsightSettings = DEFAULT_SETTINGS;
  /** Resolved once the first settings were read (no index is contacted before: the settings name the indexes). */
  readonly settingsLoaded: Promise<void>;
  markSettingsLoaded: () => void = () => undefined;
  client: ClientSupport = {
    pullDiagnostics: false,
    diagnosticRefresh: false,
    configurationRequest: false,
    dynamicConfigurationRegistration: false,
    dynamicWatchedFilesRegistration: false,
    inlayHints: false,
    inlayHintRefresh: false,
    codeLensRefresh: false,
  };

  constructor(readonly connection: Connection) {
    this.log = new ServerLog(connection);
    this.files = new DiskFileSource((path) => this.openDocumentText(path));
    this.analyses = new DocumentAnalyses(this.files, this.log, (path) => this.environments.contextFor(path), (uri) => this.documents.get(uri), handledMessageCount);
    this.environments = new InstalledEnvironments({ log: this.log, settings: () => this.settings, onChanged: () => this.environmentChanged() });
    this.graphs = new DependencyGraphs(this.files);
    this.publisher = new DiagnosticsPublisher(connection, this.documents, (document) => this.diagnosticsFor(document), this.log, (uri) => this.analyses.settled(uri));
    this.settingsLoaded = new Promise((resolve) => {
      this.markSettingsLoaded = resolve;
    });
    this.indexAccess = new IndexAccess(this.log);
    this.insights = new DocumentInsights(
      {
        connection,
        log: this.log,
        settings: () => this.settings,
        ready: () => this.settingsLoaded,
        document: (uri) => this.documents.get(uri),
        analysis: (document) => this.analyses.get(document),
        onUpdated: (uri) => this.indexDataArrived(uri),
        settled: (uri) => this.analyses.settled(uri),
        targetEnvironment: (path) => {
          const analysisContext = this.environments.contextFor(path);
          // Like the CLI: the setting, else the interpreter's markers, else this machine's platform.
          return analysisContext.targetEnvironment ?? analysisContext.installed?.markerEnvironment ?? interpreterMarkerEnvironment(null, null);
        },
      },
      this.indexAccess,
      new LockedVersionReader(this.files),
    );
  }

  diagnosticsFor(document: TextDocument): Diagnostic[] {
    if (!this.settings.enable) return [];
    const cached = this.analyses.get(document);
    const readFile = (path: string) => this.files.read(path);
    return [...toDiagnostics(cached, readFile), ...findingsToDiagnostics(this.insightFindingsFor(cached), cached, readFile)];
  }

  /** Findings from the index data known so far for this analysis (none until it arrives). */
  insightFindingsFor(cached: CachedAnalysis): Finding[] {
    if (!cached.analysis) return [];
    return documentInsightFindings(cached.analysis.file, cached.text, this.insights.insightsFor(cached), this.settings.diagnostics.outdated, this.insights.lockedVersions(cached));
  }

  /** Pull-diagnostics result id: changes with the analysis, the index data and the enable switch. */
  diagnosticsResultId(cached: CachedAnalysis): string {
    return `${cached.resultId}:${this.insights.generation(cached.uri)}:${this.settings.enable ? 'on' : 'off'}`;
  }

  /** Index data for `uri` arrived: diagnostics, inlay hints and code lenses show it. */
  indexDataArrived(uri: string): void {
    this.diagnosticsChanged([uri], true);
    if (this.client.inlayHints && this.client.inlayHintRefresh) {
      this.connection.languages.inlayHint.refresh().catch((error: unknown) => this.log.error('Inlay hint refresh failed', error));
    }
    if (!this.client.inlayHints && this.client.codeLensRefresh) {
      this.connection.sendRequest('workspace/codeLens/refresh').catch((error: unknown) => this.log.error('Code lens refresh failed', error));
    }
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

  /** An installed environment was found, rescanned or lost (or the target environment changed): analyse every open document again. */
  environmentChanged(): void {
    this.analyses.invalidateAll();
    this.diagnosticsChanged(this.documents.all().map((document) => document.uri));
    // A uv source marker array may now pick another index: load what that needs (nothing otherwise).
    for (const document of this.documents.all()) this.insights.schedule(document.uri);
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
      // While its TOML does not parse, the last text that did (see last-good-model.ts).
      if (documentFile !== null && pathKey(documentFile) === key) return this.analyses.readableText(document);
    }
    return undefined;
  }
}
