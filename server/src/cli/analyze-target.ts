import { readFileSync } from 'node:fs';
import { analyzeDocument, type DocumentAnalysis } from '../core/analyze';
import type { AnalysisContext } from '../core/context';
import { withoutByteOrderMark, type FileSource } from '../core/file-source';
import { LineIndex } from '../core/line-index';
import { toSlashes } from '../core/paths';
import type { TargetFile } from './collect-files';
import { UsageError } from './io';

export interface AnalyzedTarget {
  target: TargetFile;
  lines: LineIndex;
  /** The file's text as analysed (byte order mark dropped). */
  text: string;
  analysis: DocumentAnalysis | null;
}

/** Reads one file and runs the same analysis as the editor (includes are read through `files`). */
export function analyzeTarget(target: TargetFile, files: FileSource, context: AnalysisContext = {}): AnalyzedTarget {
  let text: string;
  try {
    text = readFileSync(target.absolutePath, 'utf8');
  } catch (error) {
    throw new UsageError(`${target.displayPath}: cannot read file (${(error as Error).message})`);
  }
  // Editors drop a UTF-8 byte order mark; do the same so positions match the editor's.
  text = withoutByteOrderMark(text);
  const analysis = analyzeDocument(toSlashes(target.absolutePath), text, files, target.kind, context);
  return { target, lines: new LineIndex(text), text, analysis };
}
