/**
 * An error-tolerant TOML parser: it never throws, reports one error per mistake at the place of
 * the mistake (an array that is never closed is reported where it opened, with where parsing gave
 * up as related information), and recovers the rest of the document: an array or inline table
 * left open ends before the next line that can only be a table header or a key/value pair, a
 * broken line is skipped, a duplicate table's body is read but not kept. It builds the same
 * located tree as toml-document.ts and can report every token it reads (for highlighting).
 *
 * The strict parsers (toml-eslint-parser for pyproject.toml, smol-toml for lockfiles) stay the
 * judges of a valid document; this one explains and recovers an invalid one, and tokenizes.
 */
import type { Span } from '../../span';
import type { TomlArray, TomlEntry, TomlString, TomlTable, TomlValue } from '../pyproject/toml-document';
import { capNestingDepth, MAX_VALUE_DEPTH } from '../pyproject/toml-depth';
import { stringSource } from '../pyproject/toml-strings';

export type TomlTokenKind =
  | 'comment'
  /** A key part of a `[table]` header. */
  | 'table-key'
  /** A key part of an `[[array of tables]]` header. */
  | 'array-table-key'
  | 'key'
  | 'string'
  | 'integer'
  | 'float'
  | 'boolean'
  | 'datetime'
  | 'equals';

/** Receives every token in document order (tokens never overlap; a string token includes its quotes). */
export type TomlTokenSink = (kind: TomlTokenKind, start: number, end: number) => void;

export interface TomlSyntaxError {
  /** Without the "Invalid TOML: " prefix. */
  message: string;
  span: Span;
  related?: { span: Span; message: string }[];
}

export interface TolerantTomlResult {
  root: TomlTable;
  errors: TomlSyntaxError[];
}

export interface TolerantTomlOptions {
  /** Receives every token (for highlighting). */
  onToken?: TomlTokenSink;
  /**
   * false: only tokens and syntax errors are wanted; the tree stays empty (faster on large files)
   * and duplicate keys or tables are not looked for. Default true.
   */
  values?: boolean;
}

export function parseTolerantToml(text: string, options: TomlTokenSink | TolerantTomlOptions = {}): TolerantTomlResult {
  const { onToken, values = true } = typeof options === 'function' ? { onToken: options } : options;
  const parser = new TolerantParser(capNestingDepth(text), text, onToken, values);
  return parser.parse();
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const QUOTE = 34;
const APOSTROPHE = 39;
const EQUALS = 61;
const COMMA = 44;
const DOT = 46;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const BACKSLASH = 92;

function isBareKeyCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}

/** Characters a number, date, boolean (or a mistyped bare word) is made of. */
function isWordCode(code: number): boolean {
  return isBareKeyCode(code) || code === 43 /* + */ || code === DOT || code === 58 /* : */;
}

const INTEGER = /^[+-]?(?:0|[1-9](?:_?\d)*)$/;
const HEX = /^0x[0-9a-fA-F](?:_?[0-9a-fA-F])*$/;
const OCTAL = /^0o[0-7](?:_?[0-7])*$/;
const BINARY = /^0b[01](?:_?[01])*$/;
const FLOAT = /^[+-]?(?:0|[1-9](?:_?\d)*)(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?$/;
const SPECIAL_FLOAT = /^[+-]?(?:inf|nan)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?$/;
/** A header line: `[a.b]`, `[[a]]` (sticky: tested at the line's first non-blank character). */
const HEADER_LINE = /\[\[?[ \t]*((?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'))*)[ \t]*\]\]?[ \t]*(?:#[^\n]*)?(?:\r?\n|$)/y;
/** A key/value line: `key =`, `a.b =`, `"quoted" =` (sticky: tested at the line's first non-blank character). */
const KEY_VALUE_LINE = /(?<![A-Za-z0-9_-])(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'))*[ \t]*=/y;

/** Whether the line whose first non-blank character is at `position` matches a sticky line pattern. */
function lineMatches(pattern: RegExp, text: string, position: number): RegExpExecArray | null {
  pattern.lastIndex = position;
  return pattern.exec(text);
}

interface KeyPart {
  name: string;
  span: Span;
}

type Opener = { kind: 'array' | 'inline table'; open: Span; label: string | null };

class TolerantParser {
  private pos = 0;
  private readonly errors: TomlSyntaxError[] = [];
  private readonly root: TomlTable;
  private current: TomlTable;
  /** The span of the current `[table]` section (its end grows with every statement). */
  private sectionSpans: Span[] = [];
  /** Tables opened by a `[header]`. */
  private readonly headerTables = new WeakSet<TomlTable>();
  /** Tables made by dotted keys (`a.b = 1`). */
  private readonly dottedTables = new WeakSet<TomlTable>();
  /** Inline tables and arrays written as values: they cannot be extended. */
  private readonly literalValues = new WeakSet<TomlValue>();
  /** Arrays made by `[[header]]`s. */
  private readonly tableArrays = new WeakSet<TomlArray>();
  /** Where a recovery left the parser at the start of a line (the statement there is complete). */
  private resumedAt = -1;
  /**
   * Set when a recovery moved on to the next statement (an array left open before a table header,
   * a multi-line string never closed): every enclosing array or inline table ends there too,
   * without an error of its own.
   */
  private abandoned = false;
  /** The arrays and inline tables being read, innermost last. */
  private readonly enclosing: Opener['kind'][] = [];
  /**
   * Set when an array left open inside an inline table ended at the table's next `key =`: the
   * comma before that key separated the table's entries.
   */
  private separatorSeen = false;
  private depth = 0;
  private lineStarts: number[] | null = null;

  constructor(
    /** The text with values nested too deep emptied (same length). */
    private readonly text: string,
    /** The text as written (strings are decoded from it). */
    private readonly original: string,
    private readonly onToken: TomlTokenSink | undefined,
    /** Whether to build the tree (see TolerantTomlOptions.values). */
    private readonly values: boolean,
  ) {
    this.root = { type: 'table', entries: new Map(), span: { start: 0, end: text.length } };
    this.current = this.root;
  }

  parse(): TolerantTomlResult {
    const text = this.text;
    while (this.pos < text.length) {
      this.skipSpaces();
      if (this.pos >= text.length) break;
      const code = text.charCodeAt(this.pos);
      if (code === LF || code === CR) {
        this.pos++;
        continue;
      }
      if (code === HASH) {
        this.comment();
        continue;
      }
      const start = this.pos;
      if (code === OPEN_BRACKET) this.header();
      else if (isBareKeyCode(code) || code === QUOTE || code === APOSTROPHE) this.keyValue(this.current, false);
      else {
        this.error(`unexpected \`${this.charAt(this.pos)}\`: a key or a [table] header expected`, { start, end: start + 1 });
        this.skipLine();
        continue;
      }
      if (this.pos === start) this.pos++;
      this.endOfStatement();
      this.abandoned = false;
    }
    return { root: this.root, errors: this.errors };
  }

  // ---- statements -------------------------------------------------------------------------

  private header(): void {
    const text = this.text;
    const open = this.pos;
    let isArray = text.charCodeAt(open + 1) === OPEN_BRACKET;
    this.pos += isArray ? 2 : 1;
    this.skipSpaces();
    const keys = this.key(isArray ? 'array-table-key' : 'table-key');
    this.skipSpaces();
    let closing = isArray ? ']]' : ']';
    let closed = false;
    if (keys && !isArray && text.startsWith(']]', this.pos)) {
      // `[package]]`: an array-of-tables header that lost a `[`.
      this.error(`table header \`${text.slice(open, this.pos + 2)}\` has one \`[\` too few: \`[[\` expected`, { start: open, end: this.pos + 2 });
      isArray = true;
      closing = ']]';
    } else if (keys && isArray && text.charCodeAt(this.pos) === CLOSE_BRACKET && !text.startsWith(']]', this.pos)) {
      // `[[package]`: one `]` too few.
      this.error(`table header \`${text.slice(open, this.pos + 1)}\` has one \`]\` too few: \`]]\` expected`, { start: open, end: this.pos + 1 });
      closing = ']';
    }
    if (keys && text.startsWith(closing, this.pos)) {
      this.pos += closing.length;
      closed = true;
    }
    const span = { start: open, end: this.pos };
    if (!keys || !closed) {
      this.sectionSpans = [];
      const line = this.lineContentEnd(open);
      if (keys) this.error(`table header \`${text.slice(open, line).trim()}\` is not closed: \`${closing}\` expected`, { start: open, end: line });
      this.skipLine();
      this.resumedAt = this.pos;
      this.current = detachedTable(span);
      return;
    }
    this.current = (this.values ? this.openTable(keys, isArray, span) : null) ?? detachedTable(span);
  }

  private openTable(parts: KeyPart[], isArray: boolean, span: Span): TomlTable | null {
    const last = parts[parts.length - 1];
    let table = this.root;
    for (const part of parts.slice(0, -1)) {
      const entry = table.entries.get(part.name);
      if (!entry) {
        const implicit: TomlTable = { type: 'table', entries: new Map(), span };
        table.entries.set(part.name, { key: part.name, keySpan: part.span, span, value: implicit });
        table = implicit;
        continue;
      }
      const value = entry.value;
      if (value.type === 'table' && !this.literalValues.has(value)) table = value;
      else if (value.type === 'array' && this.tableArrays.has(value) && value.items.length > 0) table = value.items[value.items.length - 1] as TomlTable;
      else {
        this.redefined(part, entry, `\`${part.name}\` is already defined as ${describeValue(value)}`);
        return null;
      }
    }
    const existing = table.entries.get(last.name);
    const headerName = `${isArray ? '[[' : '['}${parts.map((part) => part.name).join('.')}${isArray ? ']]' : ']'}`;
    this.sectionSpans = [span];
    if (isArray) {
      const item: TomlTable = { type: 'table', entries: new Map(), span };
      if (!existing) {
        const array: TomlArray = { type: 'array', items: [item], span };
        this.tableArrays.add(array);
        table.entries.set(last.name, { key: last.name, keySpan: last.span, span, value: array });
        this.sectionSpans.push(array.span);
        return item;
      }
      if (existing.value.type === 'array' && this.tableArrays.has(existing.value)) {
        existing.value.items.push(item);
        existing.value.span = { start: existing.value.span.start, end: span.end };
        this.sectionSpans.push(existing.value.span);
        return item;
      }
      this.redefined(last, existing, `\`${headerName}\` cannot be an array of tables: \`${last.name}\` is already defined`);
      return null;
    }
    if (!existing) {
      const created: TomlTable = { type: 'table', entries: new Map(), span };
      this.headerTables.add(created);
      table.entries.set(last.name, { key: last.name, keySpan: last.span, span, value: created });
      this.sectionSpans.push(table.entries.get(last.name)!.span);
      return created;
    }
    const value = existing.value;
    if (value.type === 'table' && !this.headerTables.has(value) && !this.dottedTables.has(value) && !this.literalValues.has(value)) {
      // An implicit table (made by a deeper header) now gets its own header.
      this.headerTables.add(value);
      existing.keySpan = last.span;
      existing.span = span;
      value.span = span;
      this.sectionSpans.push(existing.span);
      return value;
    }
    this.redefined(last, existing, `table \`${headerName}\` is defined twice`);
    return null;
  }

  /** `key = value` into `table`; in an inline table the statement ends at `,` or `}`. */
  private keyValue(table: TomlTable, inline: boolean): void {
    const start = this.pos;
    const keys = this.key('key');
    if (!keys) {
      if (!inline) this.skipLine();
      return;
    }
    this.skipSpaces();
    const text = this.text;
    const keyName = keys.length === 1 ? keys[0].name : keys.map((part) => part.name).join('.');
    if (text.charCodeAt(this.pos) === EQUALS) {
      this.token('equals', this.pos, this.pos + 1);
      this.pos++;
    } else {
      const keySpan = { start, end: keys[keys.length - 1].span.end };
      const code = text.charCodeAt(this.pos);
      this.error(`\`=\` expected after the key \`${keyName}\`, found ${this.foundAt(this.pos)}`, keySpan);
      // `name "value"`: read the value anyway, so the rest of the line is not reported again.
      if (!(code === QUOTE || code === APOSTROPHE || code === OPEN_BRACKET || code === OPEN_BRACE)) {
        if (inline) this.skipInlineEntry();
        else this.skipLine();
        return;
      }
    }
    this.skipSpaces();
    const value = this.value(keyName);
    if (!value) {
      // One error for the value: the rest of its line is not read.
      if (!this.abandoned) {
        if (inline) this.skipInlineEntry();
        else this.skipLine();
      }
      return;
    }
    if (!this.values) return;
    this.assign(table, keys, value, { start, end: value.span.end });
    if (this.sectionSpans.length > 0 && table === this.current) for (const span of this.sectionSpans) span.end = Math.max(span.end, value.span.end);
  }

  private assign(table: TomlTable, keys: KeyPart[], value: TomlValue, span: Span): void {
    let target = table;
    for (let index = 0; index < keys.length - 1; index++) {
      const part = keys[index];
      const entry = target.entries.get(part.name);
      if (!entry) {
        const created: TomlTable = { type: 'table', entries: new Map(), span };
        this.dottedTables.add(created);
        target.entries.set(part.name, { key: part.name, keySpan: part.span, span, value: created });
        target = created;
      } else if (entry.value.type === 'table' && this.dottedTables.has(entry.value)) {
        target = entry.value;
      } else {
        this.redefined(part, entry, `\`${part.name}\` is already defined as ${describeValue(entry.value)}`);
        return;
      }
    }
    const last = keys[keys.length - 1];
    const existing = target.entries.get(last.name);
    if (existing) {
      this.redefined(last, existing, `key \`${last.name}\` is defined twice`);
      return;
    }
    target.entries.set(last.name, { key: last.name, keySpan: last.span, span, value });
  }

  private redefined(part: KeyPart, first: TomlEntry, message: string): void {
    this.error(`${message}; first defined on line ${this.lineNumber(first.keySpan.start)}`, part.span, [
      { span: first.keySpan, message: `\`${first.key}\` is first defined here` },
    ]);
  }

  private endOfStatement(): void {
    if (this.resumedAt === this.pos) {
      // Recovered: at the start of the next statement, or after what an inline table left open held.
      this.resumedAt = -1;
      if (this.pos !== this.lineStartOf(this.pos)) this.skipLine();
      return;
    }
    this.resumedAt = -1;
    this.skipSpaces();
    if (this.pos >= this.text.length) return;
    const code = this.text.charCodeAt(this.pos);
    if (code === LF || code === CR) return;
    if (code === HASH) {
      this.comment();
      return;
    }
    const end = this.lineContentEnd(this.pos);
    this.error(`unexpected \`${this.text.slice(this.pos, end)}\`: a new line expected after a value`, { start: this.pos, end });
    this.skipLine();
  }

  // ---- keys -------------------------------------------------------------------------------

  private key(kind: 'key' | 'table-key' | 'array-table-key'): KeyPart[] | null {
    const parts: KeyPart[] = [];
    for (;;) {
      this.skipSpaces();
      const part = this.keyPart(kind);
      if (!part) return null;
      parts.push(part);
      this.skipSpaces();
      if (this.text.charCodeAt(this.pos) !== DOT) return parts;
      this.pos++;
    }
  }

  private keyPart(kind: 'key' | 'table-key' | 'array-table-key'): KeyPart | null {
    const text = this.text;
    const start = this.pos;
    const code = text.charCodeAt(start);
    if (isBareKeyCode(code)) {
      let end = start + 1;
      while (end < text.length && isBareKeyCode(text.charCodeAt(end))) end++;
      this.pos = end;
      this.token(kind, start, end);
      return { name: text.slice(start, end), span: { start, end } };
    }
    if (code === QUOTE || code === APOSTROPHE) {
      if (text.startsWith(code === QUOTE ? '"""' : "'''", start)) {
        this.error('a key cannot be a multi-line string', { start, end: start + 3 });
        return null;
      }
      const string = this.singleLineString(code === QUOTE);
      this.token(kind, string.span.start, string.span.end);
      const inner = { start: string.span.start + 1, end: string.span.end - 1 };
      return { name: string.value, span: inner.end - inner.start === string.value.length ? inner : string.span };
    }
    this.error(`a key expected, found ${this.foundAt(start)}`, start < text.length && code !== LF && code !== CR ? { start, end: start + 1 } : this.lineSpanAt(start));
    return null;
  }

  // ---- values -----------------------------------------------------------------------------

  /** A value at the position; null (after reporting why) when there is none. `label`: the key it belongs to. */
  private value(label: string | null): TomlValue | null {
    const text = this.text;
    const start = this.pos;
    const code = text.charCodeAt(start);
    if (label !== null && (code === LF || code === CR || code === HASH) && this.enclosing.length === 0) {
      const array = this.arrayWithoutBracket(label, start);
      if (array) return array;
    }
    if (start >= text.length || code === LF || code === CR || code === HASH) {
      const end = this.endBefore(start);
      const at = { start: Math.max(0, end - 1), end };
      this.error(label === null ? 'a value expected' : `\`${label}\` has no value`, at);
      return null;
    }
    if (code === QUOTE || code === APOSTROPHE) return this.string();
    if (code === OPEN_BRACKET) return this.nested(() => this.array(label));
    if (code === OPEN_BRACE) return this.nested(() => this.inlineTable(label));
    return this.scalar();
  }

  private nested(parse: () => TomlValue | null): TomlValue | null {
    if (this.depth >= MAX_VALUE_DEPTH) {
      // capNestingDepth emptied anything deeper; this is only a guard.
      this.skipLine();
      return null;
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private scalar(): TomlValue | null {
    const text = this.text;
    const start = this.pos;
    let end = start;
    while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
    // A local date-time may separate date and time by a space: `1979-05-27 07:32:00`.
    if (DATE.test(text.slice(start, end)) && text.charCodeAt(end) === SPACE && /^\d{2}:/.test(text.slice(end + 1, end + 4))) {
      end++;
      while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
    }
    const word = text.slice(start, end);
    const span = { start, end };
    if (word === 'true' || word === 'false') {
      this.pos = end;
      this.token('boolean', start, end);
      return { type: 'boolean', value: word === 'true', span };
    }
    if (INTEGER.test(word) || HEX.test(word) || OCTAL.test(word) || BINARY.test(word)) {
      this.pos = end;
      this.token('integer', start, end);
      return { type: 'integer', value: integerValue(word), span };
    }
    if (FLOAT.test(word) || SPECIAL_FLOAT.test(word)) {
      this.pos = end;
      this.token('float', start, end);
      return { type: 'float', value: floatValue(word), span };
    }
    if (DATETIME.test(word) || DATE.test(word) || TIME.test(word)) {
      this.pos = end;
      this.token('datetime', start, end);
      return { type: 'datetime', value: word, span };
    }
    // Not a value: the words up to the next delimiter, e.g. `requests>=2` or `hello world`.
    while (end < text.length && !/[,\]}#\n\r"']/.test(text[end])) end++;
    while (end > start && (text.charCodeAt(end - 1) === SPACE || text.charCodeAt(end - 1) === TAB)) end--;
    if (end === start) end = start + 1;
    const written = text.slice(start, end);
    const quote = text.charCodeAt(end);
    if ((quote === QUOTE || quote === APOSTROPHE) && /^[,\]}#\s]|^$/.test(text.slice(end + 1, end + 2))) {
      // `I",`: a string whose opening quote is missing.
      const mark = quote === QUOTE ? '"' : "'";
      this.pos = end + 1;
      this.token('string', start, end + 1);
      this.error(`\`${written}${mark}\` has no opening \`${mark}\``, { start, end: end + 1 });
      const source = stringSource(this.original, { start: start - 1, end: end + 1 }, written, 'literal', false);
      return { type: 'string', value: written, span: { start, end: end + 1 }, ...source };
    }
    this.pos = end;
    if (/^[+-]?\d/.test(written)) this.error(`\`${written}\` is not a valid number or date`, { start, end });
    else if (/^[A-Za-z_]/.test(written)) this.error(`\`${written}\` is not a value: text must be quoted ("${written.replace(/["\\]/g, '\\$&')}")`, { start, end });
    else this.error(`unexpected \`${written}\`: a value expected`, { start, end });
    return null;
  }

  private array(label: string | null): TomlArray {
    const open = this.pos;
    this.pos++;
    return this.arrayFrom({ start: open, end: open + 1 }, { kind: 'array', open: this.openerSpan(open, label), label }, false);
  }

  /** A new array spanning `span` so far, its items read. `nest`: counts as one level deeper (where `nested` did not count it). */
  private arrayFrom(span: Span, opener: Opener, nest: boolean): TomlArray {
    const array: TomlArray = { type: 'array', items: [], span };
    this.literalValues.add(array);
    return this.inside('array', nest, () => this.arrayItems(array, opener));
  }

  /** `read` with a container of `kind` enclosing the position; `nest`: one level deeper (where `nested` did not count it). */
  private inside<T>(kind: Opener['kind'], nest: boolean, read: () => T): T {
    this.enclosing.push(kind);
    if (nest) this.depth++;
    try {
      return read();
    } finally {
      this.enclosing.pop();
      if (nest) this.depth--;
    }
  }

  /** A `,` at the position: an error when `expecting` (an item) was due instead. After it, an item is due. */
  private separator(expecting: string | null): true {
    if (expecting !== null) this.error(`unexpected \`,\`: ${expecting} expected`, { start: this.pos, end: this.pos + 1 });
    this.pos++;
    return true;
  }

  private arrayItems(array: TomlArray, opener: Opener): TomlArray {
    const text = this.text;
    const inInlineTable = this.enclosing[this.enclosing.length - 2] === 'inline table';
    let expectingValue = true;
    for (;;) {
      this.skipBlank();
      if (this.pos >= text.length) {
        this.unclosed(opener, null, ']');
        array.span.end = text.length;
        return array;
      }
      const code = text.charCodeAt(this.pos);
      if (code === CLOSE_BRACKET) {
        this.pos++;
        array.span.end = this.pos;
        return array;
      }
      const statementLine = this.statementLineAt(this.pos);
      if (statementLine !== null && lineMatches(KEY_VALUE_LINE, text, this.pos) && this.endsLikeInlineTable(this.pos)) {
        // `  name = "a", email = "b" },` among the items: an inline table that lost its `{`.
        const itemStart = this.pos;
        this.error('`{` expected: this inline table has no opening brace', { start: itemStart, end: this.lineContentEnd(itemStart) });
        const open = { start: itemStart, end: itemStart };
        array.items.push(this.inlineTableFrom({ ...open }, { kind: 'inline table', open, label: null }, true));
        expectingValue = false;
        continue;
      }
      if (statementLine !== null) {
        this.unclosed(opener, statementLine, ']');
        array.span.end = this.endBefore(statementLine);
        this.pos = statementLine;
        this.resumedAt = statementLine;
        this.abandoned = true;
        return array;
      }
      // In an inline table, its `}` or its next `key =` end an array left open.
      const keyValueAhead = inInlineTable && code !== QUOTE && code !== APOSTROPHE ? lineMatches(KEY_VALUE_LINE, text, this.pos) : null;
      if (inInlineTable && (code === CLOSE_BRACE || keyValueAhead)) {
        const token = keyValueAhead ? { start: this.pos, end: this.pos + keyValueAhead[0].length } : { start: this.pos, end: this.pos + 1 };
        this.unclosed(opener, null, ']', undefined, token);
        array.span.end = this.endBefore(this.pos);
        if (keyValueAhead) this.separatorSeen = expectingValue;
        return array;
      }
      if (code === COMMA) {
        expectingValue = this.separator(expectingValue ? 'an array item' : null);
        continue;
      }
      if (code === CLOSE_BRACE) {
        this.error('unexpected `}` in an array', { start: this.pos, end: this.pos + 1 });
        this.pos++;
        continue;
      }
      const itemStart = this.pos;
      const item = this.value(null);
      if (this.abandoned) {
        if (item) array.items.push(item);
        array.span.end = this.endBefore(this.pos);
        return array;
      }
      if (item) {
        if (!expectingValue) this.error(`\`,\` expected between the items of ${opener.label ? `\`${opener.label}\`` : 'the array'}`, { start: itemStart, end: item.span.end });
        array.items.push(item);
      }
      expectingValue = false;
      if (this.pos === itemStart) this.pos++;
    }
  }

  private inlineTable(label: string | null): TomlTable {
    const open = this.pos;
    this.pos++;
    return this.inlineTableFrom({ start: open, end: open + 1 }, { kind: 'inline table', open: this.openerSpan(open, label), label }, false);
  }

  /** A new inline table spanning `span` so far, its entries read. `nest`: as for `arrayFrom`. */
  private inlineTableFrom(span: Span, opener: Opener, nest: boolean): TomlTable {
    const table: TomlTable = { type: 'table', entries: new Map(), span };
    this.literalValues.add(table);
    return this.inside('inline table', nest, () => this.inlineEntries(table, opener));
  }

  /** An inline table left open: it ends after its last entry (`lastEnd`), where reading resumes. */
  private leftOpen(table: TomlTable, opener: Opener, lastEnd: number): TomlTable {
    this.unclosed(opener, null, '}', lastEnd);
    table.span.end = lastEnd;
    this.pos = lastEnd;
    this.resumedAt = lastEnd;
    return table;
  }

  private inlineEntries(table: TomlTable, opener: Opener): TomlTable {
    const text = this.text;
    const inArray = this.enclosing[this.enclosing.length - 2] === 'array';
    let expectingEntry = true;
    /** After the last entry (or the opening brace): where a table left open ends. */
    let lastEnd = this.pos;
    for (;;) {
      const before = this.pos;
      this.skipBlank();
      let crossedLine = false;
      for (let index = before; index < this.pos && !crossedLine; index++) crossedLine = text.charCodeAt(index) === LF;
      if (this.pos >= text.length) return this.leftOpen(table, opener, lastEnd);
      const code = text.charCodeAt(this.pos);
      if (code === CLOSE_BRACE) {
        this.pos++;
        table.span.end = this.pos;
        return table;
      }
      const startsEntry = isBareKeyCode(code) || code === QUOTE || code === APOSTROPHE;
      // A line break where an entry should follow: the table goes on only with a `key = value` line.
      if (crossedLine && (!expectingEntry || !lineMatches(KEY_VALUE_LINE, text, this.pos))) {
        // `{ a = 1` and the line ends: the table was meant to end there.
        return this.leftOpen(table, opener, lastEnd);
      }
      if (code === CLOSE_BRACKET && inArray) {
        // `{ extra = "xpu" ]`: the array's `]` ends the table left open.
        this.unclosed(opener, null, '}', undefined, { start: this.pos, end: this.pos + 1 });
        table.span.end = lastEnd;
        return table;
      }
      if (code === COMMA) {
        expectingEntry = this.separator(expectingEntry ? 'a key' : null);
        continue;
      }
      if (!startsEntry) {
        this.error(`unexpected \`${this.charAt(this.pos)}\` in inline table${opener.label ? ` \`${opener.label}\`` : ''}`, { start: this.pos, end: this.pos + 1 });
        this.pos++;
        continue;
      }
      const entryStart = this.pos;
      if (!expectingEntry) this.error(`\`,\` expected between the entries of ${opener.label ? `\`${opener.label}\`` : 'the inline table'}`, { start: entryStart, end: this.lineContentEnd(entryStart) });
      this.keyValue(table, true);
      if (this.abandoned) {
        table.span.end = this.endBefore(this.pos);
        return table;
      }
      expectingEntry = this.separatorSeen;
      this.separatorSeen = false;
      lastEnd = this.pos;
      if (this.pos === entryStart) this.pos++;
    }
  }

  /**
   * `dependencies =` with the items on the next lines and a `]` after them: an array that lost its
   * `[`. Read as that array (one error), else null.
   */
  private arrayWithoutBracket(label: string, position: number): TomlArray | null {
    const text = this.text;
    let next = this.nextLineStart(position);
    while (next < text.length && /^[ \t]*(?:#[^\n]*)?\r?$/.test(text.slice(next, this.lineContentEnd(next)))) next = this.nextLineStart(next);
    let first = next;
    while (first < text.length && (text.charCodeAt(first) === SPACE || text.charCodeAt(first) === TAB)) first++;
    const code = text.charCodeAt(first);
    if (!(code === QUOTE || code === APOSTROPHE || code === OPEN_BRACE) || this.statementLineAt(first) !== null) return null;
    const equals = this.endBefore(position);
    this.error(`\`[\` expected after \`${label} =\`: the array on the next lines has no opening bracket`, { start: Math.max(0, equals - 1), end: equals });
    // Read the items as if `[` stood just before them.
    this.pos = first;
    return this.arrayFrom({ start: first, end: first }, { kind: 'array', open: { start: first, end: first + 1 }, label }, true);
  }

  /** Whether the line at `position` has a `}` that no `{` before it on the line opens (strings and comments aside). */
  private endsLikeInlineTable(position: number): boolean {
    const text = this.text;
    const end = this.lineContentEnd(position);
    let depth = 0;
    for (let index = position; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code === HASH) break;
      if (code === QUOTE || code === APOSTROPHE) {
        const close = text.indexOf(text[index], index + 1);
        if (close === -1 || close >= end) return false;
        index = close;
      } else if (code === OPEN_BRACE) depth++;
      else if (code === CLOSE_BRACE && --depth < 0) return true;
    }
    return false;
  }

  /** The key and `=` before an opening bracket (`dependencies = [`), else the bracket alone. */
  private openerSpan(open: number, label: string | null): Span {
    if (label === null) return { start: open, end: open + 1 };
    const lineStart = this.lineStartOf(open);
    let start = lineStart;
    while (start < open && (this.text.charCodeAt(start) === SPACE || this.text.charCodeAt(start) === TAB)) start++;
    const text = this.text;
    const keyValue = lineMatches(KEY_VALUE_LINE, text, start);
    if (keyValue && /^[ \t]*$/.test(text.slice(keyValue.index + keyValue[0].length, open))) return { start, end: open + 1 };
    // Inside an inline table: `{ extras = [`: from the key's last part.
    let keyEnd = open;
    while (keyEnd > 0 && /[ \t]/.test(text[keyEnd - 1])) keyEnd--;
    if (text[keyEnd - 1] !== '=') return { start: open, end: open + 1 };
    keyEnd--;
    while (keyEnd > 0 && /[ \t]/.test(text[keyEnd - 1])) keyEnd--;
    const lastPart = label.slice(label.lastIndexOf('.') + 1);
    return text.slice(keyEnd - lastPart.length, keyEnd) === lastPart ? { start: keyEnd - lastPart.length, end: open + 1 } : { start: open, end: open + 1 };
  }

  /** One error for a construct left open: at its opening, related to where parsing gave up. */
  private unclosed(opener: Opener, giveUpLine: number | null, closing: string, lineEndOf?: number, token?: Span): void {
    const what = `${opener.kind === 'array' ? 'array' : 'inline table'}${opener.label ? ` \`${opener.label}\`` : ''}`;
    const openLine = this.lineNumber(opener.open.start);
    let where: string;
    let giveUp: Span;
    if (token) {
      const tokenLine = this.lineNumber(token.start);
      where = `before \`${this.text.slice(token.start, token.end)}\`${tokenLine === openLine ? '' : ` on line ${tokenLine}`}`;
      giveUp = token;
    } else if (lineEndOf !== undefined) {
      const end = this.lineContentEnd(lineEndOf);
      where = openLine === this.lineNumber(lineEndOf) ? 'at the end of the line' : `at the end of line ${this.lineNumber(lineEndOf)}`;
      giveUp = { start: Math.max(this.lineStartOf(end), end - 1), end };
    } else if (giveUpLine === null) {
      where = 'before the end of the file';
      giveUp = { start: this.text.length, end: this.text.length };
    } else {
      where = `before line ${this.lineNumber(giveUpLine)}`;
      giveUp = this.lineSpanAt(giveUpLine);
    }
    this.error(`${what}, opened on line ${openLine}, is never closed: \`${closing}\` expected ${where}`, opener.open, [
      { span: opener.open, message: `${what} opens here` },
      { span: giveUp, message: `\`${closing}\` expected ${giveUpLine === null && lineEndOf === undefined && !token ? 'before the end of the file' : 'here'}` },
    ]);
  }

  /**
   * The start of the line at `position` when `position` is that line's first non-blank character
   * and the line can only be a table header or a key/value pair (never an array item).
   */
  private statementLineAt(position: number): number | null {
    const lineStart = this.lineStartOf(position);
    for (let i = lineStart; i < position; i++) {
      const code = this.text.charCodeAt(i);
      if (code !== SPACE && code !== TAB) return null;
    }
    const code = this.text.charCodeAt(position);
    if (!(code === OPEN_BRACKET || code === QUOTE || code === APOSTROPHE || isBareKeyCode(code))) return null;
    if (lineMatches(KEY_VALUE_LINE, this.text, position)) return lineStart;
    const header = lineMatches(HEADER_LINE, this.text, position);
    if (header && header[1].split('.').some((part) => /^[ \t]*[A-Za-z0-9_-]+[ \t]*$/.test(part) && /[A-Za-z_-]/.test(part) && !/^\s*(true|false|inf|nan)\s*$/.test(part))) return lineStart;
    return null;
  }

  // ---- strings ----------------------------------------------------------------------------

  private string(): TomlString | null {
    const quote = this.text.charCodeAt(this.pos);
    const delimiter = quote === QUOTE ? '"""' : "'''";
    if (this.text.startsWith(delimiter, this.pos)) return this.multiLineString(quote === QUOTE);
    const result = this.singleLineString(quote === QUOTE);
    if (!result) return null;
    this.token('string', result.span.start, result.span.end);
    const style = quote === QUOTE ? 'basic' : 'literal';
    if (!result.closed && this.values) {
      // Read as if closed at the end of its line (the usual mistake: the closing quote forgotten).
      const source = stringSource(this.original, { start: result.span.start, end: result.span.end + 1 }, result.value, style, false);
      return { type: 'string', value: result.value, span: result.span, ...source };
    }
    return this.located(result.span, result.value, style, false);
  }

  /** A one-line string at the position; one not closed on its line is reported and ends there. */
  private singleLineString(basic: boolean): { value: string; span: Span; closed: boolean } {
    const text = this.text;
    const start = this.pos;
    const quote = basic ? QUOTE : APOSTROPHE;
    let index = start + 1;
    let value = '';
    let chunkStart = index;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === quote) {
        value += text.slice(chunkStart, index);
        this.pos = index + 1;
        return { value, span: { start, end: index + 1 }, closed: true };
      }
      if (code === LF || (code === CR && text.charCodeAt(index + 1) === LF)) break;
      if (basic && code === BACKSLASH) {
        const escape = this.escape(index, false);
        value += text.slice(chunkStart, index) + escape.value;
        index = chunkStart = escape.end;
        continue;
      }
      index++;
    }
    let end = this.lineContentEnd(start);
    while (end > start + 1 && (text.charCodeAt(end - 1) === SPACE || text.charCodeAt(end - 1) === TAB)) end--;
    // In an array or inline table, the commas and closing brackets that end the line (before a
    // comment) are the enclosing structure's: the string ends before them.
    if (this.depth > 0) {
      for (let index = start + 1; index < end; index++) {
        const code = text.charCodeAt(index);
        if (code !== COMMA && code !== CLOSE_BRACE && code !== CLOSE_BRACKET) continue;
        let after = index;
        while (after < end && /[ \t,}\]]/.test(text[after])) after++;
        if (after === end || text.charCodeAt(after) === HASH) {
          end = index;
          while (end > start + 1 && (text.charCodeAt(end - 1) === SPACE || text.charCodeAt(end - 1) === TAB)) end--;
          break;
        }
        index = after;
      }
    }
    this.error(`string is never closed: \`${basic ? '"' : "'"}\` expected before the end of the line`, { start, end });
    this.pos = end;
    if (chunkStart < end) value += text.slice(chunkStart, Math.min(index, end));
    else value = value.slice(0, Math.max(0, value.length - (chunkStart - end)));
    return { value, span: { start, end }, closed: false };
  }

  private multiLineString(basic: boolean): TomlString | null {
    const text = this.text;
    const start = this.pos;
    const delimiter = basic ? '"""' : "'''";
    const quote = delimiter.charCodeAt(0);
    let index = start + 3;
    let value = '';
    let chunkStart = index;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === quote && text.startsWith(delimiter, index)) {
        // Up to two more quotes belong to the contents (`""""` ends with one quote inside).
        let end = index + 3;
        while (end < text.length && text.charCodeAt(end) === quote && end - index < 5) end++;
        value += text.slice(chunkStart, end - 3);
        this.pos = end;
        this.token('string', start, end);
        return this.located({ start, end }, trimFirstNewline(value), basic ? 'basic' : 'literal', true);
      }
      if (basic && code === BACKSLASH) {
        const escape = this.escape(index, true);
        value += text.slice(chunkStart, index) + escape.value;
        index = chunkStart = escape.end;
        continue;
      }
      index++;
    }
    // Never closed: the string most likely ends before the next table header.
    let resume = text.length;
    for (let line = this.nextLineStart(start); line < text.length; line = this.nextLineStart(line)) {
      if (this.statementLineAt(line) === line && lineMatches(HEADER_LINE, text, line)) {
        resume = line;
        break;
      }
    }
    this.token('string', start, this.endBefore(resume));
    const openLine = this.lineNumber(start);
    const where = resume === text.length ? 'before the end of the file' : `before line ${this.lineNumber(resume)}`;
    const giveUp = resume === text.length ? { start: text.length, end: text.length } : this.lineSpanAt(resume);
    this.error(`multi-line string, opened on line ${openLine}, is never closed: \`${delimiter}\` expected ${where}`, { start, end: start + 3 }, [
      { span: { start, end: start + 3 }, message: 'the multi-line string opens here' },
      { span: giveUp, message: `\`${delimiter}\` expected ${resume === text.length ? 'before the end of the file' : 'before this line'}` },
    ]);
    this.pos = resume;
    this.resumedAt = resume;
    this.abandoned = true;
    return null;
  }

  /** The escape sequence at `index` (a backslash) in a basic string: its value and where it ends. */
  /** The `\` escape at `index` in a basic string: its value and where the contents go on. */
  private escape(index: number, multiLine: boolean): { value: string; end: number } {
    const text = this.text;
    if (multiLine) {
      // A line-ending backslash: the line break and the white space after it are left out.
      const lineEnding = /^\\[ \t]*\r?\n[ \t\r\n]*/.exec(text.slice(index, index + 200));
      if (lineEnding && lineEnding[0].length < 200) return { value: '', end: index + lineEnding[0].length };
    }
    const next = text[index + 1] ?? '';
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) return { value: simple, end: index + 2 };
    if (next === 'u' || next === 'U') {
      const length = next === 'u' ? 4 : 8;
      const hex = text.slice(index + 2, index + 2 + length);
      const codePoint = /^[0-9a-fA-F]+$/.test(hex) && hex.length === length ? parseInt(hex, 16) : NaN;
      if (Number.isFinite(codePoint) && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff)) {
        return { value: String.fromCodePoint(codePoint), end: index + 2 + length };
      }
      this.error(`invalid Unicode escape \`${text.slice(index, index + 2 + hex.length)}\` in a string`, { start: index, end: index + 2 + hex.length });
      return { value: '', end: index + 2 + hex.length };
    }
    const end = next === '' || next === '\n' || next === '\r' ? index + 1 : index + 2;
    this.error(`invalid escape \`${text.slice(index, end)}\` in a string (use \`\\\\\` for a backslash)`, { start: index, end });
    return { value: next === '\n' || next === '\r' ? '' : next, end };
  }

  private located(span: Span, value: string, style: 'basic' | 'literal', multiline: boolean): TomlString {
    if (!this.values) return { type: 'string', value, span, contentSpan: span, mapSpan: unmapped };
    return { type: 'string', value, span, ...stringSource(this.original, span, value, style, multiline) };
  }

  // ---- characters and lines -----------------------------------------------------------------

  private skipSpaces(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const code = text.charCodeAt(this.pos);
      if (code !== SPACE && code !== TAB) return;
      this.pos++;
    }
  }

  /** Spaces, newlines and comments (inside arrays and inline tables). */
  private skipBlank(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const code = text.charCodeAt(this.pos);
      if (code === SPACE || code === TAB || code === LF || code === CR) this.pos++;
      else if (code === HASH) this.comment();
      else return;
    }
  }

  private comment(): void {
    const start = this.pos;
    const end = this.lineContentEnd(start);
    this.token('comment', start, end);
    this.pos = end;
  }

  private skipLine(): void {
    const newline = this.text.indexOf('\n', this.pos);
    this.pos = newline === -1 ? this.text.length : newline;
  }

  /** Inside an inline table: to the next `,` or `}` on the line. */
  private skipInlineEntry(): void {
    const text = this.text;
    while (this.pos < text.length && !/[,}\r\n]/.test(text[this.pos])) this.pos++;
  }

  private lineStartOf(position: number): number {
    return this.text.lastIndexOf('\n', position - 1) + 1;
  }

  private nextLineStart(position: number): number {
    const newline = this.text.indexOf('\n', position);
    return newline === -1 ? this.text.length : newline + 1;
  }

  /** End of the line's content at `position` (before `\r\n` / `\n`). */
  private lineContentEnd(position: number): number {
    const newline = this.text.indexOf('\n', position);
    let end = newline === -1 ? this.text.length : newline;
    if (end > position && this.text.charCodeAt(end - 1) === CR) end--;
    return end;
  }

  /** The trimmed content of the line starting at or holding `position`. */
  private lineSpanAt(position: number): Span {
    let start = this.lineStartOf(position);
    let end = this.lineContentEnd(start);
    while (start < end && (this.text.charCodeAt(start) === SPACE || this.text.charCodeAt(start) === TAB)) start++;
    while (end > start && (this.text.charCodeAt(end - 1) === SPACE || this.text.charCodeAt(end - 1) === TAB)) end--;
    return { start, end };
  }

  /** The end of the last non-blank content before `position` (where a construct left open ends). */
  private endBefore(position: number): number {
    let end = position;
    while (end > 0 && /[ \t\r\n]/.test(this.text[end - 1])) end--;
    return end;
  }

  /** What stands at `position`, for a message: the end of the line, or the text up to the next space. */
  private foundAt(position: number): string {
    const end = this.lineContentEnd(position);
    if (position >= end) return 'the end of the line';
    const word = /^\S+/.exec(this.text.slice(position, Math.min(end, position + 40)))?.[0] ?? this.charAt(position);
    return `\`${word}\``;
  }

  private charAt(position: number): string {
    const code = this.text.codePointAt(position) ?? 0;
    return String.fromCodePoint(code);
  }

  private lineNumber(position: number): number {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === LF) this.lineStarts.push(i + 1);
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= position) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  private token(kind: TomlTokenKind, start: number, end: number): void {
    if (this.onToken && end > start) this.onToken(kind, start, end);
  }

  private error(message: string, span: Span, related?: TomlSyntaxError['related']): void {
    this.errors.push(related ? { message, span, related } : { message, span });
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };

/** The source mapping of strings when no tree is built (never asked for). */
function unmapped(span: Span): Span {
  return span;
}

function detachedTable(span: Span): TomlTable {
  return { type: 'table', entries: new Map(), span };
}

function describeValue(value: TomlValue): string {
  if (value.type === 'table') return 'a table';
  if (value.type === 'array') return 'an array';
  return `a ${value.type === 'datetime' ? 'date' : value.type}`;
}

function trimFirstNewline(value: string): string {
  if (value.startsWith('\r\n')) return value.slice(2);
  if (value.startsWith('\n')) return value.slice(1);
  return value;
}

function integerValue(word: string): number {
  const digits = word.replace(/_/g, '');
  if (digits.startsWith('0x')) return parseInt(digits.slice(2), 16);
  if (digits.startsWith('0o')) return parseInt(digits.slice(2), 8);
  if (digits.startsWith('0b')) return parseInt(digits.slice(2), 2);
  return Number(digits);
}

function floatValue(word: string): number {
  if (word.endsWith('inf')) return word.startsWith('-') ? -Infinity : Infinity;
  if (word.endsWith('nan')) return NaN;
  return Number(word.replace(/_/g, ''));
}
