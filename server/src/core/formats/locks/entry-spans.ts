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
const HEADER_OR_NAME_LINE = String.raw`^[ \t]*(?:\[(\[?)[ \t]*([^\]\r\n]*?)[ \t]*\]|name[ \t]*=[ \t]*(?:"([^"\\\r\n]*)"|'([^'\r\n]*)'))`;

/**
 * Span of the `name` value of each entry of the array of tables `arrayKey` (`package` in
 * uv/Poetry/PDM locks, `packages` in pylock), indexed like the parsed array.
 *
 * One linear scan: after each `[[arrayKey]]` header, the first `name = ...` line before any other
 * header is that entry's name (TOML puts a table's own keys before its sub-tables). When the file
 * writes the array inline (`packages = [ { name = ... }, ... ]`) there are no headers; then each
 * name is searched for in order, from where the previous one was found.
 */
export function locateEntryNames(text: string, arrayKey: string, names: readonly (string | undefined)[]): (Span | undefined)[] {
  const spans: (Span | undefined)[] = new Array(names.length).fill(undefined);
  let entryIndex = -1;
  let awaitingName = false;
  let headerCount = 0;
  const lines = new RegExp(HEADER_OR_NAME_LINE, 'gm');
  for (let match = lines.exec(text); match; match = lines.exec(text)) {
    const tableName = match[2];
    if (tableName !== undefined) {
      awaitingName = match[1] === '[' && tableName === arrayKey;
      if (awaitingName) {
        entryIndex++;
        headerCount++;
      }
      continue;
    }
    if (!awaitingName || entryIndex >= spans.length) continue;
    const value = match[3] ?? match[4];
    const end = match.index + match[0].length - 1; // the closing quote
    spans[entryIndex] = { start: end - value.length, end };
    awaitingName = false;
  }
  if (headerCount === 0 && names.length > 0) return locateInlineEntryNames(text, names);
  return spans;
}

function locateInlineEntryNames(text: string, names: readonly (string | undefined)[]): (Span | undefined)[] {
  let cursor = 0;
  return names.map((name) => {
    if (!name) return undefined;
    const pattern = new RegExp(`\\bname[ \\t]*=[ \\t]*(["'])${escapeRegExp(name)}\\1`, 'g');
    pattern.lastIndex = cursor;
    const match = pattern.exec(text);
    if (!match) return undefined;
    const end = match.index + match[0].length - 1;
    cursor = end + 1;
    return { start: end - name.length, end };
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
