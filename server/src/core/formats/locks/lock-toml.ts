/**
 * Reading a lockfile's TOML with smol-toml (fast, but without positions). Lockfiles are large and
 * tool-written, so speed matters more than per-key spans here; the few spans we need come from
 * the cheap text scans in entry-spans.ts.
 */
import { parse, TomlError } from 'smol-toml';
import type { Finding } from '../../model';
import type { Span } from '../../span';
import type { TomlTable as LocatedTable, TomlValue } from '../pyproject/toml-document';
import { invalidTomlFindings } from '../toml/toml-findings';
import { parseTolerantToml } from '../toml/tolerant-toml';

export type TomlTable = Record<string, unknown>;

export interface LockToml {
  /** The parsed document; on invalid TOML, what the tolerant parser recovered. */
  document: TomlTable;
  errors: Finding[];
}

/**
 * Parses TOML and never throws. On a syntax error the tolerant parser reports each mistake once,
 * where it is (`invalid-toml`), and recovers the rest of the document, so the `[[package]]`
 * entries before and after the damage are still read.
 */
export function parseLockToml(text: string): LockToml {
  try {
    return { document: parse(text) as TomlTable, errors: [] };
  } catch (error) {
    const tolerant = parseTolerantToml(text);
    const document = plainTable(tolerant.root);
    if (tolerant.errors.length > 0) return { document, errors: invalidTomlFindings(tolerant.errors) };
    const errorOffset = error instanceof TomlError ? offsetFromLineColumn(text, error.line, error.column) : 0;
    const finding: Finding = {
      code: 'invalid-toml',
      severity: 'error',
      message: error instanceof TomlError ? firstLine(error.message) : 'Invalid TOML document',
      span: errorSpan(text, errorOffset),
    };
    return { document, errors: [finding] };
  }
}

/** The located tree as the plain values smol-toml returns (dates as their text). */
function plainTable(table: LocatedTable): TomlTable {
  const result: TomlTable = {};
  for (const [key, entry] of table.entries) {
    // A `__proto__` key is data, not the prototype.
    Object.defineProperty(result, key, { value: plainValue(entry.value), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function plainValue(value: TomlValue): unknown {
  if (value.type === 'table') return plainTable(value);
  if (value.type === 'array') return value.items.map(plainValue);
  return value.value;
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
