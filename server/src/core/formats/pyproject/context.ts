/**
 * What every pyproject table processor shares: the text, the ParsedFile being filled, a way to
 * report findings, and lookups in the located TOML tree.
 */
import type { DiagnosticCode, ParsedFile, Severity } from '../../model';
import type { Span } from '../../span';
import type { TomlArray, TomlEntry, TomlString, TomlTable, TomlValue } from './toml-document';

export interface PyprojectContext {
  text: string;
  file: ParsedFile;
  root: TomlTable;
}

export function report(context: PyprojectContext, code: DiagnosticCode, message: string, span: Span, severity: Severity = 'error', packageName?: string): void {
  context.file.errors.push({ code, severity, message, span, ...(packageName ? { package: packageName } : {}) });
}

/** The entry at a dotted path of table keys (`entryAt(root, 'tool', 'poetry')`), if every step is a table. */
export function entryAt(table: TomlTable, ...path: string[]): TomlEntry | undefined {
  let current: TomlTable = table;
  let entry: TomlEntry | undefined;
  for (const key of path) {
    entry = current.entries.get(key);
    if (!entry) return undefined;
    if (entry.value.type === 'table') current = entry.value;
    else if (key !== path.at(-1)) return undefined;
  }
  return entry;
}

export function tableAt(table: TomlTable, ...path: string[]): TomlTable | undefined {
  const value = entryAt(table, ...path)?.value;
  return value?.type === 'table' ? value : undefined;
}

export function stringValue(table: TomlTable, key: string): TomlString | undefined {
  const value = table.entries.get(key)?.value;
  return value?.type === 'string' ? value : undefined;
}

export function booleanValue(table: TomlTable, key: string): boolean | undefined {
  const value = table.entries.get(key)?.value;
  return value?.type === 'boolean' ? (value.value as boolean) : undefined;
}

/** The value of an entry expected to be a table; reports a finding (at the value) when it is something else. */
export function expectTable(context: PyprojectContext, entry: TomlEntry | undefined, what: string): TomlTable | undefined {
  if (!entry) return undefined;
  if (entry.value.type === 'table') return entry.value;
  report(context, 'invalid-requirement', `${what} must be a table`, entry.value.span);
  return undefined;
}

export function expectArray(context: PyprojectContext, entry: TomlEntry | undefined, what: string): TomlArray | undefined {
  if (!entry) return undefined;
  if (entry.value.type === 'array') return entry.value;
  report(context, 'invalid-requirement', `${what} must be an array`, entry.value.span);
  return undefined;
}

/** The span to underline for a value: a string's contents, otherwise the whole value. */
export function valueSpan(value: TomlValue): Span {
  return value.type === 'string' ? value.contentSpan : value.span;
}
