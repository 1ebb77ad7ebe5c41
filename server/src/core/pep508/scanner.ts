/**
 * A cursor over requirement / marker text with the token rules of pypa/packaging's tokenizer,
 * written by hand: every rule is a linear scan (no regular expression can backtrack here).
 */
import type { RequirementError } from './types';

/** Thrown inside this folder to stop at the first syntax error; caught by the public parsers. */
export class SyntaxFailure extends Error {
  constructor(readonly error: RequirementError) {
    super(error.message);
  }
}

const UNICODE_WORD = /[\p{L}\p{N}_]/u;

export function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isAsciiAlphanumeric(code: number): boolean {
  return isAsciiDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Python's `\w` for str patterns (letters, digits, underscore), used for `\b`. */
function isWordCodePoint(codePoint: number): boolean {
  if (codePoint < 128) return isAsciiAlphanumeric(codePoint) || codePoint === 95;
  return UNICODE_WORD.test(String.fromCodePoint(codePoint));
}

/** Python's `\s` for str patterns. */
export function isPythonWhitespace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) || (code >= 28 && code <= 32) || code === 0x85 || code === 0xa0 || code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f ||
    code === 0x3000
  );
}

/** Name / extra name characters after the first one: PEP 508 `[A-Za-z0-9._-]`. */
function isNameCharacter(code: number): boolean {
  return isAsciiAlphanumeric(code) || code === 45 || code === 46 || code === 95;
}

function isOperatorCharacter(code: number): boolean {
  return code === 60 || code === 61 || code === 62 || code === 33 || code === 126; // < = > ! ~
}

export class Scanner {
  pos = 0;

  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** UTF-16 code unit at pos + offset (NaN past the end). */
  code(offset = 0): number {
    return this.text.charCodeAt(this.pos + offset);
  }

  startsWith(literal: string): boolean {
    return this.text.startsWith(literal, this.pos);
  }

  /** packaging's WS token: `[ \t]+`. Returns whether anything was skipped. */
  skipBlanks(): boolean {
    const start = this.pos;
    while (this.code() === 32 || this.code() === 9) this.pos++;
    return this.pos > start;
  }

  /** Python `\b` at index: exactly one side is a word character. */
  isWordBoundary(index: number): boolean {
    return this.isWordAt(index - 1) !== this.isWordAt(index);
  }

  private isWordAt(index: number): boolean {
    if (index < 0 || index >= this.text.length) return false;
    let codePoint = this.text.codePointAt(index) ?? 0;
    const code = this.text.charCodeAt(index);
    if (code >= 0xdc00 && code <= 0xdfff && index > 0) {
      // Low surrogate: the code point starts one unit earlier.
      const previous = this.text.codePointAt(index - 1) ?? 0;
      if (previous > 0xffff) codePoint = previous;
    }
    return isWordCodePoint(codePoint);
  }

  /** Does `\bword\b` match at pos? Consumes it when it does. */
  consumeKeyword(word: string): boolean {
    if (!this.startsWith(word)) return false;
    const end = this.pos + word.length;
    if (!this.isWordBoundary(this.pos) || !this.isWordBoundary(end)) return false;
    this.pos = end;
    return true;
  }

  /**
   * A PEP 508 identifier (package or extra name): `[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?`.
   * Returns its end, or -1 when there is none at pos. Does not move.
   */
  matchIdentifier(): number {
    if (!isAsciiAlphanumeric(this.code())) return -1;
    let end = this.pos + 1;
    let lastAlphanumeric = end;
    while (end < this.text.length && isNameCharacter(this.text.charCodeAt(end))) {
      end++;
      if (isAsciiAlphanumeric(this.text.charCodeAt(end - 1))) lastAlphanumeric = end;
    }
    return lastAlphanumeric;
  }

  /**
   * Reads the identifier at pos (see matchIdentifier) and returns its text, or null when there is
   * none. A name that would end in `-`, `_` or `.` (which PEP 508 forbids, though packaging's
   * tokenizer lets a trailing `_` through) is an error naming `what`.
   */
  readIdentifier(what: string): string | null {
    const end = this.matchIdentifier();
    if (end < 0) return null;
    if (isNameCharacter(this.code(end - this.pos))) {
      this.fail(`Expected ${what} to end with a letter or digit`, this.pos, this.offendingEnd(this.pos));
    }
    const identifier = this.text.slice(this.pos, end);
    this.pos = end;
    return identifier;
  }

  /**
   * End of "the offending thing" at index, for error spans: a run of name characters, a run of
   * operator characters, or one character (a whole surrogate pair). At the end of the text: index.
   */
  offendingEnd(index: number): number {
    const text = this.text;
    if (index >= text.length) return text.length;
    const first = text.charCodeAt(index);
    const inRun = isNameCharacter(first) ? isNameCharacter : isOperatorCharacter(first) ? isOperatorCharacter : null;
    if (inRun) {
      let end = index + 1;
      while (end < text.length && inRun(text.charCodeAt(end))) end++;
      return end;
    }
    return first >= 0xd800 && first <= 0xdbff && index + 1 < text.length ? index + 2 : index + 1;
  }

  /** Stops parsing with an `invalid-requirement` error; the span defaults to the offending thing at pos. */
  fail(message: string, start = this.pos, end = this.offendingEnd(start)): never {
    throw new SyntaxFailure({ code: 'invalid-requirement', message, span: { start, end } });
  }
}
