/**
 * The line of a file that says which Pythons it is for, found at an offset (for hovers):
 * `requires-python` of `[project]`, uv.lock and pylock.toml, pdm.lock's `requires_python`, Poetry's
 * `python` dependency and poetry.lock's `python-versions` (Poetry constraints, translated to PEP 440).
 */
import { entryAt } from './formats/pyproject/context';
import { parseTomlDocument } from './formats/pyproject/toml-document';
import type { ParsedFile } from './model';
import { translatePoetryConstraint } from './poetry';
import type { Span } from './span';

export interface PythonDeclaration {
  /** The key as written (last part of a dotted key): `requires-python`, `python`, `python-versions`, `requires_python`. */
  key: string;
  /** The value as written, e.g. `^3.11`. */
  written: string;
  /** PEP 440 ('' = any Python; Poetry alternatives joined by ' || '). */
  specifier: string;
  /** Written as a Poetry constraint (Poetry's `python`, poetry.lock's `python-versions`). */
  poetry: boolean;
  /** The value, between its quotes. */
  span: Span;
}

const KEY = /^[ \t]*["']?([A-Za-z0-9_.-]+)/;
const POETRY_PYTHON_LINE = /^[ \t]*["']?python["']?[ \t]*=/i;

/** The declaration whose line holds `offset` (the key or the value), or null. */
export function pythonDeclarationAt(file: ParsedFile, text: string, offset: number): PythonDeclaration | null {
  const line = lineAround(text, offset);
  const declared = file.requiresPython;
  if (declared && !(declared.span.start === 0 && declared.span.end === 0) && onLine(line, declared.span, offset)) {
    const key = KEY.exec(text.slice(line.start, declared.span.start))?.[1].split('.').at(-1) ?? 'requires-python';
    const poetry = file.kind === 'poetry-lock' || (file.kind === 'pyproject' && key.toLowerCase() === 'python');
    return { key, written: text.slice(declared.span.start, declared.span.end), specifier: declared.specifier, poetry, span: declared.span };
  }
  // Poetry's `python` when `[project] requires-python` is the one the model keeps.
  if (file.kind !== 'pyproject' || !POETRY_PYTHON_LINE.test(text.slice(line.start, line.end))) return null;
  const dependencies = entryAt(parseTomlDocument(text).root, 'tool', 'poetry', 'dependencies')?.value;
  if (dependencies?.type !== 'table') return null;
  const entry = [...dependencies.entries.values()].find((candidate) => candidate.key.toLowerCase() === 'python');
  if (entry?.value.type !== 'string' || !onLine(line, entry.value.contentSpan, offset)) return null;
  const translated = translatePoetryConstraint(entry.value.value).value;
  if (!translated) return null;
  return { key: entry.key, written: entry.value.value, specifier: translated.pep440, poetry: true, span: entry.value.contentSpan };
}

function lineAround(text: string, offset: number): Span {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return { start, end: end < 0 ? text.length : end };
}

/** The value starts on this line and the offset is not past its closing quote. */
function onLine(line: Span, value: Span, offset: number): boolean {
  return value.start >= line.start && value.start <= line.end && offset <= value.end + 1;
}
