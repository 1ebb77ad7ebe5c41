/**
 * How large a dependency file Pipsight reads, and the findings for files it could not read (too
 * large, unreadable, undecodable bytes). The same limits apply in the editor and on the command
 * line: a file over its limit is never read into memory (the reader stops at the limit) and is
 * reported instead of analysed.
 */
import type { FileLoad } from './file-source';
import { isLockfileKind, type FileKind, type Finding } from './model';
import type { Span } from './span';
import type { DecodingProblem, DecodingRules } from './text-decoding';

const MIB = 1024 * 1024;
/** pyproject.toml and requirements / constraints / `.in` files (and files of no known kind). */
export const MAX_MANIFEST_BYTES = 16 * MIB;
/** poetry.lock, uv.lock, pdm.lock, pylock.toml: generated, often much larger than manifests. */
export const MAX_LOCKFILE_BYTES = 64 * MIB;

/** The size limit for a file of this kind (null: a requirements file of any name, e.g. an include). */
export function maxFileBytes(kind: FileKind | null): number {
  return isLockfileKind(kind) ? MAX_LOCKFILE_BYTES : MAX_MANIFEST_BYTES;
}

/** TOML files are UTF-8; requirements files (any other name) are decoded the way pip does. */
export function decodingRulesFor(kind: FileKind | null): DecodingRules {
  return kind === null || kind === 'requirements' ? 'pip' : 'utf-8';
}

/** `16 MiB`, `50.3 MiB` (rounded up: a file just over a limit never reads as the limit). */
export function formatFileSize(bytes: number): string {
  const mebibytes = bytes / MIB;
  if (Number.isInteger(mebibytes)) return `${mebibytes} MiB`;
  return mebibytes >= 0.1 ? `${(Math.ceil(mebibytes * 10) / 10).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** UTF-8 length of a text (what it takes on disk), counted without encoding it. */
export function utf8Length(text: string): number {
  let length = text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    if (code < 0x800) length += 1;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      length += 2; // the pair is 4 bytes; its two units count 2
      index++;
    } else length += 2;
  }
  return length;
}

/** The text is over the limit for its kind: its size in bytes, else null. Cheap for texts far below it. */
export function oversizedText(text: string, kind: FileKind | null): number | null {
  const limit = maxFileBytes(kind);
  if (text.length * 3 <= limit) return null;
  const bytes = utf8Length(text);
  return bytes > limit ? bytes : null;
}

const START_OF_FILE: Span = { start: 0, end: 0 };

function limitText(limit: number): string {
  return limit === MAX_LOCKFILE_BYTES ? `the limit for lockfiles is ${formatFileSize(limit)}` : `the limit for requirements files and manifests is ${formatFileSize(limit)}`;
}

/** The finding for a checked file that was not analysed (too large, unreadable), at its start. */
export function unreadFileFinding(load: Extract<FileLoad, { status: 'too-large' | 'unreadable' }>): Finding {
  if (load.status === 'too-large') {
    return { code: 'file-too-large', severity: 'error', message: `File too large to analyse (${formatFileSize(load.bytes)}; ${limitText(load.limit)})`, span: START_OF_FILE };
  }
  return { code: 'file-unreadable', severity: 'error', message: `Cannot read this file: ${load.reason}`, span: START_OF_FILE };
}

/** The finding for an include (`-r` / `-c` target) that exists but could not be read, at its path. */
export function unreadIncludeFinding(target: string, load: Extract<FileLoad, { status: 'too-large' | 'unreadable' }>, span: Span): Finding {
  if (load.status === 'too-large') {
    return { code: 'file-too-large', severity: 'error', message: `Included file too large to analyse: ${target} (${formatFileSize(load.bytes)}; ${limitText(load.limit)})`, span };
  }
  return { code: 'file-unreadable', severity: 'error', message: `Cannot read included file ${target}: ${load.reason}`, span };
}

/** `invalid-encoding` findings for the bytes a reader could not decode. */
export function decodingFindings(problems: readonly DecodingProblem[]): Finding[] {
  return problems.map((problem) => ({ code: 'invalid-encoding', severity: problem.severity, message: problem.message, span: { start: problem.start, end: problem.end } }));
}
