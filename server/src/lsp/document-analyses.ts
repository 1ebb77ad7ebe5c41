import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, type DocumentAnalysis } from '../core/analyze';
import type { AnalysisContext } from '../core/context';
import type { FileSource } from '../core/file-source';
import { documentKind, documentPath } from './documents';
import type { ServerLog } from './log';
import { LineIndex } from './positions';
import { pathKey } from './uris';

export interface CachedAnalysis {
  uri: string;
  version: number;
  /** Changes whenever the analysis is recomputed: the pull-diagnostics result id. */
  resultId: string;
  path: string;
  text: string;
  lines: LineIndex;
  /** null for documents core does not support (or when analysis failed). */
  analysis: DocumentAnalysis | null;
  /** Path keys of the files the analysis read besides the document. */
  dependencyKeys: Set<string>;
}

/**
 * Analyses of open documents, computed on demand and reused while neither the document (same
 * version) nor a file it depends on changed.
 */
export class DocumentAnalyses {
  private readonly cache = new Map<string, CachedAnalysis>();
  /** Version of the text the last analysis of each document saw (kept across invalidations). */
  private readonly analyzedVersions = new Map<string, number>();
  private analysisCount = 0;

  constructor(
    private readonly files: FileSource,
    private readonly log: ServerLog,
    /** The installed environment and target markers for a document path (what is known now). */
    private readonly contextFor: (path: string) => AnalysisContext = () => ({}),
  ) {}

  get(document: TextDocument): CachedAnalysis {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const fresh = this.analyze(document);
    this.cache.set(document.uri, fresh);
    this.analyzedVersions.set(document.uri, document.version);
    return fresh;
  }

  /** The document version the last analysis (and so the last diagnostics) was computed for. */
  analyzedVersion(uri: string): number | undefined {
    return this.analyzedVersions.get(uri);
  }

  invalidate(uri: string): void {
    this.cache.delete(uri);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.analyzedVersions.delete(uri);
  }

  invalidateAll(): void {
    this.cache.clear();
  }

  /** URIs of cached documents whose analysis read one of these paths; their cache entries are dropped. */
  invalidateDependentsOf(paths: readonly string[]): string[] {
    const keys = new Set(paths.map(pathKey));
    const dependents: string[] = [];
    for (const [uri, cached] of this.cache) {
      if ([...cached.dependencyKeys].some((key) => keys.has(key))) dependents.push(uri);
    }
    for (const uri of dependents) this.cache.delete(uri);
    return dependents;
  }

  private analyze(document: TextDocument): CachedAnalysis {
    const text = document.getText();
    const path = documentPath(document);
    const started = performance.now();
    let analysis: DocumentAnalysis | null = null;
    try {
      analysis = analyzeDocument(path, text, this.files, documentKind(document), this.contextFor(path));
    } catch (error) {
      // A bug in one analysis must not take the server down: the document just gets no findings.
      this.log.error(`Analysis of ${document.uri} failed`, error);
    }
    this.analysisCount += 1;
    this.log.debug(`Analysed ${document.uri} (version ${document.version}) in ${(performance.now() - started).toFixed(1)} ms`);
    return {
      uri: document.uri,
      version: document.version,
      resultId: `${document.version}:${this.analysisCount}`,
      path,
      text,
      lines: new LineIndex(text),
      analysis,
      dependencyKeys: new Set((analysis?.dependencies ?? []).map(pathKey)),
    };
  }
}
