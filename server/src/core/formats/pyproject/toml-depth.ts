/**
 * Deeply nested arrays and inline tables are valid TOML, but toml-eslint-parser (and a recursive
 * conversion) overflow the stack on them (`a = [[[[…]]]]` ten thousand deep). No dependency file
 * nests values that deep, so before parsing, every value nested deeper than MAX_VALUE_DEPTH is
 * replaced by an empty array of the same length (newlines kept, so offsets and lines stay valid):
 * it is ignored, without a crash and without a misleading `invalid-toml`.
 */
export const MAX_VALUE_DEPTH = 200;

const NEWLINE = 10;

/** `text` with values nested deeper than `maxDepth` emptied; `text` itself when none is. */
export function capNestingDepth(text: string, maxDepth = MAX_VALUE_DEPTH): string {
  // Fast path: nothing can be that deep with fewer opening brackets.
  if (countOpenings(text) <= maxDepth) return text;
  let depth = 0;
  let output: string[] | null = null;
  let copiedUpTo = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '#') {
      index = lineEnd(text, index);
    } else if (char === '"' || char === "'") {
      index = stringEnd(text, index);
    } else if (char === '[' || char === '{') {
      if (depth === maxDepth) {
        const { end, closed } = closingIndex(text, index);
        output ??= [];
        output.push(text.slice(copiedUpTo, index), emptied(text, index, end, closed));
        copiedUpTo = end;
        index = end;
        continue;
      }
      depth++;
      index++;
    } else if (char === ']' || char === '}') {
      depth = Math.max(0, depth - 1);
      index++;
    } else {
      index++;
    }
  }
  if (!output) return text;
  output.push(text.slice(copiedUpTo));
  return output.join('');
}

function countOpenings(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 91 /* [ */ || code === 123 /* { */) count++;
  }
  return count;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

/** Index just after the string starting at `start` (basic or literal, single- or multi-line). */
function stringEnd(text: string, start: number): number {
  const quote = text[start];
  const multiline = text.startsWith(quote.repeat(3), start);
  const delimiter = multiline ? quote.repeat(3) : quote;
  let index = start + delimiter.length;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\' && quote === '"') {
      index += 2;
      continue;
    }
    if (!multiline && char === '\n') return index; // unterminated: the parser reports it
    if (text.startsWith(delimiter, index)) {
      // A multi-line string may end with up to two extra quotes (`""""` ends with one inside).
      let end = index + delimiter.length;
      while (multiline && end < text.length && text[end] === quote && end - index < 5) end++;
      return end;
    }
    index++;
  }
  return text.length;
}

/** Index just after the bracket that closes the one at `start` (end of text when unclosed). */
function closingIndex(text: string, start: number): { end: number; closed: boolean } {
  let depth = 0;
  let index = start;
  while (index < text.length) {
    const char = text[index];
    if (char === '#') index = lineEnd(text, index);
    else if (char === '"' || char === "'") index = stringEnd(text, index);
    else {
      if (char === '[' || char === '{') depth++;
      else if ((char === ']' || char === '}') && --depth === 0) return { end: index + 1, closed: true };
      index++;
    }
  }
  return { end: text.length, closed: false };
}

/**
 * `[` + blanks + `]` over text[start, end): an empty array, newlines kept. An unclosed value stays
 * unclosed (`[` + blanks), so the parser still reports it where it ends.
 */
function emptied(text: string, start: number, end: number, closed: boolean): string {
  const parts: string[] = ['['];
  const middleEnd = closed ? end - 1 : end;
  for (let i = start + 1; i < middleEnd; i++) parts.push(text.charCodeAt(i) === NEWLINE ? '\n' : ' ');
  if (closed) parts.push(']');
  return parts.join('');
}
