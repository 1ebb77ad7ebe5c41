/**
 * What the text before the cursor asks to complete, read from the raw text (the requirement being
 * typed is usually not parseable yet): a package name at the start of a requirement, a version
 * after an operator, or an extra inside `[...]`. Requirement text is a requirements-file line, a
 * string of a dependency array in pyproject.toml, or a Poetry dependency table key / version string.
 */
import type { FileKind } from '../core/model';

export const COMPLETION_TRIGGER_CHARACTERS = ['=', '>', '<', '~', '[', ',', '"'] as const;

export type CompletionSite =
  /** `start`: offset where the typed part (`prefix`) begins; the completion replaces start..cursor. */
  | { kind: 'name'; prefix: string; start: number }
  | { kind: 'version'; name: string; prefix: string; start: number }
  | { kind: 'extra'; name: string; typed: string[]; prefix: string; start: number };

const NAME = '[A-Za-z0-9][A-Za-z0-9._-]*';
const NAME_SITE = /^\s*([A-Za-z0-9._-]*)$/;
const EXTRA_SITE = new RegExp(`^\\s*(${NAME})\\s*\\[([^\\]]*)$`);
// No two `\s*` side by side (each optional part carries its own), and an operator is never
// followed by '=' (so `===` reads one way only): both would make the match polynomial, or
// exponential, in the length of the line.
const VERSION_SITE = new RegExp(`^\\s*(${NAME})\\s*(?:\\[[^\\]]*\\]\\s*)?(?:\\(\\s*)?(?:(?:===|==|~=|!=|>=|<=|<|>)(?!=)\\s*(?:[^,;\\s]+\\s*)?,\\s*)*(?:===|==|~=|!=|>=|<=|<|>)\\s*([A-Za-z0-9.*+!_-]*)$`);
/** Poetry: `name = "^1.2` or `name = { version = ">=1` (the operator is optional: a bare version is exact). */
const POETRY_VERSION_SITE = new RegExp(`^\\s*(${NAME})\\s*=\\s*(?:\\{[^}]*\\bversion\\s*=\\s*)?["']\\s*(?:[\\^~<>=!]=?=?\\s*)?([A-Za-z0-9.*+!_-]*)$`);

/** Arrays of requirement strings: these keys in any table, and any key of these tables. */
const REQUIREMENT_ARRAY_KEYS = new Set(['dependencies', 'requires', 'dev-dependencies', 'constraint-dependencies', 'override-dependencies', 'build-constraint-dependencies', 'extra-dependencies']);
const REQUIREMENT_ARRAY_TABLES = [/^dependency-groups$/, /^project\.optional-dependencies$/, /^tool\.pdm\.dev-dependencies$/];
const POETRY_DEPENDENCY_TABLES = [/^tool\.poetry\.(dev-)?dependencies$/, /^tool\.poetry\.group\.[^.]+\.dependencies$/];

export function completionSite(text: string, offset: number, kind: FileKind | null): CompletionSite | null {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
  const linePrefix = text.slice(lineStart, offset);
  if (kind === 'requirements') {
    if (linePrefix.includes('#') || /^\s*-/.test(linePrefix)) return null;
    return requirementSite(linePrefix, offset);
  }
  if (kind !== 'pyproject') return null;
  const table = tableAt(text, lineStart);
  if (table !== null && POETRY_DEPENDENCY_TABLES.some((pattern) => pattern.test(table))) return poetrySite(linePrefix, offset);
  const open = openStringStart(linePrefix);
  if (open === null || !isRequirementArrayString(text, lineStart + open, table)) return null;
  return requirementSite(linePrefix.slice(open + 1), offset);
}

function requirementSite(requirementPrefix: string, offset: number): CompletionSite | null {
  const extra = EXTRA_SITE.exec(requirementPrefix);
  if (extra) {
    const parts = extra[2].split(',');
    const prefix = parts.pop()!.trimStart();
    return { kind: 'extra', name: extra[1], typed: parts.map((part) => part.trim()).filter(Boolean), prefix, start: offset - prefix.length };
  }
  const version = VERSION_SITE.exec(requirementPrefix);
  if (version) return { kind: 'version', name: version[1], prefix: version[2], start: offset - version[2].length };
  const name = NAME_SITE.exec(requirementPrefix);
  if (name) return { kind: 'name', prefix: name[1], start: offset - name[1].length };
  return null;
}

function poetrySite(linePrefix: string, offset: number): CompletionSite | null {
  const version = POETRY_VERSION_SITE.exec(linePrefix);
  if (version) return version[1] === 'python' ? null : { kind: 'version', name: version[1], prefix: version[2], start: offset - version[2].length };
  const name = NAME_SITE.exec(linePrefix);
  return name ? { kind: 'name', prefix: name[1], start: offset - name[1].length } : null;
}

/** Index (in the line prefix) of the quote opening a string that is still open at its end, else null. */
function openStringStart(linePrefix: string): number | null {
  let quote: string | null = null;
  let start = -1;
  for (let index = 0; index < linePrefix.length; index++) {
    const char = linePrefix[index];
    if (quote) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = null;
    } else if (char === '#') {
      return null;
    } else if (char === '"' || char === "'") {
      quote = char;
      start = index;
    }
  }
  return quote ? start : null;
}

/** The string opening at `quoteOffset` is an element of an array of requirement strings. */
function isRequirementArrayString(text: string, quoteOffset: number, table: string | null): boolean {
  let cursor = quoteOffset - 1;
  while (cursor >= 0 && /\s/.test(text[cursor])) cursor--;
  if (text[cursor] !== '[' && text[cursor] !== ',') return false;
  // The key of the innermost open array: walk back over brackets (strings rarely hold brackets in these arrays).
  let depth = 0;
  for (; cursor >= 0; cursor--) {
    const char = text[cursor];
    if (char === ']') depth++;
    else if (char === '[' && depth > 0) depth--;
    else if (char === '[') break;
  }
  if (cursor < 0) return false;
  const keyMatch = /((?<![A-Za-z0-9_-])[A-Za-z0-9_-]+|"[^"]*")\s*=\s*$/.exec(text.slice(Math.max(0, text.lastIndexOf('\n', cursor - 1) + 1), cursor));
  if (!keyMatch) return false;
  const key = keyMatch[1].replace(/"/g, '');
  return REQUIREMENT_ARRAY_KEYS.has(key) || (table !== null && REQUIREMENT_ARRAY_TABLES.some((pattern) => pattern.test(table)));
}

/** The `[table]` / `[[array-table]]` header that the line starting at `lineStart` belongs to. */
function tableAt(text: string, lineStart: number): string | null {
  const before = text.slice(0, lineStart).split('\n');
  for (let index = before.length - 1; index >= 0; index--) {
    const header = /^\s*\[\[?([^\]]+)\]\]?\s*(#.*)?$/.exec(before[index]);
    if (header) return header[1].trim().replace(/(?<!\s)\s*\.\s*/g, '.').replace(/"/g, '');
  }
  return null;
}
