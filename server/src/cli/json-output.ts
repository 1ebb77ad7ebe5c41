/**
 * Writes a value as JSON, exactly as `JSON.stringify(value, null, 2)` followed by a newline, but
 * in pieces of about CHUNK_CHARS: a large report (every requirement of a big file, a deep tree)
 * never becomes one giant string. The walk uses its own stack, so depth is no limit either. A
 * piece always ends between two JSON tokens, never inside a string, so whatever a sink does to
 * each piece (the CLI masks credentials in URLs) sees every string whole.
 */
import type { TextSink } from './io';

const CHUNK_CHARS = 64 * 1024;

class ChunkedWriter {
  private buffer = '';

  constructor(private readonly sink: TextSink) {}

  /** Appends a whole token (or structural text); flushes between tokens. */
  token(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= CHUNK_CHARS) this.flush();
  }

  flush(): void {
    if (this.buffer === '') return;
    this.sink.write(this.buffer);
    this.buffer = '';
  }
}

/** A value JSON.stringify leaves out of an object (and writes as null in an array). */
function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function toJsonValue(value: unknown, key: string): unknown {
  const withToJson = value as { toJSON?: (key: string) => unknown } | null;
  if (withToJson !== null && typeof withToJson === 'object' && typeof withToJson.toJSON === 'function') return withToJson.toJSON(key);
  if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  return value;
}

/** A container being written: its remaining entries and the indentation of its closing bracket. */
interface Frame {
  entries: [key: string | null, value: unknown][];
  next: number;
  indent: string;
  close: string;
}

export function writeJson(sink: TextSink, value: unknown): void {
  const out = new ChunkedWriter(sink);
  const stack: Frame[] = [];
  /** Writes a primitive, or opens a container (pushed on the stack). `value` has had toJSON applied. */
  const begin = (value: unknown, indent: string): void => {
    if (value === null || typeof value !== 'object') {
      out.token(isSkipped(value) ? 'null' : (JSON.stringify(value) ?? 'null'));
      return;
    }
    const isArray = Array.isArray(value);
    const entries: Frame['entries'] = isArray
      ? value.map((item, index) => [null, toJsonValue(item, String(index))])
      : Object.keys(value)
          .map((name): [string, unknown] => [name, toJsonValue((value as Record<string, unknown>)[name], name)])
          .filter(([, item]) => !isSkipped(item));
    const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) {
      out.token(open + close);
      return;
    }
    out.token(`${open}\n`);
    stack.push({ entries, next: 0, indent, close });
  };

  begin(toJsonValue(value, ''), '');
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next === frame.entries.length) {
      stack.pop();
      out.token(`\n${frame.indent}${frame.close}`);
      continue;
    }
    const [key, item] = frame.entries[frame.next];
    const inner = `${frame.indent}  `;
    out.token(`${frame.next > 0 ? ',\n' : ''}${inner}${key === null ? '' : `${JSON.stringify(key)}: `}`);
    frame.next++;
    begin(item, inner);
  }
  out.token('\n');
  out.flush();
}
