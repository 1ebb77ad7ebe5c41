/**
 * pip's requirements-file preprocessing (pip `req_file.py`: join_lines → ignore_comments →
 * expand_env_variables), done while remembering where every character came from, so that spans
 * found in the processed text map back to the original text.
 */
import type { Span } from '../../span';

/** pip's COMMENT_RE `(^|\s+)#.*$`: a `#` at the start of a line or after whitespace starts a comment. */
const COMMENT_START = /(^|\s+)#/;
/** pip's ENV_VAR_RE: only `${NAME}` with upper-case letters, digits and `_` (POSIX), no `$NAME`. */
const ENV_VARIABLE = /\$\{([A-Z0-9_]+)\}/g;

export interface LogicalLine {
  /** Text after joining continuations, removing the comment, trimming and expanding variables. */
  text: string;
  /** startMap[i] / endMap[i]: where character i of `text` starts / ends in the original text. */
  startMap: number[];
  endMap: number[];
  /** From the start of the first physical line to the end of the last one (without the newline). */
  lineSpan: Span;
  /** Text after the comment's `#` ('' for a lone `#`), or null when the line has no comment. */
  comment: string | null;
}

interface PhysicalLine {
  start: number;
  end: number;
}

function splitPhysicalLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  // A byte-order mark is not part of the first line (pip decodes it away).
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lineBreak = /\r\n|\n|\r/g;
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
    lines.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ start, end: text.length });
  return lines;
}

/** Characters of the joined line with their origin, built piece by piece. */
class MappedText {
  text = '';
  startMap: number[] = [];
  endMap: number[] = [];

  appendOriginal(source: string, start: number, end: number): void {
    this.text += source.slice(start, end);
    for (let offset = start; offset < end; offset++) {
      this.startMap.push(offset);
      this.endMap.push(offset + 1);
    }
  }

  /** Inserted text (an expanded variable) maps as a whole onto the span it replaces. */
  appendReplacement(value: string, origin: Span): void {
    this.text += value;
    for (let i = 0; i < value.length; i++) {
      this.startMap.push(origin.start);
      this.endMap.push(origin.end);
    }
  }

  slice(start: number, end: number): MappedText {
    const out = new MappedText();
    out.text = this.text.slice(start, end);
    out.startMap = this.startMap.slice(start, end);
    out.endMap = this.endMap.slice(start, end);
    return out;
  }
}

/** Maps a span of `line.text` to the original text. Empty spans map to the position before. */
export function toOriginalSpan(line: LogicalLine, start: number, end: number): Span {
  const length = line.text.length;
  if (length === 0) return { start: line.lineSpan.start, end: line.lineSpan.start };
  const originalStart = start < length ? line.startMap[start] : line.endMap[length - 1];
  if (end <= start) return { start: originalStart, end: originalStart };
  const originalEnd = line.endMap[Math.min(end, length) - 1];
  return { start: originalStart, end: Math.max(originalStart, originalEnd) };
}

function isFullLineComment(source: string, line: PhysicalLine): boolean {
  const firstNonSpace = source.slice(line.start, line.end).search(/\S/);
  return firstNonSpace >= 0 && source.charCodeAt(line.start + firstNonSpace) === 0x23; /* # */
}

/**
 * pip's join_lines: a line ending in `\` continues on the next one (pip strips backslashes from
 * both ends of such a line). A full-line comment never continues, and ends a pending
 * continuation. A trailing `\` after a comment that follows text does continue, so the next
 * physical line becomes part of that comment.
 */
interface JoinedLine {
  pieces: PhysicalLine[];
  /** pip puts a space before a comment line that ends a continuation, so it stays a comment. */
  spaceBeforeLastPiece: boolean;
}

function joinContinuations(source: string, lines: PhysicalLine[]): JoinedLine[] {
  const joined: JoinedLine[] = [];
  let pending: PhysicalLine[] = [];
  for (const line of lines) {
    const endsWithBackslash = line.end > line.start && source.charCodeAt(line.end - 1) === 0x5c;
    const isComment = isFullLineComment(source, line);
    if (!endsWithBackslash || isComment) {
      const spaceBeforeLastPiece = isComment && pending.length > 0;
      pending.push(line);
      joined.push({ pieces: pending, spaceBeforeLastPiece });
      pending = [];
      continue;
    }
    let start = line.start;
    let end = line.end;
    while (end > start && source.charCodeAt(end - 1) === 0x5c) end--;
    while (start < end && source.charCodeAt(start) === 0x5c) start++;
    pending.push({ start, end });
  }
  if (pending.length > 0) joined.push({ pieces: pending, spaceBeforeLastPiece: false });
  return joined;
}

function expandVariables(line: MappedText, variables: Record<string, string> | undefined): MappedText {
  if (!variables || !line.text.includes('${')) return line;
  const out = new MappedText();
  let last = 0;
  ENV_VARIABLE.lastIndex = 0;
  for (let match = ENV_VARIABLE.exec(line.text); match; match = ENV_VARIABLE.exec(line.text)) {
    const value = variables[match[1]];
    // pip leaves unknown (and empty) variables as written.
    if (value === undefined || value === '') continue;
    appendSlice(out, line, last, match.index);
    const origin = { start: line.startMap[match.index], end: line.endMap[match.index + match[0].length - 1] };
    out.appendReplacement(value, origin);
    last = match.index + match[0].length;
  }
  appendSlice(out, line, last, line.text.length);
  return out;
}

function appendSlice(out: MappedText, from: MappedText, start: number, end: number): void {
  out.text += from.text.slice(start, end);
  for (let i = start; i < end; i++) {
    out.startMap.push(from.startMap[i]);
    out.endMap.push(from.endMap[i]);
  }
}

export function readLogicalLines(source: string, variables?: Record<string, string>): LogicalLine[] {
  const result: LogicalLine[] = [];
  const physical = splitPhysicalLines(source);
  let index = 0;
  for (const { pieces, spaceBeforeLastPiece } of joinContinuations(source, physical)) {
    const firstPhysical = physical[index];
    index += pieces.length;
    const lastPhysical = physical[index - 1];
    const joined = new MappedText();
    pieces.forEach((piece, pieceIndex) => {
      if (spaceBeforeLastPiece && pieceIndex === pieces.length - 1) joined.appendReplacement(' ', { start: piece.start, end: piece.start });
      joined.appendOriginal(source, piece.start, piece.end);
    });

    let comment: string | null = null;
    let content = joined;
    const commentMatch = COMMENT_START.exec(joined.text);
    if (commentMatch) {
      const hashIndex = commentMatch.index + commentMatch[0].length - 1;
      comment = joined.text.slice(hashIndex + 1);
      content = joined.slice(0, commentMatch.index);
    }
    const leading = content.text.length - content.text.trimStart().length;
    const trimmedEnd = content.text.trimEnd().length;
    content = content.slice(leading, Math.max(leading, trimmedEnd));
    content = expandVariables(content, variables);
    result.push({
      text: content.text,
      startMap: content.startMap,
      endMap: content.endMap,
      lineSpan: { start: firstPhysical.start, end: lastPhysical.end },
      comment,
    });
  }
  return result;
}
