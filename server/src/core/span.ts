/**
 * Spans are half-open UTF-16 offsets into the original text of a file: `text.slice(start, end)`.
 * Conversion to LSP line/character positions lives in server/src/lsp/positions.ts (and the CLI's
 * equivalent uses the same LineIndex from core/line-index.ts).
 */
export interface Span {
  start: number;
  end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/** Moves a span that is relative to a substring so that it is relative to the whole text. */
export function shiftSpan(s: Span, offset: number): Span {
  return { start: s.start + offset, end: s.end + offset };
}

export function spanContains(outer: Span, inner: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}
