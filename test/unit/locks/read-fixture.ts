import { readFileSync } from 'node:fs';
import type { LockedPackage, ParsedFile } from '../../../server/src/core/model';

export function readFixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/locks/${name}`, import.meta.url), 'utf8');
}

/** The one locked package with this name and version (fails the test when it is not exactly one). */
export function lockedEntry(file: ParsedFile, name: string, version?: string): LockedPackage {
  const found = file.locked.filter((entry) => entry.name === name && (version === undefined || entry.version === version));
  if (found.length !== 1) throw new Error(`expected one locked ${name} ${version ?? ''}, found ${found.length}`);
  return found[0];
}

/** Every package span covers exactly its name in the text. */
export function expectSpansCoverNames(text: string, file: ParsedFile): void {
  for (const entry of file.locked) {
    if (!entry.span) throw new Error(`${entry.name} has no span`);
    if (text.slice(entry.span.start, entry.span.end) !== entry.name) {
      throw new Error(`span of ${entry.name} covers "${text.slice(entry.span.start, entry.span.end)}"`);
    }
  }
}
