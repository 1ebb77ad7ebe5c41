/**
 * pyproject.toml as a tree of located values: every table entry knows the span of its key and of
 * the whole key/value pair, every string how to map offsets in its value back into the file.
 * Built from toml-eslint-parser's AST, resolving dotted keys, `[table]` headers and `[[array]]`
 * tables. Invalid TOML never throws: the tolerant parser (../toml/tolerant-toml) then reports each
 * mistake once, where it is, and recovers the rest of the file.
 */
import { parseTOML, type AST } from 'toml-eslint-parser';
import type { Finding } from '../../model';
import type { Span } from '../../span';
import { invalidTomlFindings } from '../toml/toml-findings';
import { parseTolerantToml } from '../toml/tolerant-toml';
import { capNestingDepth } from './toml-depth';
import { stringSource, type StringSource } from './toml-strings';

export interface TomlString extends StringSource {
  type: 'string';
  value: string;
  /** The string token including its quotes. */
  span: Span;
}

export interface TomlScalar {
  type: 'integer' | 'float' | 'boolean' | 'datetime';
  value: number | boolean | string;
  span: Span;
}

export interface TomlArray {
  type: 'array';
  items: TomlValue[];
  span: Span;
}

export interface TomlTable {
  type: 'table';
  entries: Map<string, TomlEntry>;
  span: Span;
}

export type TomlValue = TomlString | TomlScalar | TomlArray | TomlTable;

export interface TomlEntry {
  key: string;
  /** The (last part of the) key; for a quoted key, the contents between the quotes. */
  keySpan: Span;
  /** The key/value pair, or a `[table]` header with its body. */
  span: Span;
  value: TomlValue;
}

export function parseTomlDocument(text: string): { root: TomlTable; errors: Finding[] } {
  // Values nested deeper than any real file are emptied first: the parser would overflow the stack.
  const source = capNestingDepth(text);
  try {
    return { root: buildRoot(parseTOML(source), text), errors: [] };
  } catch (error) {
    // Invalid: the tolerant parser names each mistake where it is and recovers the rest.
    const tolerant = parseTolerantToml(text);
    if (tolerant.errors.length > 0) return { root: tolerant.root, errors: invalidTomlFindings(tolerant.errors) };
    return { root: tolerant.root, errors: [invalidToml(error, errorIndex(error, source) ?? 0, text)] };
  }
}

/** toml-eslint-parser's ParseError carries the offset of the problem in `index`. */
function errorIndex(error: unknown, source: string): number | null {
  const index: unknown = error instanceof Error ? Reflect.get(error, 'index') : undefined;
  if (typeof index !== 'number' || !Number.isFinite(index)) return null;
  return Math.max(0, Math.min(index, source.length));
}

function invalidToml(error: unknown, index: number, text: string): Finding {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const newline = text.indexOf('\n', index);
  let lineEnd = newline === -1 ? text.length : newline;
  if (lineEnd > lineStart && text[lineEnd - 1] === '\r') lineEnd -= 1;
  // From the error to the end of its line; an error at the end of a line underlines the line.
  const span = index < lineEnd ? { start: index, end: lineEnd } : { start: lineStart, end: Math.max(lineStart, lineEnd) };
  const message = error instanceof Error ? error.message.replace(/\(\d+:\d+\)$/, '').trimEnd() : 'Invalid TOML';
  return { code: 'invalid-toml', severity: 'error', message: `Invalid TOML: ${message}`, span };
}

function buildRoot(program: AST.TOMLProgram, text: string): TomlTable {
  const topLevel = program.body[0];
  const root: TomlTable = { type: 'table', entries: new Map(), span: { start: 0, end: text.length } };
  for (const node of topLevel.body) {
    if (node.type === 'TOMLKeyValue') {
      addKeyValue(root, node, text);
      continue;
    }
    const table = tableForHeader(root, node);
    if (!table) continue;
    for (const keyValue of node.body) addKeyValue(table, keyValue, text);
  }
  return root;
}

function rangeSpan(node: { range: [number, number] }): Span {
  return { start: node.range[0], end: node.range[1] };
}

function keyPart(part: AST.TOMLBare | AST.TOMLQuoted): { name: string; span: Span } {
  if (part.type === 'TOMLBare') return { name: part.name, span: rangeSpan(part) };
  const inner = { start: part.range[0] + 1, end: part.range[1] - 1 };
  const span = inner.end - inner.start === part.value.length ? inner : rangeSpan(part);
  return { name: part.value, span };
}

/** Descends to the table named by `parts` (creating implicit tables); the last element of an array of tables. */
function descend(start: TomlTable, parts: { name: string; span: Span }[], span: Span): TomlTable | null {
  let table = start;
  for (const part of parts) {
    let entry = table.entries.get(part.name);
    if (!entry) {
      entry = { key: part.name, keySpan: part.span, span, value: { type: 'table', entries: new Map(), span } };
      table.entries.set(part.name, entry);
    }
    const value = entry.value;
    if (value.type === 'table') table = value;
    else if (value.type === 'array' && value.items.at(-1)?.type === 'table') table = value.items.at(-1) as TomlTable;
    else return null;
  }
  return table;
}

function tableForHeader(root: TomlTable, node: AST.TOMLTable): TomlTable | null {
  const parts = node.key.keys.map(keyPart);
  const last = parts.pop();
  const span = rangeSpan(node);
  const parent = descend(root, parts, span);
  if (!parent || !last) return null;
  const existing = parent.entries.get(last.name);
  if (node.kind === 'array') {
    const table: TomlTable = { type: 'table', entries: new Map(), span };
    if (!existing) {
      const array: TomlArray = { type: 'array', items: [table], span };
      parent.entries.set(last.name, { key: last.name, keySpan: last.span, span, value: array });
    } else if (existing.value.type === 'array') {
      existing.value.items.push(table);
      existing.value.span = { start: existing.value.span.start, end: span.end };
    } else return null;
    return table;
  }
  if (existing) {
    if (existing.value.type !== 'table') return null;
    // An implicit table (created by a deeper header or dotted key) now gets its own header.
    existing.keySpan = last.span;
    existing.span = span;
    existing.value.span = span;
    return existing.value;
  }
  const table: TomlTable = { type: 'table', entries: new Map(), span };
  parent.entries.set(last.name, { key: last.name, keySpan: last.span, span, value: table });
  return table;
}

function addKeyValue(table: TomlTable, node: AST.TOMLKeyValue, text: string): void {
  const parts = node.key.keys.map(keyPart);
  const last = parts.pop();
  const span = rangeSpan(node);
  const parent = descend(table, parts, span);
  if (!parent || !last) return;
  parent.entries.set(last.name, { key: last.name, keySpan: last.span, span, value: convertValue(node.value, text) });
}

function convertValue(node: AST.TOMLContentNode, text: string): TomlValue {
  const span = rangeSpan(node);
  if (node.type === 'TOMLArray') return { type: 'array', items: node.elements.map((element) => convertValue(element, text)), span };
  if (node.type === 'TOMLInlineTable') {
    const table: TomlTable = { type: 'table', entries: new Map(), span };
    for (const keyValue of node.body) addKeyValue(table, keyValue, text);
    return table;
  }
  switch (node.kind) {
    case 'string':
      return { type: 'string', value: node.value, span, ...stringSource(text, span, node.value, node.style, node.multiline) };
    case 'integer':
    case 'float':
      return { type: node.kind, value: node.value, span };
    case 'boolean':
      return { type: 'boolean', value: node.value, span };
    default:
      return { type: 'datetime', value: node.datetime, span };
  }
}
