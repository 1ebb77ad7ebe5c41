import { analyzeDocument, unreadDocumentAnalysis, type DocumentAnalysis } from '../core/analyze';
import type { AnalysisContext } from '../core/context';
import { decodingFindings, unreadFileFinding } from '../core/file-limits';
import type { FileSource } from '../core/file-source';
import { LineIndex } from '../core/line-index';
import { toSlashes } from '../core/paths';
import { readDependencyFile } from '../env/read-dependency-file';
import type { TargetFile } from './collect-files';

export interface AnalyzedTarget {
  target: TargetFile;
  lines: LineIndex;
  /** The file's text as analysed (decoded; byte order mark dropped); '' when it could not be read. */
  text: string;
  analysis: DocumentAnalysis | null;
}

/**
 * Reads one file and runs the same analysis as the editor (includes are read through `files`). A
 * file that cannot be read (too large, unreadable, gone) gets one finding at its start
 * (file-too-large, file-unreadable) instead of an analysis; bytes that cannot be decoded are
 * invalid-encoding findings where they are.
 */
export function analyzeTarget(target: TargetFile, files: FileSource, context: AnalysisContext = {}): AnalyzedTarget {
  const path = toSlashes(target.absolutePath);
  const loaded = readDependencyFile(target.absolutePath, target.kind);
  if (loaded.status !== 'read') {
    const problem = loaded.status === 'missing' ? ({ status: 'unreadable', reason: 'no such file or directory (ENOENT)' } as const) : loaded;
    return { target, lines: new LineIndex(''), text: '', analysis: unreadDocumentAnalysis(path, target.kind, unreadFileFinding(problem)) };
  }
  const text = loaded.text;
  const analysis = analyzeDocument(path, text, files, target.kind, context);
  if (analysis && loaded.decodingProblems.length > 0) {
    const found = decodingFindings(loaded.decodingProblems);
    const byPosition = (a: { span: { start: number; end: number } }, b: { span: { start: number; end: number } }) => a.span.start - b.span.start || a.span.end - b.span.end;
    analysis.file.errors.push(...found);
    analysis.file.errors.sort(byPosition);
    analysis.findings.push(...found);
    analysis.findings.sort(byPosition);
  }
  return { target, lines: new LineIndex(text), text, analysis };
}
