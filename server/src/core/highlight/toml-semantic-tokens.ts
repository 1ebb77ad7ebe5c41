/**
 * Semantic highlighting of pyproject.toml and the TOML lockfiles, as spans (core speaks offsets;
 * lsp/semantic-tokens-encoding.ts turns them into LSP's relative encoding). TOML itself comes from
 * the tolerant parser's tokens, so broken TOML is still highlighted as far as it can be read;
 * inside the requirement strings of a pyproject.toml (PEP 508 and Poetry), the package name,
 * extras, version specifier and marker get their own tokens. Only standard token types are used,
 * so any theme colours them.
 */
import type { FileKind } from '../model';
import type { Span } from '../span';
import { parsePyproject } from '../formats/pyproject';
import { parseTolerantToml, type TomlTokenKind } from '../formats/toml/tolerant-toml';

export const SEMANTIC_TOKEN_TYPES = ['namespace', 'type', 'property', 'string', 'number', 'keyword', 'comment', 'operator', 'variable', 'enumMember'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'readonly'] as const;
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

export interface SemanticSpan {
  start: number;
  end: number;
  type: SemanticTokenType;
  modifiers?: SemanticTokenModifier[];
}

const TOML_TOKEN_STYLES: Record<TomlTokenKind, Pick<SemanticSpan, 'type' | 'modifiers'>> = {
  comment: { type: 'comment' },
  'table-key': { type: 'namespace', modifiers: ['declaration'] },
  'array-table-key': { type: 'namespace', modifiers: ['declaration'] },
  key: { type: 'property' },
  string: { type: 'string' },
  integer: { type: 'number' },
  float: { type: 'number' },
  boolean: { type: 'keyword' },
  datetime: { type: 'number' },
  equals: { type: 'operator' },
};

/** PEP 508 marker variables (and the PEP 751 / uv ones): highlighted as read-only variables. */
const MARKER_VARIABLES = new Set([
  'python_version', 'python_full_version', 'os_name', 'sys_platform', 'platform_release', 'platform_system', 'platform_version',
  'platform_machine', 'platform_python_implementation', 'implementation_name', 'implementation_version', 'extra', 'extras',
  'dependency_groups', 'os.name', 'sys.platform', 'platform.version', 'platform.machine', 'platform.python_implementation', 'python_implementation',
]);
const MARKER_KEYWORDS = new Set(['and', 'or', 'in', 'not']);

/**
 * The tokens of a TOML document of this kind, sorted and never overlapping (a multi-line string is
 * one span). Never throws: a document that does not parse gets the tokens of what can be read.
 */
export function tomlSemanticSpans(text: string, kind: FileKind): SemanticSpan[] {
  const spans: SemanticSpan[] = [];
  const onToken = (tokenKind: TomlTokenKind, start: number, end: number) => {
    const style = TOML_TOKEN_STYLES[tokenKind];
    spans.push(style.modifiers ? { start, end, type: style.type, modifiers: style.modifiers } : { start, end, type: style.type });
  };
  parseTolerantToml(text, { onToken, values: false });
  if (kind !== 'pyproject') return spans;
  return withDetails(spans, requirementSpans(text));
}

/** Name, extras, specifier and marker tokens of every requirement of a pyproject.toml. */
function requirementSpans(text: string): SemanticSpan[] {
  const details: SemanticSpan[] = [];
  for (const requirement of parsePyproject(text, 'pyproject.toml').requirements) {
    const spans = requirement.spans;
    if (spans.name.end > spans.name.start) details.push({ ...spans.name, type: 'type' });
    if (spans.extras) lex(text, spans.extras, /[A-Za-z0-9][A-Za-z0-9._-]*/g, () => ({ type: 'enumMember' }), details);
    if (spans.specifier) lex(text, spans.specifier, SPECIFIER_TOKEN, (match) => ({ type: match[1] ? 'operator' : 'number' }), details);
    if (spans.marker) lex(text, spans.marker, MARKER_TOKEN, markerStyle, details);
    if (spans.url) {
      // `name @ url`: the `@` is an operator; the URL stays a string.
      const at = spans.url.start > spans.name.end ? text.slice(spans.name.end, spans.url.start).lastIndexOf('@') : -1;
      if (at >= 0) details.push({ start: spans.name.end + at, end: spans.name.end + at + 1, type: 'operator' });
    }
  }
  details.sort((a, b) => a.start - b.start || a.end - b.end);
  // Requirements from different tables never overlap, but one declaration read twice would: keep the first.
  const distinct: SemanticSpan[] = [];
  for (const detail of details) if (distinct.length === 0 || detail.start >= distinct[distinct.length - 1].end) distinct.push(detail);
  return distinct;
}

/** Operators (PEP 440 and Poetry's `^`, `~`, `||`) and versions of a specifier. */
const SPECIFIER_TOKEN = /(===|~=|==|!=|<=|>=|<|>|\^|~|\|\||\|)|([0-9A-Za-z*+!_.-]+)/g;
/** Quoted values, comparison operators, words (variables and `and`/`or`/`in`/`not`). */
const MARKER_TOKEN = /("[^"]*"|'[^']*')|(===|~=|==|!=|<=|>=|<|>)|([A-Za-z_][A-Za-z0-9_.]*)/g;

function markerStyle(match: RegExpExecArray): Pick<SemanticSpan, 'type' | 'modifiers'> | null {
  if (match[1]) return { type: 'string' };
  if (match[2]) return { type: 'operator' };
  const word = match[3];
  if (MARKER_KEYWORDS.has(word)) return { type: 'keyword' };
  return MARKER_VARIABLES.has(word) ? { type: 'variable', modifiers: ['readonly'] } : { type: 'variable' };
}

function lex(
  text: string,
  span: Span,
  pattern: RegExp,
  style: (match: RegExpExecArray) => Pick<SemanticSpan, 'type' | 'modifiers'> | null,
  into: SemanticSpan[],
): void {
  const source = text.slice(span.start, span.end);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    if (match[0] === '') {
      pattern.lastIndex++;
      continue;
    }
    const styled = style(match);
    if (styled) into.push({ start: span.start + match.index, end: span.start + match.index + match[0].length, ...styled });
  }
}

/**
 * The TOML tokens with the requirement details laid over them: a token holding details is split
 * into the details and, between them, pieces of its own type (a string's quotes, spaces, commas).
 */
function withDetails(tokens: SemanticSpan[], details: SemanticSpan[]): SemanticSpan[] {
  if (details.length === 0) return tokens;
  const result: SemanticSpan[] = [];
  const push = (span: SemanticSpan) => {
    const last = result[result.length - 1];
    // Adjacent pieces of one style (a string's space and a quoted marker value) make one token.
    if (last && last.end === span.start && last.type === span.type && (last.modifiers ?? []).join() === (span.modifiers ?? []).join()) last.end = span.end;
    else result.push({ ...span });
  };
  let next = 0;
  for (const token of tokens) {
    while (next < details.length && details[next].start < token.start) next++;
    if (next >= details.length || details[next].start >= token.end) {
      push(token);
      continue;
    }
    let position = token.start;
    while (next < details.length && details[next].end <= token.end) {
      const detail = details[next++];
      if (detail.start > position) push({ ...token, start: position, end: detail.start });
      push(detail);
      position = detail.end;
    }
    if (position < token.end) push({ ...token, start: position, end: token.end });
  }
  return result;
}
