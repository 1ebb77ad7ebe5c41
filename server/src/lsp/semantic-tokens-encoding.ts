/**
 * Core's semantic spans (offsets) in LSP's relative encoding: five integers per token (line delta,
 * start delta, length, type index, modifier bits), one token per line of a multi-line span, as
 * clients without `multilineTokenSupport` (VS Code) need.
 */
import type { SemanticTokensLegend } from 'vscode-languageserver/node';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type SemanticSpan } from '../core/highlight/toml-semantic-tokens';
import type { Span } from '../core/span';
import type { LineIndex } from './positions';

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS],
};

const TYPE_INDEX = new Map<string, number>(SEMANTIC_TOKEN_TYPES.map((type, index) => [type, index]));
const MODIFIER_BIT = new Map<string, number>(SEMANTIC_TOKEN_MODIFIERS.map((modifier, index) => [modifier, 1 << index]));

/** The encoded tokens of `spans` (sorted, not overlapping) that touch `within` (the whole text when absent). */
export function encodeSemanticTokens(text: string, lines: LineIndex, spans: readonly SemanticSpan[], within?: Span): number[] {
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  const first = within ? firstEndingAfter(spans, within.start) : 0;
  // Spans are sorted: the line of each is found by moving forward from the previous one.
  let line = first < spans.length ? lines.positionAt(spans[first].start).line : 0;
  let nextLineStart = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : Infinity;
  const lineAt = (offset: number) => {
    while (offset >= nextLineStart) {
      line++;
      nextLineStart = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : Infinity;
    }
    return line;
  };
  for (let index = first; index < spans.length; index++) {
    const span = spans[index];
    if (within && span.start >= within.end) break;
    const type = TYPE_INDEX.get(span.type) ?? 0;
    let modifiers = 0;
    if (span.modifiers) for (const modifier of span.modifiers) modifiers |= MODIFIER_BIT.get(modifier) ?? 0;
    const startLine = lineAt(span.start);
    const startCharacter = span.start - lines.lineStart(startLine);
    if (span.end <= nextLineStart) {
      // The usual case: a token within one line.
      data.push(startLine - previousLine, startLine === previousLine ? startCharacter - previousCharacter : startCharacter, span.end - span.start, type, modifiers);
      previousLine = startLine;
      previousCharacter = startCharacter;
      continue;
    }
    // A multi-line token (a multi-line string): one token per line, without the line breaks.
    for (let current = startLine; ; current = lineAt(nextLineStart)) {
      const lineStart = lines.lineStart(current);
      const from = current === startLine ? startCharacter : 0;
      const to = Math.min(span.end, lineContentEnd(text, lineStart, nextLineStart)) - lineStart;
      if (to > from) {
        data.push(current - previousLine, current === previousLine ? from - previousCharacter : from, to - from, type, modifiers);
        previousLine = current;
        previousCharacter = from;
      }
      if (span.end <= nextLineStart) break;
    }
  }
  return data;
}

/** Index of the first span that ends after `offset` (spans are sorted and do not overlap). */
function firstEndingAfter(spans: readonly SemanticSpan[], offset: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (spans[middle].end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** End of a line's content: before its `\n`, `\r\n` or `\r`. */
function lineContentEnd(text: string, lineStart: number, nextLineStart: number): number {
  let end = Math.min(nextLineStart, text.length);
  while (end > lineStart && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return end;
}
