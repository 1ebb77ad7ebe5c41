/** How core reads other files (includes) without doing I/O itself: the caller passes one in. */
export interface FileSource {
  /** Text of the file, or undefined if it does not exist or cannot be read. */
  read(path: string): string | undefined;
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
