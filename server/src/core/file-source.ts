import type { DecodingProblem } from './text-decoding';

/**
 * What reading one file gave: its text (decoded, with the places where bytes could not be
 * decoded), or why there is none.
 */
export type FileLoad =
  | { status: 'read'; text: string; decodingProblems: readonly DecodingProblem[] }
  | { status: 'missing' }
  /** Larger than the limit for its kind (core/file-limits.ts); `bytes` is its size on disk. */
  | { status: 'too-large'; bytes: number; limit: number }
  /** It exists but cannot be read; `reason` says why, as the OS said it (`permission denied (EACCES)`, `not a regular file (FIFO)`). */
  | { status: 'unreadable'; reason: string };

/** How core reads other files (includes) without doing I/O itself: the caller passes one in. */
export interface FileSource {
  /** Text of the file, or undefined if it does not exist or cannot be read. */
  read(path: string): string | undefined;
  /** Like `read`, and says why a file could not be read and where its bytes could not be decoded (disk sources). */
  load?(path: string): FileLoad;
}

/** `files.load(path)`, or what `read` tells for a source without `load`. */
export function loadFile(files: FileSource, path: string): FileLoad {
  if (files.load) return files.load(path);
  const text = files.read(path);
  return text === undefined ? { status: 'missing' } : { status: 'read', text, decodingProblems: [] };
}

export class MapFileSource implements FileSource {
  constructor(private readonly files: ReadonlyMap<string, string> | Record<string, string>) {}
  read(path: string): string | undefined {
    if (this.files instanceof Map) return this.files.get(path);
    return (this.files as Record<string, string>)[path];
  }
}

/** Text as editors show it: without a UTF-8 byte order mark, so offsets match editor positions. */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads a file through `files`, without its byte order mark. */
export function readWithoutByteOrderMark(files: FileSource, path: string): string | undefined {
  const text = files.read(path);
  return text === undefined ? undefined : withoutByteOrderMark(text);
}
