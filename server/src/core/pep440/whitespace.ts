/**
 * Whitespace as Python's `str.strip()` and `re` `\s` see it. packaging strips this set around
 * versions and specifiers, so we do the same (JavaScript's `\s` differs: it has U+FEFF and lacks
 * U+001C..U+001F and U+0085).
 */
const PYTHON_WHITESPACE = new Set<number>([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

export function isPythonWhitespace(code: number): boolean {
  return PYTHON_WHITESPACE.has(code);
}

/** Narrows [start, end) of `text` so that it neither starts nor ends with whitespace. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && isPythonWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isPythonWhitespace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

export function trimPythonWhitespace(text: string): string {
  const range = trimRange(text, 0, text.length);
  return range.start === 0 && range.end === text.length ? text : text.slice(range.start, range.end);
}

export function containsPythonWhitespace(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    if (isPythonWhitespace(text.charCodeAt(index))) return true;
  }
  return false;
}
