/**
 * The names of local project requirements (`-e .[http2]`, `./pkg`, `file:///…/pkg`, PDM's
 * `-e ./packages/foo`). pip learns such a name from the project's metadata; we read the metadata
 * that is static, through the FileSource (core does no I/O), and never run anything:
 *
 *   1. pyproject.toml `[project] name`, else `[tool.poetry] name`;
 *   2. setup.py, read as text, only when it is exact: the file's one `setup(…)` call passes
 *      `name="literal"` directly. Arguments of setup() override setup.cfg, so any other `name=`
 *      there (a variable, a call), `**kwargs` without a `name=`, or several / no setup() calls
 *      leave the name unknown;
 *   3. setup.cfg `[metadata] name`.
 *
 * Otherwise the name is unknown (''): never guessed from the folder's name.
 */
import type { FileSource } from './file-source';
import { memoizeString } from './memo';
import type { ParsedFile, Requirement } from './model';
import { isValidProjectName, normalizeName } from './names';
import { parseDocument } from './parse';
import { trimTrailing } from './trim';

export interface LocalProjectName {
  /** The project's name, or null when its metadata gives none that can be read without running it. */
  name: string | null;
  /** The files read or looked for: creating or changing one of them may change the answer. */
  lookedFor: string[];
}

function inFolder(folder: string, name: string): string {
  return folder === '.' ? name : `${trimTrailing(folder, '/')}/${name}`;
}

function validName(name: string | null | undefined): string | null {
  return name !== null && name !== undefined && isValidProjectName(name) ? name : null;
}

const pyprojectName = memoizeString((text: string) => validName(parseDocument('pyproject.toml', text, 'pyproject')?.project?.name), 64);

/** The project name in the folder (see the module comment for the order). */
export function readLocalProjectName(folder: string, files: FileSource): LocalProjectName {
  const lookedFor: string[] = [];
  const read = (name: string): string | undefined => {
    const path = inFolder(folder, name);
    lookedFor.push(path);
    return files.read(path);
  };
  const pyproject = read('pyproject.toml');
  const fromPyproject = pyproject === undefined ? null : pyprojectName(pyproject);
  if (fromPyproject !== null) return { name: fromPyproject, lookedFor };
  const setupPy = read('setup.py');
  if (setupPy !== undefined) {
    const fromSetupPy = setupPyName(setupPy);
    if (fromSetupPy !== 'not-passed') return { name: fromSetupPy, lookedFor };
  }
  const setupCfg = read('setup.cfg');
  return { name: setupCfg === undefined ? null : setupCfgName(setupCfg), lookedFor };
}

/**
 * Requirements on local projects with their project's name filled in (new objects for those that
 * change; the array itself when none does), and every file looked at.
 */
export function withLocalProjectNames(requirements: Requirement[], files: FileSource): { requirements: Requirement[]; lookedFor: string[] } {
  if (!requirements.some((requirement) => requirement.localProject !== undefined && requirement.name === '')) return { requirements, lookedFor: [] };
  const byFolder = new Map<string, LocalProjectName>();
  const lookedFor: string[] = [];
  let changed = false;
  const named = requirements.map((requirement) => {
    const folder = requirement.localProject;
    if (folder === undefined || requirement.name !== '') return requirement;
    let found = byFolder.get(folder);
    if (!found) {
      found = readLocalProjectName(folder, files);
      byFolder.set(folder, found);
      lookedFor.push(...found.lookedFor);
    }
    if (found.name === null) return requirement;
    changed = true;
    return { ...requirement, name: found.name, normalizedName: normalizeName(found.name) };
  });
  return { requirements: changed ? named : requirements, lookedFor };
}

const namedCopies = new WeakMap<ParsedFile, { names: string; file: ParsedFile }>();

/**
 * A parsed file with its local projects named, for parses that are shared (memoized lockfiles):
 * the file itself when nothing changes, else a copy, the same copy while the names stay the same.
 */
export function withLocalProjectNamesOf(file: ParsedFile, files: FileSource): { file: ParsedFile; lookedFor: string[] } {
  const named = withLocalProjectNames(file.requirements, files);
  if (named.requirements === file.requirements) return { file, lookedFor: named.lookedFor };
  const names = named.requirements.map((requirement) => requirement.name).join('\n');
  const cached = namedCopies.get(file);
  if (cached?.names === names) return { file: cached.file, lookedFor: named.lookedFor };
  const copy: ParsedFile = { ...file, requirements: named.requirements };
  namedCopies.set(file, { names, file: copy });
  return { file: copy, lookedFor: named.lookedFor };
}

/** setup.cfg `[metadata] name` as configparser reads it (keys case-insensitive, `=` or `:`); null when absent or not a plain name. */
export const setupCfgName = memoizeString((text: string): string | null => {
  let inMetadata = false;
  let name: string | null = null;
  let continued = false;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      continued = false;
      continue;
    }
    // An indented line continues the previous value: a name spread over lines is no plain name.
    if (/^\s/.test(line)) {
      if (continued) return null;
      continue;
    }
    continued = false;
    const section = /^\[([^\]]+)\]/.exec(trimmed);
    if (section) {
      inMetadata = section[1] === 'metadata';
      continue;
    }
    // `key = value` (or `key: value`): the key runs to the first '=' or ':'.
    const separator = trimmed.search(/[=:]/);
    if (inMetadata && separator > 0 && trimmed.slice(0, separator).trimEnd().toLowerCase() === 'name') {
      name = trimmed.slice(separator + 1).trimStart();
      continued = true;
    }
  }
  return validName(name);
}, 64);

/**
 * The name setup.py passes to setup(): the literal, null when it cannot be read exactly, or
 * 'not-passed' when the one setup() call passes no name (setup.cfg then decides).
 */
export const setupPyName = memoizeString((text: string): string | null | 'not-passed' => {
  const tokens = pythonTokens(text);
  const calls: number[] = [];
  tokens.forEach((token, position) => {
    if (token.kind === 'name' && token.text === 'setup' && tokens[position + 1]?.text === '(') calls.push(position + 1);
  });
  if (calls.length !== 1) return null;
  let depth = 0;
  let spread = false;
  let passed: string | null | undefined;
  for (let position = calls[0]; position < tokens.length; position++) {
    const token = tokens[position];
    if (token.kind === 'op' && '([{'.includes(token.text)) depth++;
    else if (token.kind === 'op' && ')]}'.includes(token.text)) {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && token.text === '**') spread = true;
    else if (depth === 1 && token.kind === 'name' && token.text === 'name' && tokens[position + 1]?.text === '=') {
      if (passed !== undefined) return null;
      const value = tokens[position + 2];
      const after = tokens[position + 3];
      passed = value?.kind === 'string' && value.value !== null && (after?.text === ',' || after?.text === ')') ? validName(value.value) : null;
    }
  }
  if (depth !== 0) return null;
  if (passed !== undefined) return passed;
  return spread ? null : 'not-passed';
}, 64);

interface PythonToken {
  kind: 'name' | 'string' | 'op';
  text: string;
  /** Strings: the value of a plain literal (no prefix, no escapes); null for any other string. */
  value: string | null;
}

/** Just enough of Python's tokenizer to find calls and keyword arguments: names, strings, operators; comments skipped. */
function pythonTokens(text: string): PythonToken[] {
  const tokens: PythonToken[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '#') {
      const end = text.indexOf('\n', index);
      index = end < 0 ? text.length : end;
      continue;
    }
    if (/\s|\\/.test(char)) {
      index++;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(index, index + 256));
    if (word) {
      const quote = text[index + word[0].length];
      if ((quote === '"' || quote === "'") && /^[rRbBuUfF]{1,2}$/.test(word[0])) {
        const literal = readString(text, index + word[0].length);
        tokens.push({ kind: 'string', text: word[0], value: null });
        index = literal.end;
        continue;
      }
      tokens.push({ kind: 'name', text: word[0], value: null });
      index += word[0].length;
      continue;
    }
    if (char === '"' || char === "'") {
      const literal = readString(text, index);
      tokens.push({ kind: 'string', text: char, value: literal.plain ? literal.value : null });
      index = literal.end;
      continue;
    }
    const operator = text.startsWith('**', index) || text.startsWith('==', index) ? text.slice(index, index + 2) : char;
    tokens.push({ kind: 'op', text: operator, value: null });
    index += operator.length;
  }
  return tokens;
}

/** A string literal starting at the quote at `start`: where it ends, and its value when it has no escapes. */
function readString(text: string, start: number): { end: number; value: string; plain: boolean } {
  const quote = text[start];
  const triple = text.startsWith(quote.repeat(3), start);
  const delimiter = triple ? quote.repeat(3) : quote;
  let index = start + delimiter.length;
  let plain = true;
  while (index < text.length) {
    if (text[index] === '\\') {
      // Also in a raw string a backslash keeps the next quote from ending the literal.
      plain = false;
      index += 2;
      continue;
    }
    if (text.startsWith(delimiter, index)) return { end: index + delimiter.length, value: text.slice(start + delimiter.length, index), plain: plain && !triple };
    if (!triple && text[index] === '\n') break;
    index++;
  }
  return { end: index, value: '', plain: false };
}
