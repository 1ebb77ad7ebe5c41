/**
 * Reading a lockfile's TOML with smol-toml (fast, but without positions). Lockfiles are large and
 * tool-written, so speed matters more than per-key spans here; the few spans we need come from
 * the cheap text scans in entry-spans.ts.
 */
import { parse, TomlError } from 'smol-toml';
import type { Finding } from '../../model';
import type { Span } from '../../span';

export type TomlTable = Record<string, unknown>;

export interface LockToml {
  /** The parsed document; on invalid TOML, the part before the broken table (maybe empty). */
  document: TomlTable;
  errors: Finding[];
}

/**
 * Parses TOML and never throws. On a syntax error it reports `invalid-toml` at the error position
 * and parses again the text before the table header that precedes the error, so that every
 * complete `[[package]]` entry before the damage is still read.
 */
export function parseLockToml(text: string): LockToml {
  try {
    return { document: parse(text) as TomlTable, errors: [] };
  } catch (error) {
    const errorOffset = error instanceof TomlError ? offsetFromLineColumn(text, error.line, error.column) : 0;
    const finding: Finding = {
      code: 'invalid-toml',
      severity: 'error',
      message: error instanceof TomlError ? firstLine(error.message) : 'Invalid TOML document',
      span: errorSpan(text, errorOffset),
    };
    return { document: parsePrefix(text, errorOffset), errors: [finding] };
  }
}

/** Parses the text before the last table header at or before `errorOffset` (empty table if that fails too). */
function parsePrefix(text: string, errorOffset: number): TomlTable {
  const cut = lastHeaderLineStart(text, errorOffset);
  if (cut <= 0) return {};
  try {
    return parse(text.slice(0, cut)) as TomlTable;
  } catch {
    return {};
  }
}

/**
 * Start of the last line that begins with `[` in column 0 (lockfile tools write table headers
 * there and indent array items) and starts at or before `offset`; -1 when there is none.
 */
function lastHeaderLineStart(text: string, offset: number): number {
  let lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  for (;;) {
    if (text.charCodeAt(lineStart) === 0x5b /* [ */) return lineStart;
    if (lineStart === 0) return -1;
    // lineStart - 1 is a newline; step to the start of the line before it (strictly backwards).
    lineStart = lineStart === 1 ? 0 : text.lastIndexOf('\n', lineStart - 2) + 1;
  }
}

/**
 * smol-toml reports 1-based line and column, where lines are split on `\n` (a `\r\n` pair ends one
 * line; a lone `\r` does not) and the column counts UTF-16 code units.
 */
export function offsetFromLineColumn(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const newline = text.indexOf('\n', offset);
    if (newline < 0) return text.length;
    offset = newline + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/**
 * From the error offset to the end of its line. smol-toml reports some errors (an unterminated
 * string, a missing value) at the end of the line: then the span is the line's content instead.
 */
function errorSpan(text: string, offset: number): Span {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  if (end > offset) return { start: offset, end };
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  while (lineStart < offset && (text[lineStart] === ' ' || text[lineStart] === '\t')) lineStart++;
  if (lineStart < offset) return { start: lineStart, end: offset };
  return offset < text.length ? { start: offset, end: offset + 1 } : { start: Math.max(0, offset - 1), end: offset };
}

function firstLine(message: string): string {
  const newline = message.indexOf('\n');
  return newline < 0 ? message : message.slice(0, newline);
}
