/**
 * Text that came from a package index (error bodies quoted by parsers, project pages, metadata,
 * headers) reaches terminals, editors and logs. Control characters in it could clear a screen,
 * set a window title, hide text or reorder it (ANSI/OSC sequences, bidirectional overrides), so
 * every string built from remote content goes through `sanitizeRemoteText` (or, for decoded
 * pages, `sanitizeRemoteValue`): C0 controls (tab and newline kept only in multi-line text), DEL,
 * C1 controls and the Unicode bidirectional controls are replaced by visible escapes (`\x1b`,
 * `\u202e`), so nothing a server sends can act on the display and the reader still sees what came.
 */

// C0 except tab and newline; DEL; C1; ALM, LRM, RLM, LRE..RLO, LRI..PDI; the line/paragraph separators.
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const CONTROLS_AND_LINE_BREAKS = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const HAS_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

export interface SanitizeOptions {
  /** Keep tab and newline (a description); default false: one line (a message), they are escaped too. */
  multiline?: boolean;
  /** Longest result in characters (longer text ends with '…'); default unlimited. */
  maxLength?: number;
}

function escapeCharacter(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character a display could act on replaced by a visible escape. */
export function sanitizeRemoteText(text: string, options: SanitizeOptions = {}): string {
  const clean = text.replace(options.multiline ? CONTROLS : CONTROLS_AND_LINE_BREAKS, escapeCharacter);
  if (options.maxLength !== undefined && clean.length > options.maxLength) return `${clean.slice(0, Math.max(0, options.maxLength - 1))}…`;
  return clean;
}

/** Whether `text` holds a character sanitizeRemoteText would escape (multi-line rules). */
export function hasControlCharacters(text: string): boolean {
  return HAS_CONTROL.test(text);
}

/**
 * Sanitizes, in place, every string inside a decoded index answer (plain objects and arrays, as
 * the page, metadata and JSON API parsers build them), keeping tab and newline. Returns `value`.
 */
export function sanitizeRemoteValue<T>(value: T): T {
  const seen = new Set<object>();
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return hasControlCharacters(node) ? sanitizeRemoteText(node, { multiline: true }) : node;
    if (typeof node !== 'object' || node === null || seen.has(node)) return node;
    seen.add(node);
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) node[index] = visit(node[index]);
    } else if (Object.getPrototypeOf(node) === Object.prototype) {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const cleanKey = typeof key === 'string' && hasControlCharacters(key) ? sanitizeRemoteText(key) : key;
        const cleanValue = visit(record[key]);
        if (cleanKey !== key) {
          delete record[key];
          record[cleanKey] = cleanValue;
        } else if (cleanValue !== record[key]) record[key] = cleanValue;
      }
    }
    return node;
  };
  return visit(value) as T;
}
