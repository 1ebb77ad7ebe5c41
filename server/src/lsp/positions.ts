/**
 * The one place where core spans (UTF-16 offsets) become LSP ranges and back. LSP positions use
 * UTF-16 code units too (the default and only encoding we advertise), so no re-encoding is needed.
 */
import type { Position, Range } from 'vscode-languageserver/node';
import { LineIndex } from '../core/line-index';
import type { Span } from '../core/span';

export { LineIndex };

export function spanToRange(lines: LineIndex, span: Span): Range {
  return lines.rangeOf(span);
}

export function positionToOffset(lines: LineIndex, position: Position): number {
  return lines.offsetAt(position);
}

/**
 * Converts spans of files other than the current one: their text is read once per path and
 * indexed lazily. Returns null when the file cannot be read.
 */
export class OtherFileRanges {
  private readonly indexes = new Map<string, LineIndex | null>();

  constructor(private readonly read: (path: string) => string | undefined) {}

  rangeOf(path: string, span: Span): Range | null {
    let lines = this.indexes.get(path);
    if (lines === undefined) {
      const text = this.read(path);
      lines = text === undefined ? null : new LineIndex(text);
      this.indexes.set(path, lines);
    }
    return lines ? lines.rangeOf(span) : null;
  }
}
