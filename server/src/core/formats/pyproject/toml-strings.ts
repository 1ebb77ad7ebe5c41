/**
 * Maps offsets inside a decoded TOML string back to offsets in the source text, so that a span
 * found by a parser in the string's value (e.g. a PEP 508 name) points at the same characters in
 * the file. Handles basic and literal strings, single- and multi-line, escapes and line-ending
 * backslashes. When our decoding disagrees with the TOML parser's value (it should not), offsets
 * are mapped linearly and clamped to the string contents: never outside the string.
 */
import type { Span } from '../../span';

export interface StringSource {
  /** Span of the contents between the quotes (after the newline trimmed after `"""`). */
  contentSpan: Span;
  /** Source span of decoded characters `span.start .. span.end`. */
  mapSpan(span: Span): Span;
}

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };

export function stringSource(text: string, tokenSpan: Span, value: string, style: 'basic' | 'literal', multiline: boolean): StringSource {
  const quoteLength = multiline ? 3 : 1;
  let contentStart = Math.min(tokenSpan.start + quoteLength, tokenSpan.end);
  const contentEnd = Math.max(contentStart, tokenSpan.end - quoteLength);
  if (multiline) {
    // A newline right after the opening delimiter is not part of the value.
    if (text.startsWith('\r\n', contentStart)) contentStart += 2;
    else if (text[contentStart] === '\n') contentStart += 1;
  }
  const raw = text.slice(contentStart, contentEnd);
  const contentSpan = { start: contentStart, end: contentEnd };
  if (raw === value) return identitySource(contentSpan, value.length);
  const decoded = style === 'basic' ? decodeBasic(raw, contentStart) : null;
  if (decoded && decoded.value === value) return tableSource(contentSpan, decoded.starts, decoded.ends);
  return linearSource(contentSpan, value.length);
}

function identitySource(contentSpan: Span, length: number): StringSource {
  const at = (index: number) => contentSpan.start + Math.max(0, Math.min(index, length));
  return { contentSpan, mapSpan: (span) => ({ start: at(span.start), end: Math.max(at(span.start), at(span.end)) }) };
}

function linearSource(contentSpan: Span, length: number): StringSource {
  const at = (index: number) => Math.min(contentSpan.start + Math.max(0, Math.min(index, length)), contentSpan.end);
  return { contentSpan, mapSpan: (span) => ({ start: at(span.start), end: Math.max(at(span.start), at(span.end)) }) };
}

function tableSource(contentSpan: Span, starts: number[], ends: number[]): StringSource {
  const length = starts.length;
  const startOf = (index: number) => (index <= 0 ? (length ? starts[0] : contentSpan.start) : index >= length ? contentSpan.end : starts[index]);
  const endOf = (index: number) => (index <= 0 ? startOf(0) : ends[Math.min(index, length) - 1]);
  return {
    contentSpan,
    mapSpan: (span) => {
      const start = startOf(span.start);
      return { start, end: span.end <= span.start ? start : Math.max(start, endOf(span.end)) };
    },
  };
}

/** Decodes basic-string contents, recording for each decoded UTF-16 unit where its source begins and ends. */
function decodeBasic(raw: string, offset: number): { value: string; starts: number[]; ends: number[] } | null {
  let value = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (chars: string, from: number, to: number) => {
    value += chars;
    for (let k = 0; k < chars.length; k++) {
      starts.push(offset + from);
      ends.push(offset + to);
    }
  };
  let i = 0;
  while (i < raw.length) {
    const char = raw[i];
    if (char !== '\\') {
      emit(char, i, i + 1);
      i += 1;
      continue;
    }
    const next = raw[i + 1];
    if (next === undefined) return null;
    if (next in SIMPLE_ESCAPES) {
      emit(SIMPLE_ESCAPES[next], i, i + 2);
      i += 2;
      continue;
    }
    const hexLength = next === 'u' ? 4 : next === 'U' ? 8 : next === 'x' ? 2 : 0;
    if (hexLength) {
      const hex = raw.slice(i + 2, i + 2 + hexLength);
      const codePoint = Number.parseInt(hex, 16);
      if (hex.length !== hexLength || !/^[0-9a-f]+$/i.test(hex) || codePoint > 0x10ffff) return null;
      emit(String.fromCodePoint(codePoint), i, i + 2 + hexLength);
      i += 2 + hexLength;
      continue;
    }
    // Line-ending backslash (multi-line basic strings): skip whitespace and newlines that follow.
    const rest = /^\\[ \t]*\r?\n[\s]*/.exec(raw.slice(i));
    if (!rest) return null;
    i += rest[0].length;
  }
  return { value, starts, ends };
}
