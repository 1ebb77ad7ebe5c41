/** Maps UTF-16 offsets to 0-based line / character positions (LSP convention) and back. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = this.lineStarts[position.line];
    const nextLineStart = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + position.character, nextLineStart));
  }

  rangeOf(s: { start: number; end: number }): Range {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }

  /** Offset of the start of a 0-based line. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }
}

/**
 * Ranges of spans in other files (related locations, lock entries): each file is read once, when
 * first needed, and indexed. `rangeOf` is null for a file that cannot be read.
 */
export class FileLineIndexes {
  private readonly indexes = new Map<string, LineIndex | null>();

  constructor(private readonly read: (path: string) => string | undefined) {}

  linesOf(path: string): LineIndex | null {
    let lines = this.indexes.get(path);
    if (lines === undefined) {
      const text = this.read(path);
      lines = text === undefined ? null : new LineIndex(text);
      this.indexes.set(path, lines);
    }
    return lines;
  }

  rangeOf(path: string, span: { start: number; end: number }): Range | null {
    return this.linesOf(path)?.rangeOf(span) ?? null;
  }
}
