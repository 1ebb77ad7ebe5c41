/**
 * Python's `json.dumps(value, sort_keys=True)` with its defaults (ensure_ascii, separators
 * ', ' and ': '), for TOML values read by smol-toml: the text Poetry hashes into content-hash.
 */

/** Marks a value json.dumps would reject (a TOML date): no hash can be computed. */
export class NotJsonSerializable extends Error {}

/** Python's float repr: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  const exponential = value.toExponential(); // shortest digits, e.g. "1.5e+16"
  const [mantissa, exponentText] = exponential.split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  const plain = String(value);
  return plain.includes('.') || plain.includes('e') ? plain : `${plain}.0`;
}

/** A JSON string literal as Python writes it with ensure_ascii=True. */
function pythonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const character = text[i];
    if (character === '"') out += '\\"';
    else if (character === '\\') out += '\\\\';
    else if (character === '\n') out += '\\n';
    else if (character === '\r') out += '\\r';
    else if (character === '\t') out += '\\t';
    else if (character === '\b') out += '\\b';
    else if (character === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`; // UTF-16 units, as Python
    else out += character;
  }
  return `${out}"`;
}

/** Python sorts keys by code point; JavaScript's default sort by UTF-16 unit differs above U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = (left[i].codePointAt(0) as number) - (right[i].codePointAt(0) as number);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/**
 * TOML integers and floats both arrive as numbers; an integral number is written as an integer
 * (a TOML float like `1.0` in a dependency table would be written `1` here instead of `1.0`).
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : pythonFloat(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareCodePoints(a, b));
    return `{${entries.map(([key, item]) => `${pythonString(key)}: ${pythonJsonDumps(item)}`).join(', ')}}`;
  }
  throw new NotJsonSerializable('not JSON serializable');
}
