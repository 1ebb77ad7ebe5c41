import { fileURLToPath, pathToFileURL } from 'node:url';
import { normalizePath, toSlashes } from '../core/paths';

/** File system path (with '/' separators) of a `file:` URI; null for other schemes or malformed URIs. */
export function fileUriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return toSlashes(fileURLToPath(uri));
  } catch {
    return null;
  }
}

export function pathToFileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Key under which a path is compared with analysis dependencies and open documents. */
export function pathKey(path: string): string {
  const normalized = normalizePath(path);
  // Windows paths are case-insensitive and VS Code lower-cases the drive letter.
  return /^[A-Za-z]:\//.test(normalized) ? normalized.toLowerCase() : normalized;
}
