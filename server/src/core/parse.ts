import { detectKind } from './detect';
import type { FileKind, ParsedFile } from './model';
import { parsePyproject } from './formats/pyproject';
import { parseRequirementsTxt } from './formats/requirements-txt';
import { parsePoetryLock } from './formats/locks/poetry-lock';
import { parseUvLock } from './formats/locks/uv-lock';
import { parsePdmLock } from './formats/locks/pdm-lock';
import { parsePylock } from './formats/locks/pylock';

const parsers: Record<FileKind, (text: string, path: string) => ParsedFile> = {
  pyproject: parsePyproject,
  requirements: (text, path) => parseRequirementsTxt(text, path),
  'poetry-lock': parsePoetryLock,
  'uv-lock': parseUvLock,
  'pdm-lock': parsePdmLock,
  pylock: parsePylock,
};

/** Parses one file of a known kind (detected from its name unless given). Null for unsupported files. */
export function parseDocument(path: string, text: string, kind: FileKind | null = detectKind(path)): ParsedFile | null {
  if (!kind) return null;
  return parsers[kind](text, path);
}
