/**
 * Quick-fix edits from `Diagnostic.data` alone (stateless fixes): the data is the finding's FixData
 * as core produced it; nothing is recomputed.
 */
import type { TextEdit } from 'vscode-languageserver/node';
import type { FixData } from '../core/model';
import type { Span } from '../core/span';
import { spanToRange, type LineIndex } from './positions';

/** FixData sent back by the client, or null when it is missing, malformed or does not fit the text. */
export function readFixData(data: unknown, textLength: number): FixData | null {
  if (typeof data !== 'object' || data === null) return null;
  const candidate = data as Record<string, unknown>;
  if (typeof candidate.title !== 'string' || !isSpan(candidate.span, textLength)) return null;
  const span = { start: candidate.span.start, end: candidate.span.end };
  if (candidate.fix === 'remove') return { fix: 'remove', span, title: candidate.title };
  if (candidate.fix === 'replace' && typeof candidate.newText === 'string') {
    return { fix: 'replace', span, newText: candidate.newText, title: candidate.title };
  }
  return null;
}

export function fixToTextEdit(fix: FixData, text: string, lines: LineIndex): TextEdit {
  if (fix.fix === 'replace') return { range: spanToRange(lines, fix.span), newText: fix.newText };
  return { range: spanToRange(lines, removalSpan(fix.span, text)), newText: '' };
}

/**
 * What a `remove` fix deletes: the span itself, or, when the span is all that is on its line(s)
 * besides whitespace, the whole line(s) with the line break (the previous line break for a
 * last line without one), so no blank line is left behind.
 */
export function removalSpan(span: Span, text: string): Span {
  // Already ends with its line break (core often removes whole lines itself).
  if (span.end > span.start && (text[span.end - 1] === '\n' || text[span.end - 1] === '\r')) return span;
  let lineStart = span.start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  if (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') return span;
  let lineEnd = span.end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
  if (text.startsWith('\r\n', lineEnd)) return { start: lineStart, end: lineEnd + 2 };
  if (text[lineEnd] === '\n' || text[lineEnd] === '\r') return { start: lineStart, end: lineEnd + 1 };
  if (lineEnd < text.length) return span;
  // Last line without a line break: take the preceding one instead.
  const previousBreak = text.startsWith('\r\n', lineStart - 2) ? 2 : lineStart > 0 ? 1 : 0;
  return { start: lineStart - previousBreak, end: lineEnd };
}

function isSpan(value: unknown, textLength: number): value is Span {
  if (typeof value !== 'object' || value === null) return false;
  const { start, end } = value as Record<string, unknown>;
  return Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (start as number) <= (end as number) && (end as number) <= textLength;
}
