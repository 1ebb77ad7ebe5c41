/**
 * Marker strings. packaging reads a quoted string token (`'[^']*'` or `"[^"]*"`) with Python's
 * `ast.literal_eval`, so backslash escapes are decoded and malformed ones are errors.
 */

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

function isOctalDigit(character: string): boolean {
  return character >= '0' && character <= '7';
}

function readHex(body: string, start: number, length: number): number | null {
  const digits = body.slice(start, start + length);
  return digits.length === length && /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : null;
}

/**
 * The value of a Python string literal's body (between the quotes), or null when Python would
 * reject it. Unknown escapes such as `\d` keep their backslash, as in Python. `\N{name}` is
 * rejected (we carry no Unicode name table).
 */
export function decodePythonStringBody(body: string): string | null {
  if (!body.includes('\\')) return /[\n\r\0]/.test(body) ? null : body;
  let result = '';
  let index = 0;
  while (index < body.length) {
    const character = body[index];
    if (character === '\n' || character === '\r' || character === '\0') return null;
    if (character !== '\\') {
      result += character;
      index++;
      continue;
    }
    const next = body[index + 1];
    if (next === undefined) return null; // the backslash escaped the closing quote
    if (next in SIMPLE_ESCAPES) {
      result += SIMPLE_ESCAPES[next];
      index += 2;
    } else if (next === '\n') {
      index += 2; // line continuation
    } else if (next === '\r') {
      index += body[index + 2] === '\n' ? 3 : 2;
    } else if (isOctalDigit(next)) {
      let end = index + 1;
      while (end < index + 4 && end < body.length && isOctalDigit(body[end])) end++;
      result += String.fromCharCode(parseInt(body.slice(index + 1, end), 8));
      index = end;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const codePoint = readHex(body, index + 2, length);
      if (codePoint === null || codePoint > 0x10ffff) return null;
      result += String.fromCodePoint(codePoint);
      index += 2 + length;
    } else if (next === 'N') {
      return null;
    } else {
      result += '\\' + next;
      index += 2;
    }
  }
  return result;
}

/**
 * Writes a marker string the way packaging does (`"value"`), escaping only what packaging's own
 * reader could not read back (packaging itself writes such values unescaped).
 */
export function formatMarkerString(value: string): string {
  if (!/["\\\x00-\x1f\x7f]/.test(value)) return `"${value}"`;
  if (!/['\\\x00-\x1f\x7f]/.test(value)) return `'${value}'`;
  let result = '"';
  for (const character of value) {
    const code = character.charCodeAt(0);
    if (character === '\\') result += '\\\\';
    else if (character === '"') result += '\\x22';
    else if (character === '\n') result += '\\n';
    else if (character === '\r') result += '\\r';
    else if (character === '\t') result += '\\t';
    else if (code < 0x20 || code === 0x7f) result += '\\x' + code.toString(16).padStart(2, '0');
    else result += character;
  }
  return result + '"';
}
