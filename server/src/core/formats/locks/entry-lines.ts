/**
 * Which locked package a line of a lockfile belongs to, for hovers: its `name = "…"` line or the
 * `version = "…"` line of the same table. Lockfile tools write one key per line and a package's
 * own keys before its sub-tables (entry-spans.ts relies on the same layout).
 */
import type { LockedPackage } from '../../model';
import type { Span } from '../../span';

const NAME_OR_VERSION_LINE = /^[ \t]*(name|version)[ \t]*=[ \t]*(?:"([^"\\\r\n]*)"|'([^'\r\n]*)')/;
const TABLE_HEADER = /^[ \t]*\[/m;

export interface LockedEntryLine {
  lockedPackage: LockedPackage;
  /** The value (between the quotes) of the name or version line under the offset. */
  span: Span;
  key: 'name' | 'version';
}

/** The locked package whose name or version line holds `offset`, or null. `locked`: the file's entries, in document order. */
export function lockedEntryAtLine(text: string, locked: readonly LockedPackage[], offset: number): LockedEntryLine | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const match = NAME_OR_VERSION_LINE.exec(text.slice(lineStart, lineEnd));
  if (!match) return null;
  const value = match[2] ?? match[3];
  const valueEnd = lineStart + match[0].length - 1;
  const span = { start: valueEnd - value.length, end: valueEnd };
  const key = match[1] as 'name' | 'version';
  if (key === 'name') {
    const entry = locked.find((candidate) => candidate.span !== undefined && candidate.span.start === span.start);
    return entry ? { lockedPackage: entry, span, key } : null;
  }
  // The nearest name above, with no table header between it and this line.
  let owner: LockedPackage | null = null;
  for (const candidate of locked) {
    if (!candidate.span || candidate.span.start >= lineStart) continue;
    if (!owner || candidate.span.start > owner.span!.start) owner = candidate;
  }
  if (!owner || TABLE_HEADER.test(text.slice(owner.span!.end, lineStart))) return null;
  return { lockedPackage: owner, span, key };
}
