/** The steps every lockfile parser starts with: TOML, the package array, the entries' spans. */
import { emptyParsedFile, type FileKind, type ParsedFile, type RequiresPython } from '../../model';
import type { Span } from '../../span';
import { findKeyValueSpan, locateEntries, type EntryLocation } from './entry-spans';
import { parseLockToml, type TomlTable } from './lock-toml';
import { asString, asTable, invalidLockfile } from './lock-values';

export interface LockDocument {
  file: ParsedFile;
  document: TomlTable;
  /** The package array's entries in order; an entry that is not a table is undefined. */
  entries: (TomlTable | undefined)[];
  /** Where each entry is written (same indexes as `entries`), as far as the scan found. */
  locations: EntryLocation[];
}

/** Where findings go that have no better place: the start of the file. */
export const START_OF_FILE: Span = { start: 0, end: 0 };

export function readLockDocument(text: string, path: string, kind: FileKind, arrayKey: string): LockDocument {
  const file = emptyParsedFile(path, kind);
  const { document, errors } = parseLockToml(text);
  file.errors.push(...errors);
  const array = document[arrayKey];
  if (array !== undefined && !Array.isArray(array)) {
    file.errors.push(invalidLockfile(`\`${arrayKey}\` must be an array of tables`, START_OF_FILE));
  }
  const entries = Array.isArray(array) ? array.map(asTable) : [];
  const names = entries.map((entry) => asString(entry?.name));
  const locations = locateEntries(text, arrayKey, names);
  entries.forEach((entry, index) => {
    const span = entrySpan(locations[index]);
    if (!entry) file.errors.push(invalidLockfile(`an entry of \`${arrayKey}\` is not a table`, span));
    else if (names[index] === undefined) file.errors.push(invalidLockfile(`a \`${arrayKey}\` entry has no string \`name\``, span));
  });
  return { file, document, entries, locations };
}

/**
 * True when the TOML was invalid: the document then holds only what came before the error, so
 * checks for missing keys would report things that are merely unread.
 */
export function hasInvalidToml(file: ParsedFile): boolean {
  return file.errors.some((error) => error.code === 'invalid-toml');
}

/** The best span for a finding about an entry: its name, else its header, else the start of the file. */
export function entrySpan(location: EntryLocation | undefined): Span {
  return location?.name ?? location?.header ?? START_OF_FILE;
}

/**
 * A requires-python value (already PEP 440) with the span of its value in `region` of the text,
 * or null when the document has none.
 */
export function requiresPythonAt(text: string, specifier: string | undefined, key: string, region: Span | undefined): RequiresPython | null {
  if (specifier === undefined) return null;
  const valueSpan = region ? findKeyValueSpan(text, key, region) : undefined;
  return { specifier, span: valueSpan ?? START_OF_FILE };
}
