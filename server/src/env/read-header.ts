/**
 * Reads only the header block of a core metadata file (METADATA, PKG-INFO): the bytes up to the
 * first blank line. The long description after it is often most of the file and is never needed.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

const CHUNK_BYTES = 16 * 1024;
/** A header larger than this is cut here (no real METADATA header comes close). */
const MAX_HEADER_BYTES = 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;

/** Offset just past the first blank line ("\n\n", "\n\r\n", "\r\r"), or -1. */
function blankLineOffset(buffer: Buffer, from: number): number {
  for (let i = Math.max(0, from - 2); i < buffer.length - 1; i++) {
    const byte = buffer[i];
    if (byte !== LF && byte !== CR) continue;
    const next = buffer[i + 1];
    if (byte === LF && next === LF) return i + 2;
    if (byte === LF && next === CR && buffer[i + 2] === LF) return i + 3;
    if (byte === CR && next === CR) return i + 2;
  }
  return -1;
}

/** Accumulates chunks until the blank line; returns the header text, or null to keep reading. */
class HeaderAccumulator {
  private buffer: Buffer = Buffer.alloc(0);

  /** Adds a chunk (empty at end of file); returns the header text once complete. */
  add(chunk: Buffer): string | null {
    const searchFrom = this.buffer.length;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const end = blankLineOffset(this.buffer, searchFrom);
    if (end >= 0) return this.buffer.toString('utf8', 0, end);
    if (chunk.length === 0 || this.buffer.length >= MAX_HEADER_BYTES) return this.buffer.toString('utf8');
    return null;
  }
}

/** The header block of a metadata file, or undefined when it cannot be read. Never throws. */
export function readMetadataHeaderSync(path: string): string | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const header = new HeaderAccumulator();
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const read = readSync(descriptor, chunk, 0, CHUNK_BYTES, null);
      const text = header.add(chunk.subarray(0, read));
      if (text !== null) return text;
    }
  } catch {
    return undefined; // a folder named METADATA, an I/O error
  } finally {
    closeSync(descriptor);
  }
}

/** Async form of readMetadataHeaderSync. Never rejects. */
export async function readMetadataHeader(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const header = new HeaderAccumulator();
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      const text = header.add(chunk.subarray(0, bytesRead));
      if (text !== null) return text;
    }
  } catch {
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
