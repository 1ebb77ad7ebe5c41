import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, type DocumentAnalysis } from '../core/analyze';
import type { AnalysisContext } from '../core/context';
import type { FileSource } from '../core/file-source';
import { documentKind, documentPath } from './documents';
import { isSyntaxDamaged, isTomlKind, tomlTextParses, withLastGoodFindings, type LastGoodModel } from './last-good-model';
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
 *
 * Only the latest version of a document is analysed: whoever needs an analysis after an edit
 * (published or pulled diagnostics, requests) first waits for `settled`, so a burst of edits, also
 * one that queued up behind a running analysis, is analysed once, at its last version, and every
 * waiter shares that one result.
 */
export class DocumentAnalyses {
  private readonly cache = new Map<string, CachedAnalysis>();
  /** One wait per document for its edits to settle, shared by every caller. */
  private readonly settling = new Map<string, Promise<TextDocument | undefined>>();
  private analysisCount = 0;
  /** Per TOML document: the last version whose text parsed, for while it does not (last-good-model.ts). */
  private readonly lastGood = new Map<string, LastGoodModel>();
  /** Per open TOML document: whether its latest version parses, as readableText last found. */
  private readonly parses = new Map<string, { version: number; parses: boolean }>();

  constructor(
    private readonly files: FileSource,
    private readonly log: ServerLog,
    /** The installed environment and target markers for a document path (what is known now). */
    private readonly contextFor: (path: string) => AnalysisContext = () => ({}),
    /** The open document of a URI, as the latest edit left it. */
    private readonly documentOf: (uri: string) => TextDocument | undefined = () => undefined,
    /** A count that grows with every message the server handles (request-guards handledMessageCount). */
    private readonly messageCount: () => number = () => 0,
  ) {}

  get(document: TextDocument): CachedAnalysis {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const fresh = this.withLastGoodModel(this.analyze(document), document);
    this.cache.set(document.uri, fresh);
    return fresh;
  }

  /**
   * The open document once every message already received (edits above all) has been handled:
   * neither its version nor the count of handled messages changed over a full turn of the event
   * loop (the connection hands over one queued message per turn, so a waiting message always
   * changes the count before the next check). Undefined when the document is not open (any more).
   */
  settled(uri: string): Promise<TextDocument | undefined> {
    let pending = this.settling.get(uri);
    if (!pending) {
      pending = new Promise((resolve) => {
        const state = () => `${this.documentOf(uri)?.version}:${this.messageCount()}`;
        let seen = '';
        const check = () => {
          if (state() !== seen) {
            seen = state();
            setImmediate(check);
            return;
          }
          this.settling.delete(uri);
          resolve(this.documentOf(uri));
        };
        // The first turn only notes the state: a message queued right behind the caller's own is
        // handed over later in that same turn.
        setImmediate(() => {
          seen = state();
          setImmediate(check);
        });
      });
      this.settling.set(uri, pending);
    }
    return pending;
  }

  invalidate(uri: string): void {
    this.cache.delete(uri);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.lastGood.delete(uri);
    this.parses.delete(uri);
  }

  invalidateAll(): void {
    this.cache.clear();
    for (const good of this.lastGood.values()) good.analysis = null;
  }

  /** URIs of cached documents whose analysis read one of these paths; their cache entries are dropped. */
  invalidateDependentsOf(paths: readonly string[]): string[] {
    const keys = new Set(paths.map(pathKey));
    const dependents: string[] = [];
    for (const [uri, cached] of this.cache) {
      if ([...cached.dependencyKeys].some((key) => keys.has(key))) dependents.push(uri);
    }
    for (const uri of dependents) this.cache.delete(uri);
    for (const good of this.lastGood.values()) {
      if (good.analysis?.dependencies.some((path) => keys.has(pathKey(path)))) good.analysis = null;
    }
    return dependents;
  }

  /**
   * The text other readers (other documents' analyses, the dependency tree) see for an open
   * document: while its TOML does not parse, the last text that did, so a syntax error does not
   * turn into lock findings or a tree without its groups elsewhere.
   */
  readableText(document: TextDocument): string {
    const text = document.getText();
    const good = this.lastGood.get(document.uri);
    if (!good || good.version === document.version) return text;
    const cached = this.cache.get(document.uri);
    let parses: boolean;
    if (cached && cached.version === document.version) parses = !isSyntaxDamaged(cached.analysis);
    else {
      const known = this.parses.get(document.uri);
      parses = known && known.version === document.version ? known.parses : tomlTextParses(documentPath(document), text, documentKind(document));
      this.parses.set(document.uri, { version: document.version, parses });
    }
    return parses ? text : good.text;
  }

  /** Records a TOML document's analysis as its last good one, or, while it does not parse, completes it from the last good one. */
  private withLastGoodModel(fresh: CachedAnalysis, document: TextDocument): CachedAnalysis {
    const kind = documentKind(document);
    if (!fresh.analysis || !isTomlKind(kind)) return fresh;
    if (!isSyntaxDamaged(fresh.analysis)) {
      this.lastGood.set(document.uri, { version: document.version, text: fresh.text, analysis: fresh.analysis });
      return fresh;
    }
    const good = this.lastGood.get(document.uri);
    if (!good) return fresh;
    try {
      good.analysis ??= analyzeDocument(fresh.path, good.text, this.files, kind, this.contextFor(fresh.path));
    } catch (error) {
      this.log.error(`Analysis of the last valid text of ${document.uri} failed`, error);
    }
    if (!good.analysis) return fresh;
    const analysis = withLastGoodFindings(fresh.analysis, fresh.text, good.analysis, good.text);
    return { ...fresh, analysis, dependencyKeys: new Set(analysis.dependencies.map(pathKey)) };
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
