/**
 * The one place where core spans (UTF-16 offsets) become LSP ranges and back. LSP positions use
 * UTF-16 code units too (the default and only encoding we advertise), so no re-encoding is needed.
 */
import type { Position, Range } from 'vscode-languageserver/node';
import { FileLineIndexes, LineIndex } from '../core/line-index';
import type { Span } from '../core/span';

export { LineIndex };

export function spanToRange(lines: LineIndex, span: Span): Range {
  return lines.rangeOf(span);
}

export function positionToOffset(lines: LineIndex, position: Position): number {
  return lines.offsetAt(position);
}

/** Converts spans of files other than the current one (see core/line-index.ts). */
export { FileLineIndexes as OtherFileRanges };
