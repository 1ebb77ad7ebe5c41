/**
 * Spans for lockfile entries, found by cheap scans of the text (smol-toml gives no positions).
 * Lockfile tools write one key or header per line, which these scans rely on; anything they cannot
 * place simply gets no span.
 */
import type { Span } from '../../span';

/**
 * Table headers (`[x]`, `[[x]]`) and `name = "..."` / `name = '...'` lines, in one pattern so that
 * a single pass over the text finds both in document order.
 */
const HEADER_OR_NAME_LINE = String.raw`^[ \t]*(?:\[(\[?)([^\]\r\n]*)\]|name[ \t]*=[ \t]*(?:"([^"\\\r\n]*)"|'([^'\r\n]*)'))`;

/** Where one entry of a lockfile's package array is written. */
export interface EntryLocation {
  /** The `[[package]]` header line (absent when the array is written inline). */
  header?: Span;
  /** The contents of the entry's `name = "..."` value. */
  name?: Span;
}

/**
 * Where each entry of the array of tables `arrayKey` is (`package` in uv/Poetry/PDM locks,
 * `packages` in pylock), indexed like the parsed array.
 *
 * One linear scan: after each `[[arrayKey]]` header, the first `name = ...` line before any other
 * header is that entry's name (TOML puts a table's own keys before its sub-tables). When the file
 * writes the array inline (`packages = [ { name = ... }, ... ]`) there are no headers; then each
 * name is searched for in order, from where the previous one was found.
 */
export function locateEntries(text: string, arrayKey: string, names: readonly (string | undefined)[]): EntryLocation[] {
  const locations: EntryLocation[] = names.map(() => ({}));
  if (names.length === 0) return locations;
  let entryIndex = -1;
  let awaitingName = false;
  const lines = new RegExp(HEADER_OR_NAME_LINE, 'gm');
  for (let match = lines.exec(text); match; match = lines.exec(text)) {
    // Trimmed here: `[ \t]*([^\]]*?)[ \t]*` in the pattern backtracks polynomially on long blank runs.
    const tableName = match[2]?.replace(/^[ \t]+/, '').trimEnd();
    if (tableName !== undefined) {
      awaitingName = match[1] === '[' && tableName === arrayKey;
      if (awaitingName) {
        entryIndex++;
        if (entryIndex < locations.length) locations[entryIndex].header = { start: match.index, end: endOfLine(text, match.index) };
      }
      continue;
    }
    if (!awaitingName || entryIndex >= locations.length) continue;
    const value = match[3] ?? match[4];
    const end = match.index + match[0].length - 1; // the closing quote
    locations[entryIndex].name = { start: end - value.length, end };
    awaitingName = false;
  }
  if (entryIndex < 0) return locateInlineEntryNames(text, names);
  return locations;
}

function locateInlineEntryNames(text: string, names: readonly (string | undefined)[]): EntryLocation[] {
  let cursor = 0;
  return names.map((name) => {
    if (!name) return {};
    const pattern = new RegExp(`\\bname[ \\t]*=[ \\t]*(["'])${escapeRegExp(name)}\\1`, 'g');
    pattern.lastIndex = cursor;
    const match = pattern.exec(text);
    if (!match) return {};
    const end = match.index + match[0].length - 1;
    cursor = end + 1;
    return { name: { start: end - name.length, end } };
  });
}

/** The part of the text before the first table header: where a document's top-level keys live. */
export function topLevelRegion(text: string): Span {
  const header = /^[ \t]*\[/m.exec(text);
  return { start: 0, end: header ? header.index : text.length };
}

/** The lines of the table with exactly this header (e.g. `[metadata]`, `[[metadata.targets]]`), first occurrence. */
export function tableRegion(text: string, header: string): Span | undefined {
  const headerPattern = new RegExp(`^[ \\t]*${escapeRegExp(header)}[ \\t]*(?:#[^\\r\\n]*)?$`, 'm');
  const found = headerPattern.exec(text);
  if (!found) return undefined;
  const start = found.index + found[0].length;
  const next = /^[ \t]*\[/m.exec(text.slice(start));
  return { start, end: next ? start + next.index : text.length };
}

/**
 * Span of the value of `key = value` written on its own line inside `region`: the contents of a
 * single-line string (without quotes), otherwise the value up to a comment or the end of the line.
 */
export function findKeyValueSpan(text: string, key: string, region: Span): Span | undefined {
  const regionText = text.slice(region.start, region.end);
  const keyPattern = new RegExp(`^[ \\t]*(?:${escapeRegExp(key)}|"${escapeRegExp(key)}")[ \\t]*=[ \\t]*`, 'm');
  const found = keyPattern.exec(regionText);
  if (!found) return undefined;
  const valueStart = region.start + found.index + found[0].length;
  const quote = text[valueStart];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, valueStart + 1);
    const lineEnd = endOfLine(text, valueStart);
    if (close > 0 && close < lineEnd) return { start: valueStart + 1, end: close };
  }
  let end = endOfLine(text, valueStart);
  const comment = text.indexOf('#', valueStart);
  if (comment >= 0 && comment < end) end = comment;
  while (end > valueStart && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return { start: valueStart, end };
}

function endOfLine(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
