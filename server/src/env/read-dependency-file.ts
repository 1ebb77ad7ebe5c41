/**
 * Reads one dependency file from disk, safely: only regular files (a FIFO, a device or a socket is
 * never opened: reading one would block forever or never end), never more bytes than the limit
 * for its kind (core/file-limits.ts: the size is checked before reading, and the read stops past
 * the limit for files whose size the OS does not tell, such as /proc files), decoded the way the
 * tool that reads the file decodes it (core/text-decoding.ts).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type { FileLoad } from '../core/file-source';
import { decodingRulesFor, maxFileBytes } from '../core/file-limits';
import type { FileKind } from '../core/model';
import { decodeDependencyFile } from '../core/text-decoding';

const READ_CHUNK_BYTES = 1024 * 1024;

/** Why a path is not a regular file, in words: `a directory`, `not a regular file (FIFO)`, … */
export function describeNonRegularFile(stat: Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isDirectory()) return 'is a directory';
  if (stat.isFIFO()) return 'not a regular file (FIFO)';
  if (stat.isCharacterDevice()) return 'not a regular file (character device)';
  if (stat.isBlockDevice()) return 'not a regular file (block device)';
  if (stat.isSocket()) return 'not a regular file (socket)';
  return 'not a regular file';
}

const OS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  EIO: 'input/output error',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EAGAIN: 'resource temporarily unavailable',
  EBUSY: 'resource busy',
};

/** An OS error as `permission denied (EACCES)`. */
export function describeOsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && OS_REASONS[code]) return `${OS_REASONS[code]} (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')} (${code})` : message;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * The file at `path`, read as a file of `kind` (its size limit and decoding; null for a
 * requirements file of any name). Never throws.
 */
export function readDependencyFile(path: string, kind: FileKind | null): FileLoad {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    return isMissing(error) ? { status: 'missing' } : { status: 'unreadable', reason: describeOsError(error) };
  }
  const notRegular = describeNonRegularFile(stat);
  if (notRegular) return { status: 'unreadable', reason: notRegular };
  const limit = maxFileBytes(kind);
  if (stat.size > limit) return { status: 'too-large', bytes: stat.size, limit };
  let descriptor: number;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the stat, opening it does not wait for a writer.
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return isMissing(error) ? { status: 'missing' } : { status: 'unreadable', reason: describeOsError(error) };
  }
  try {
    const opened = fstatSync(descriptor);
    const openedNotRegular = describeNonRegularFile(opened);
    if (openedNotRegular) return { status: 'unreadable', reason: openedNotRegular };
    if (opened.size > limit) return { status: 'too-large', bytes: opened.size, limit };
    const bytes = readAtMost(descriptor, limit + 1, opened.size);
    if (bytes.length > limit) return { status: 'too-large', bytes: Math.max(bytes.length, opened.size), limit };
    const decoded = decodeDependencyFile(bytes, decodingRulesFor(kind));
    return { status: 'read', text: decoded.text, decodingProblems: decoded.problems };
  } catch (error) {
    return { status: 'unreadable', reason: describeOsError(error) };
  } finally {
    closeSync(descriptor);
  }
}

/** Up to `maximum` bytes from the descriptor (fewer at the end of the file). */
function readAtMost(descriptor: number, maximum: number, expected: number): Uint8Array {
  let buffer = Buffer.allocUnsafe(Math.min(maximum, Math.max(expected, 0) + 1, READ_CHUNK_BYTES * 16) || 1);
  let length = 0;
  while (length < maximum) {
    if (length === buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(maximum, buffer.length * 2));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const count = readSync(descriptor, buffer, length, Math.min(buffer.length - length, READ_CHUNK_BYTES), null);
    if (count === 0) break;
    length += count;
  }
  return buffer.subarray(0, length);
}
