/**
 * pip's requirements-file preprocessing (pip `req_file.py`: join_lines → ignore_comments →
 * expand_env_variables), done while remembering where every character came from, so that spans
 * found in the processed text map back to the original text.
 */
import type { Span } from '../../span';

/**
 * pip's COMMENT_RE `(^|\s+)#.*$`: a `#` at the start of a line or after whitespace starts a
 * comment. Written as "a `#` not after a non-space": `(^|\s+)#` is tried at every space of a run
 * and scans the run each time (quadratic in a long run of spaces); the whitespace before the `#`
 * is trimmed with the rest of the content.
 */
const COMMENT_START = /(?<!\S)#/;
/** pip's ENV_VAR_RE: only `${NAME}` with upper-case letters, digits and `_` (POSIX), no `$NAME`. */
const ENV_VARIABLE = /\$\{([A-Z0-9_]+)\}/g;

/**
 * A run of characters of a processed line and where it came from: copied text maps character by
 * character; a replacement (an expanded variable) maps as a whole onto the text it replaced.
 */
interface Segment {
  at: number;
  length: number;
  origin: number;
  originEnd: number;
  replaced: boolean;
}

export interface LogicalLine {
  /** Text after joining continuations, removing the comment, trimming and expanding variables. */
  text: string;
  segments: Segment[];
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

/** Text being built from pieces of the original, with the segments that map it back. */
class MappedText {
  text = '';
  segments: Segment[] = [];

  appendOriginal(start: number, end: number, source: string): void {
    if (end <= start) return;
    this.segments.push({ at: this.text.length, length: end - start, origin: start, originEnd: end, replaced: false });
    this.text += source.slice(start, end);
  }

  appendReplacement(value: string, origin: Span): void {
    if (value === '') return;
    this.segments.push({ at: this.text.length, length: value.length, origin: origin.start, originEnd: origin.end, replaced: true });
    this.text += value;
  }

  /** Appends characters [start, end) of another mapped text. */
  appendRange(from: { text: string; segments: Segment[] }, start: number, end: number): void {
    for (const segment of from.segments) {
      const clippedStart = Math.max(start, segment.at);
      const clippedEnd = Math.min(end, segment.at + segment.length);
      if (clippedEnd <= clippedStart) continue;
      const origin = segment.replaced ? segment.origin : segment.origin + (clippedStart - segment.at);
      const originEnd = segment.replaced ? segment.originEnd : origin + (clippedEnd - clippedStart);
      this.segments.push({ at: this.text.length, length: clippedEnd - clippedStart, origin, originEnd, replaced: segment.replaced });
      this.text += from.text.slice(clippedStart, clippedEnd);
    }
  }
}

/** Binary search: a line joined from thousands of continuations must not make mapping quadratic. */
function segmentAt(segments: Segment[], index: number): Segment {
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (index < segments[middle].at + segments[middle].length) high = middle;
    else low = middle + 1;
  }
  return segments[low];
}

/** Where character `index` of a processed text starts in the original text. */
function originalStartOf(segments: Segment[], index: number): number {
  const segment = segmentAt(segments, index);
  return segment.replaced ? segment.origin : segment.origin + (index - segment.at);
}

/** Where character `index` of a processed text ends in the original text. */
function originalEndOf(segments: Segment[], index: number): number {
  const segment = segmentAt(segments, index);
  return segment.replaced ? segment.originEnd : segment.origin + (index - segment.at) + 1;
}

/** Maps a span of `line.text` to the original text. Empty spans map to a position. */
export function toOriginalSpan(line: LogicalLine, start: number, end: number): Span {
  const length = line.text.length;
  if (length === 0) return { start: line.lineSpan.start, end: line.lineSpan.start };
  const originalStart = start < length ? originalStartOf(line.segments, Math.max(0, start)) : originalEndOf(line.segments, length - 1);
  if (end <= start) return { start: originalStart, end: originalStart };
  const originalEnd = originalEndOf(line.segments, Math.min(end, length) - 1);
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

function expandVariables(line: MappedText, variables: Readonly<Record<string, string | undefined>> | undefined): MappedText {
  if (!variables || !line.text.includes('${')) return line;
  const out = new MappedText();
  let last = 0;
  ENV_VARIABLE.lastIndex = 0;
  for (let match = ENV_VARIABLE.exec(line.text); match; match = ENV_VARIABLE.exec(line.text)) {
    const value = variables[match[1]];
    // pip leaves unknown (and empty) variables as written.
    if (value === undefined || value === '') continue;
    out.appendRange(line, last, match.index);
    const matchEnd = match.index + match[0].length;
    out.appendReplacement(value, { start: originalStartOf(line.segments, match.index), end: originalEndOf(line.segments, matchEnd - 1) });
    last = matchEnd;
  }
  out.appendRange(line, last, line.text.length);
  return out;
}

export function readLogicalLines(source: string, variables?: Readonly<Record<string, string | undefined>>): LogicalLine[] {
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
      joined.appendOriginal(piece.start, piece.end, source);
    });

    let comment: string | null = null;
    let contentEnd = joined.text.length;
    const commentMatch = COMMENT_START.exec(joined.text);
    if (commentMatch) {
      const hashIndex = commentMatch.index + commentMatch[0].length - 1;
      comment = joined.text.slice(hashIndex + 1);
      contentEnd = commentMatch.index;
    }
    const content = joined.text.slice(0, contentEnd);
    const leading = content.length - content.trimStart().length;
    const trimmed = new MappedText();
    trimmed.appendRange(joined, leading, Math.max(leading, content.trimEnd().length));
    const expanded = expandVariables(trimmed, variables);
    result.push({
      text: expanded.text,
      segments: expanded.segments,
      lineSpan: { start: firstPhysical.start, end: lastPhysical.end },
      comment,
    });
  }
  return result;
}
