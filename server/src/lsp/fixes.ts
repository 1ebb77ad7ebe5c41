/**
 * Quick-fix edits from `Diagnostic.data` alone (stateless fixes): the data is the finding's FixData
 * as core produced it, stamped with the document version it was computed for and the text each
 * edit replaces (FixesData), so a fix sent back after the document changed is recognised instead
 * of landing on the wrong text. Fixes of the whole document are named, not repeated.
 */
import type { TextEdit } from 'vscode-languageserver/node';
import type { TextEdit as SpanEdit } from '../core/insights/edits';
import type { FixData } from '../core/model';
import type { Span } from '../core/span';
import { spanToRange, type LineIndex } from './positions';

/** A fix that is one edit of one span. */
export type SingleEditFix = Exclude<FixData, { fix: 'edits' }>;

/**
 * A fix of the whole document that several findings share ("Update all ... in this file"): its
 * edits are not repeated in the data of every diagnostic (that grows with the square of the file),
 * the code action takes the fix of that title from the document's findings of the same version.
 */
export interface DocumentFixReference {
  fix: 'document';
  title: string;
}

/** `Diagnostic.data` of a finding with fixes. */
export interface FixesData {
  /** The document version the fixes were computed for. */
  version: number;
  /** Each single-edit fix with the text its span had at that version; multi-edit fixes by reference. */
  fixes: ((SingleEditFix & { expected: string }) | DocumentFixReference)[];
}

/** A finding's fix data as `Diagnostic.data`, stamped with the document version and text. */
export function stampFixes(data: FixData | FixData[] | undefined, version: number, text: string): FixesData | undefined {
  if (data === undefined) return undefined;
  const fixes = (Array.isArray(data) ? data : [data]).map((fix) =>
    fix.fix === 'edits' ? { fix: 'document' as const, title: fix.title } : { ...fix, expected: text.slice(fix.span.start, fix.span.end) },
  );
  return fixes.length > 0 ? { version, fixes } : undefined;
}

export type ReadFixes =
  /** Computed for this very text: the fixes apply as they are (references: see DocumentFixReference). */
  | { state: 'current'; fixes: (FixData | DocumentFixReference)[] }
  /** Well-formed, but computed for another version or text. */
  | { state: 'stale' }
  /** Missing or malformed. */
  | { state: 'none' };

/** The fixes of `Diagnostic.data` sent back by a client, if they were computed for the document as it is now. */
export function readStampedFixes(data: unknown, version: number, text: string): ReadFixes {
  if (typeof data !== 'object' || data === null) return { state: 'none' };
  const candidate = data as Record<string, unknown>;
  if (!Number.isInteger(candidate.version) || !Array.isArray(candidate.fixes)) return { state: 'none' };
  const fixes: (FixData | DocumentFixReference)[] = [];
  let stale = candidate.version !== version;
  for (const entry of candidate.fixes as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { fix: kind, title, expected } = entry as Record<string, unknown>;
    if (kind === 'document' && typeof title === 'string') {
      fixes.push({ fix: 'document', title });
      continue;
    }
    // Spans are checked against the text below: a span that no longer fits it makes the data stale.
    const fix = typeof expected === 'string' ? readFixData(entry, Number.MAX_SAFE_INTEGER) : null;
    if (!fix) continue;
    if (fix.span.end > text.length || text.slice(fix.span.start, fix.span.end) !== expected) stale = true;
    fixes.push(fix);
  }
  if (fixes.length === 0) return { state: 'none' };
  return stale ? { state: 'stale' } : { state: 'current', fixes };
}

/** The edits a fix makes, as spans of the text (a `remove` takes its line when it is alone on it: `removalSpan`). */
export function fixToSpanEdits(fix: FixData, text: string): SpanEdit[] {
  if (fix.fix === 'edits') return fix.edits;
  if (fix.fix === 'replace') return [{ span: fix.span, newText: fix.newText }];
  return [{ span: removalSpan(fix.span, text), newText: '' }];
}

/** Every well-formed fix of `Diagnostic.data` (one FixData or an array of them), in order; malformed entries are dropped. */
export function readFixes(data: unknown, textLength: number): FixData[] {
  const entries = Array.isArray(data) ? data : [data];
  const fixes: FixData[] = [];
  for (const entry of entries) {
    const fix = readFixData(entry, textLength) ?? readEditsFix(entry, textLength);
    if (fix) fixes.push(fix);
  }
  return fixes;
}

/** `{ fix: 'edits', edits: [{ span, newText }...], title }` with non-overlapping spans inside the text. */
function readEditsFix(data: unknown, textLength: number): FixData | null {
  if (typeof data !== 'object' || data === null) return null;
  const candidate = data as Record<string, unknown>;
  if (candidate.fix !== 'edits' || typeof candidate.title !== 'string' || !Array.isArray(candidate.edits) || candidate.edits.length === 0) return null;
  const edits: { span: Span; newText: string }[] = [];
  for (const entry of candidate.edits as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return null;
    const { span, newText } = entry as Record<string, unknown>;
    if (!isSpan(span, textLength) || typeof newText !== 'string') return null;
    edits.push({ span: { start: span.start, end: span.end }, newText });
  }
  edits.sort((a, b) => a.span.start - b.span.start);
  if (edits.some((edit, index) => index > 0 && edit.span.start < edits[index - 1].span.end)) return null;
  return { fix: 'edits', edits, title: candidate.title };
}

/** One single-edit FixData sent back by the client, or null when it is missing, malformed or does not fit the text. */
export function readFixData(data: unknown, textLength: number): SingleEditFix | null {
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

/** The text edits of any fix (several for an `edits` fix). */
export function fixToTextEdits(fix: FixData, text: string, lines: LineIndex): TextEdit[] {
  return spanEditsToTextEdits(fixToSpanEdits(fix, text), lines);
}

export function spanEditsToTextEdits(edits: readonly SpanEdit[], lines: LineIndex): TextEdit[] {
  return edits.map((edit) => ({ range: spanToRange(lines, edit.span), newText: edit.newText }));
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
