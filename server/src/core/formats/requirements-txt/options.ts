/**
 * The option part of a requirements line, read like pip does: `shlex.split` (POSIX) and then
 * optparse with pip's requirements-file option table (pip `req_file.py` SUPPORTED_OPTIONS and
 * SUPPORTED_OPTIONS_REQ). Offsets here are relative to the logical line text.
 */

export interface ShellToken {
  value: string;
  /** Raw extent of the token in the line, quotes included. */
  start: number;
  end: number;
}

export interface OptionDefinition {
  long: string;
  short?: string;
  takesValue: boolean;
}

/** pip's options for requirements files; the last three are per-requirement options. */
export const REQUIREMENTS_FILE_OPTIONS: readonly OptionDefinition[] = [
  { long: '--index-url', short: '-i', takesValue: true },
  { long: '--extra-index-url', takesValue: true },
  { long: '--no-index', takesValue: false },
  { long: '--constraint', short: '-c', takesValue: true },
  { long: '--requirement', short: '-r', takesValue: true },
  { long: '--editable', short: '-e', takesValue: true },
  { long: '--find-links', short: '-f', takesValue: true },
  { long: '--no-binary', takesValue: true },
  { long: '--only-binary', takesValue: true },
  { long: '--prefer-binary', takesValue: false },
  { long: '--require-hashes', takesValue: false },
  { long: '--pre', takesValue: false },
  { long: '--trusted-host', takesValue: true },
  { long: '--use-feature', takesValue: true },
  { long: '--global-option', takesValue: true },
  { long: '--hash', takesValue: true },
  { long: '--config-settings', short: '-C', takesValue: true },
];

export interface ParsedOption {
  definition: OptionDefinition;
  value: string | null;
  /** From the option's first character to the end of its value. */
  start: number;
  end: number;
  /** Extent of the value (without surrounding quotes), when there is one. */
  valueStart?: number;
  valueEnd?: number;
}

export interface OptionError {
  message: string;
  start: number;
  end: number;
}

/**
 * POSIX shell-like splitting (Python's shlex.split): whitespace separates tokens, single quotes
 * are literal, double quotes allow `\"` and `\\`, a backslash outside quotes escapes any character.
 */
export function splitShellWords(text: string, offset: number): { tokens: ShellToken[]; error: OptionError | null } {
  const tokens: ShellToken[] = [];
  let i = offset;
  while (i < text.length) {
    while (i < text.length && isShellSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    const start = i;
    let value = '';
    let plainFrom = i;
    while (i < text.length && !isShellSpace(text.charCodeAt(i))) {
      const char = text[i];
      if (char !== "'" && char !== '"' && char !== '\\') {
        i++;
        continue;
      }
      value += text.slice(plainFrom, i);
      if (char === '\\') {
        if (i + 1 >= text.length) return { tokens, error: { message: 'No escaped character after the final backslash', start: i, end: text.length } };
        value += text[i + 1];
        i += 2;
      } else {
        const close = findClosingQuote(text, i + 1, char);
        if (close < 0) return { tokens, error: { message: 'No closing quotation', start: i, end: text.length } };
        const inner = text.slice(i + 1, close);
        value += char === '"' ? inner.replace(/\\(["\\])/g, '$1') : inner;
        i = close + 1;
      }
      plainFrom = i;
    }
    value += text.slice(plainFrom, i);
    tokens.push({ value, start, end: i });
  }
  return { tokens, error: null };
}

/** shlex's whitespace: space, tab, CR, LF. */
function isShellSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

function findClosingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** optparse long-option lookup: an exact name, or an unambiguous prefix of one. */
function findLongOption(name: string): { definition?: OptionDefinition; error?: string } {
  const exact = REQUIREMENTS_FILE_OPTIONS.find((option) => option.long === name);
  if (exact) return { definition: exact };
  const candidates = REQUIREMENTS_FILE_OPTIONS.filter((option) => option.long.startsWith(name));
  if (candidates.length === 1) return { definition: candidates[0] };
  if (candidates.length > 1) return { error: `Ambiguous pip option ${name} (could be ${candidates.map((c) => c.long).join(', ')})` };
  return { error: `Unknown pip option ${name}: pip rejects a requirements file with this line` };
}

/** Extent of a token's value without the quotes around all of it. */
function unquotedExtent(text: string, start: number, end: number): { start: number; end: number } {
  const first = text[start];
  if (end - start >= 2 && (first === '"' || first === "'") && text[end - 1] === first) return { start: start + 1, end: end - 1 };
  return { start, end };
}

/**
 * optparse over the tokens: long options with `=value` or a following token, clustered short
 * options (`-rfile`), `--` ends the options. Positional words are ignored, as pip does.
 */
export function parseOptionTokens(text: string, tokens: ShellToken[]): { options: ParsedOption[]; errors: OptionError[] } {
  const options: ParsedOption[] = [];
  const errors: OptionError[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token.value === '--') break;
    if (!token.value.startsWith('-') || token.value === '-') continue;

    const takeNextToken = (definition: OptionDefinition, optionEnd: number): void => {
      const next = tokens[index + 1];
      if (!next) {
        errors.push({ message: `${definition.long} requires a value`, start: token.start, end: optionEnd });
        return;
      }
      index++;
      const extent = unquotedExtent(text, next.start, next.end);
      options.push({ definition, value: next.value, start: token.start, end: next.end, valueStart: extent.start, valueEnd: extent.end });
    };

    if (token.value.startsWith('--')) {
      const equals = token.value.indexOf('=');
      const name = equals >= 0 ? token.value.slice(0, equals) : token.value;
      const found = findLongOption(name);
      if (!found.definition) {
        errors.push({ message: found.error ?? `Unknown pip option ${name}`, start: token.start, end: token.end });
        continue;
      }
      const definition = found.definition;
      // The raw text of `--name=` has the same length as its value when unquoted; find '=' in the raw text.
      const rawEquals = text.indexOf('=', token.start);
      if (equals >= 0 && rawEquals >= 0 && rawEquals < token.end) {
        if (!definition.takesValue) {
          errors.push({ message: `${definition.long} does not take a value`, start: token.start, end: token.end });
          continue;
        }
        const extent = unquotedExtent(text, rawEquals + 1, token.end);
        options.push({ definition, value: token.value.slice(equals + 1), start: token.start, end: token.end, valueStart: extent.start, valueEnd: extent.end });
      } else if (definition.takesValue) {
        takeNextToken(definition, token.end);
      } else {
        options.push({ definition, value: null, start: token.start, end: token.end });
      }
      continue;
    }

    // Short options, possibly clustered; one that takes a value takes the rest of the token.
    for (let position = 1; position < token.value.length; position++) {
      const flag = `-${token.value[position]}`;
      const definition = REQUIREMENTS_FILE_OPTIONS.find((option) => option.short === flag);
      if (!definition) {
        errors.push({ message: `Unknown pip option ${flag}: pip rejects a requirements file with this line`, start: token.start, end: token.end });
        break;
      }
      if (!definition.takesValue) {
        options.push({ definition, value: null, start: token.start, end: token.end });
        continue;
      }
      const rest = token.value.slice(position + 1);
      if (rest !== '') {
        const extent = unquotedExtent(text, token.start + position + 1, token.end);
        options.push({ definition, value: rest, start: token.start, end: token.end, valueStart: extent.start, valueEnd: extent.end });
      } else {
        takeNextToken(definition, token.end);
      }
      break;
    }
  }
  return { options, errors };
}
