/**
 * Bytes of a dependency file → text, the way the tools that read the file decode it.
 *
 * Requirements files (`'pip'` rules), as pip's `_decode_req_file` (pip `req/req_file.py`; older
 * pips: `auto_decode` in `utils/encoding.py`): a byte order mark decides first (UTF-8, then UTF-32
 * BE/LE, then UTF-16 BE/LE: UTF-32-LE's mark starts with UTF-16-LE's), then a PEP 263
 * `# -*- coding: NAME -*-` comment in one of the first two lines, else UTF-8 (pip then falls back
 * to the locale's encoding, with a warning). TOML files (`'utf-8'` rules) are UTF-8 (a UTF-8 byte
 * order mark is dropped, as editors do).
 *
 * Bytes that cannot be decoded become U+FFFD (one per invalid sequence) and are reported as
 * problems with their span in the decoded text, so every other offset stays exact.
 */
import type { Severity } from './model';

export type DecodingRules = 'pip' | 'utf-8';

export interface DecodingProblem {
  /** Offsets into the decoded text (the U+FFFD characters that stand for the bytes). */
  start: number;
  end: number;
  severity: Severity;
  message: string;
}

export interface DecodedText {
  text: string;
  /** The encoding used, as Python names it (`utf-8`, `utf-16-le`, `latin-1`, …). */
  encoding: string;
  problems: DecodingProblem[];
}

/** More invalid sequences than this in one file are not reported one by one. */
const MAX_REPORTED_PROBLEMS = 100;

type Codec = 'utf-8' | 'utf-8-sig' | 'utf-16' | 'utf-16-le' | 'utf-16-be' | 'utf-32' | 'utf-32-le' | 'utf-32-be' | 'latin-1' | 'ascii' | 'cp1252';

/** pip's BOMS, in pip's order. */
const BYTE_ORDER_MARKS: [bytes: number[], codec: Codec][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32'],
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32-be'],
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32-le'],
  [[0xff, 0xfe], 'utf-16'],
  [[0xfe, 0xff], 'utf-16-be'],
  [[0xff, 0xfe], 'utf-16-le'],
];

/** Python codec names (after encodings.normalize_encoding) of the codecs decoded here exactly. */
const PYTHON_CODEC_ALIASES: Record<string, Codec> = {
  utf_8: 'utf-8', utf8: 'utf-8', u8: 'utf-8', utf: 'utf-8', utf8_ucs2: 'utf-8', utf8_ucs4: 'utf-8', cp65001: 'utf-8',
  utf_8_sig: 'utf-8-sig', utf8_sig: 'utf-8-sig',
  utf_16: 'utf-16', utf16: 'utf-16', u16: 'utf-16',
  utf_16_le: 'utf-16-le', utf_16le: 'utf-16-le', unicodelittleunmarked: 'utf-16-le',
  utf_16_be: 'utf-16-be', utf_16be: 'utf-16-be', unicodebigunmarked: 'utf-16-be',
  utf_32: 'utf-32', utf32: 'utf-32', u32: 'utf-32',
  utf_32_le: 'utf-32-le', utf_32le: 'utf-32-le',
  utf_32_be: 'utf-32-be', utf_32be: 'utf-32-be',
  latin_1: 'latin-1', latin1: 'latin-1', latin: 'latin-1', l1: 'latin-1', iso8859_1: 'latin-1', iso_8859_1: 'latin-1',
  iso_8859_1_1987: 'latin-1', '8859': 'latin-1', cp819: 'latin-1', ibm819: 'latin-1', iso_ir_100: 'latin-1', csisolatin1: 'latin-1',
  ascii: 'ascii', us_ascii: 'ascii', us: 'ascii', '646': 'ascii', cp367: 'ascii', ibm367: 'ascii', csascii: 'ascii', iso646_us: 'ascii',
  iso_ir_6: 'ascii', 'ansi_x3.4_1968': 'ascii', ansi_x3_4_1968: 'ascii', 'ansi_x3.4_1986': 'ascii', 'iso_646.irv_1991': 'ascii',
  cp1252: 'cp1252', windows_1252: 'cp1252', '1252': 'cp1252',
};

/** cp1252's 0x80–0x9F (the rest is latin-1); 0 where Python's codec has no character (WHATWG maps those to C1 controls). */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** pip's PEP263_ENCODING_RE, on a line that starts with '#': `coding[:=]\s*([-\w.]+)`. */
const CODING_DECLARATION = /coding[:=][ \t\n\r\f\v]*([-A-Za-z0-9_.]+)/;

export function decodeDependencyFile(bytes: Uint8Array, rules: DecodingRules): DecodedText {
  for (const [mark, codec] of BYTE_ORDER_MARKS) {
    if (!startsWith(bytes, mark)) continue;
    const rest = bytes.subarray(mark.length);
    if (rules === 'pip' || codec === 'utf-8') return decodeWith(codec, rest, rules === 'pip' ? 'error' : 'toml');
    // A TOML file must be UTF-8: read it anyway (the rest of the analysis still helps) and say so.
    const decoded = decodeWith(codec, rest, 'toml');
    const shown = codec === 'utf-16' ? 'utf-16-le' : codec === 'utf-32' ? 'utf-32-le' : codec;
    decoded.problems.unshift({ start: 0, end: 0, severity: 'error', message: `This file is ${shown.toUpperCase()} (it starts with a byte order mark): TOML files must be UTF-8` });
    return decoded;
  }
  if (rules === 'pip') {
    const declared = codingDeclaration(bytes);
    if (declared) {
      const codec = PYTHON_CODEC_ALIASES[normalizePythonCodecName(declared.name)];
      if (codec) return decodeWith(codec, bytes, 'error');
      const other = decodeWithTextDecoder(declared.name, bytes);
      if (other) return other;
      const decoded = decodeWith('utf-8', bytes, 'error');
      const lineStart = declared.line === 0 ? 0 : decoded.text.indexOf('\n') + 1;
      const lineEnd = decoded.text.indexOf('\n', lineStart);
      decoded.problems.unshift({
        start: lineStart,
        end: lineEnd < 0 ? decoded.text.length : lineEnd,
        severity: 'error',
        message: `Unknown encoding "${declared.name}" in the coding declaration: pip stops with an error on this file`,
      });
      return decoded;
    }
    return decodeWith('utf-8', bytes, 'pip-default');
  }
  return decodeWith('utf-8', bytes, 'toml');
}

/** How invalid bytes are reported: an encoding pip was told (BOM, coding line), pip's UTF-8 default, a TOML file. */
type ProblemStyle = 'error' | 'pip-default' | 'toml';

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** The PEP 263 declaration pip honours: in one of the first two lines (split at \n), which starts with '#'. */
function codingDeclaration(bytes: Uint8Array): { name: string; line: number } | null {
  let lineStart = 0;
  for (let line = 0; line < 2 && lineStart <= bytes.length; line++) {
    let lineEnd = bytes.indexOf(0x0a, lineStart);
    if (lineEnd < 0) lineEnd = bytes.length;
    if (bytes[lineStart] === 0x23 /* # */) {
      // The name is ASCII ([-\w.]); other bytes of the line cannot be part of a match.
      let ascii = '';
      for (let index = lineStart; index < lineEnd; index++) ascii += bytes[index] < 0x80 ? String.fromCharCode(bytes[index]) : '\u0000';
      const match = CODING_DECLARATION.exec(ascii);
      if (match) return { name: match[1], line };
    }
    lineStart = lineEnd + 1;
  }
  return null;
}

/** Python's encodings.normalize_encoding, lower-cased: runs of other characters than [A-Za-z0-9.] become one '_'. */
export function normalizePythonCodecName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Collects decoded UTF-16 code units and the spans of invalid byte sequences. */
class Output {
  private readonly units: Uint16Array;
  length = 0;
  readonly invalid: { start: number; end: number; bytes: number[] }[] = [];
  private invalidCount = 0;

  constructor(maxUnits: number) {
    this.units = new Uint16Array(Math.max(1, maxUnits));
  }

  unit(code: number): void {
    this.units[this.length++] = code;
  }

  codePoint(code: number): void {
    if (code < 0x10000) {
      this.unit(code);
      return;
    }
    const offset = code - 0x10000;
    this.unit(0xd800 + (offset >> 10));
    this.unit(0xdc00 + (offset & 0x3ff));
  }

  /** One U+FFFD for the bytes [start, end) of the input; adjacent invalid sequences make one problem. */
  replace(input: Uint8Array, start: number, end: number): void {
    this.invalidCount++;
    const last = this.invalid[this.invalid.length - 1];
    const bytes = Array.from(input.subarray(start, Math.min(end, start + 8)));
    if (last && last.end === this.length) {
      last.end++;
      if (last.bytes.length < 8) last.bytes.push(...bytes.slice(0, 8 - last.bytes.length));
    } else if (this.invalid.length < MAX_REPORTED_PROBLEMS) {
      this.invalid.push({ start: this.length, end: this.length + 1, bytes });
    }
    this.unit(0xfffd);
  }

  get truncatedReport(): boolean {
    return this.invalidCount > this.invalid.reduce((sum, run) => sum + (run.end - run.start), 0);
  }

  text(): string {
    const parts: string[] = [];
    const CHUNK = 8192;
    for (let start = 0; start < this.length; start += CHUNK) {
      parts.push(String.fromCharCode(...this.units.subarray(start, Math.min(this.length, start + CHUNK))));
    }
    return parts.join('');
  }
}

function decodeWith(codec: Codec, bytes: Uint8Array, style: ProblemStyle): DecodedText {
  switch (codec) {
    case 'utf-8':
      return finish(codec, decodeUtf8(bytes), style);
    case 'utf-8-sig':
      return finish(codec, decodeUtf8(startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes), style);
    case 'utf-16': {
      // Python's utf-16 codec reads a byte order mark of its own, else the machine's order (little-endian).
      if (startsWith(bytes, [0xfe, 0xff])) return finish('utf-16-be', decodeUtf16(bytes.subarray(2), false), style);
      return finish('utf-16-le', decodeUtf16(startsWith(bytes, [0xff, 0xfe]) ? bytes.subarray(2) : bytes, true), style);
    }
    case 'utf-16-le':
    case 'utf-16-be':
      return finish(codec, decodeUtf16(bytes, codec === 'utf-16-le'), style);
    case 'utf-32': {
      if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) return finish('utf-32-be', decodeUtf32(bytes.subarray(4), false), style);
      return finish('utf-32-le', decodeUtf32(startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) ? bytes.subarray(4) : bytes, true), style);
    }
    case 'utf-32-le':
    case 'utf-32-be':
      return finish(codec, decodeUtf32(bytes, codec === 'utf-32-le'), style);
    case 'latin-1':
    case 'ascii':
    case 'cp1252':
      return finish(codec, decodeSingleByte(bytes, codec), style);
  }
}

/** `output`: the decoded text when every byte was valid (the fast path), else what the slow path collected. */
function finish(encoding: string, output: Output | string, style: ProblemStyle): DecodedText {
  if (typeof output === 'string') return { text: output, encoding, problems: [] };
  const label = encoding.toUpperCase();
  const problems: DecodingProblem[] = output.invalid.map((run, position) => {
    const shownBytes = run.bytes.map((byte) => `0x${byte.toString(16).padStart(2, '0')}`).join(' ') + (run.end - run.start > run.bytes.length ? ' …' : '');
    const more = position === output.invalid.length - 1 && output.truncatedReport ? ' (further invalid bytes are not reported)' : '';
    if (style === 'pip-default') {
      return {
        start: run.start,
        end: run.end,
        severity: 'warning',
        message: `Invalid UTF-8 (${shownBytes}): pip then decodes the whole file with the locale's encoding, and fails where that is UTF-8; save the file as UTF-8 or declare its encoding in a "# -*- coding: NAME -*-" first line${more}`,
      };
    }
    const reason = style === 'toml' ? 'TOML files must be UTF-8' : 'pip cannot decode this file';
    return { start: run.start, end: run.end, severity: 'error', message: `Invalid ${label} (${shownBytes}): ${reason}${more}` };
  });
  return { text: output.text(), encoding, problems };
}

/** A fast path for valid input (the usual case); the slow path finds and replaces each invalid sequence. */
function tryFatalDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-8 with the WHATWG (and Unicode "maximal subpart") replacement of invalid sequences. */
function decodeUtf8(bytes: Uint8Array): Output | string {
  const valid = tryFatalDecode('utf-8', bytes);
  if (valid !== null) return valid;
  const output = new Output(bytes.length);
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index];
    if (lead < 0x80) {
      output.unit(lead);
      index++;
      continue;
    }
    let needed: number;
    let code: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      needed = 1;
      code = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      code = lead & 0x0f;
      if (lead === 0xe0) lower = 0xa0;
      if (lead === 0xed) upper = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      code = lead & 0x07;
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f;
    } else {
      output.replace(bytes, index, index + 1);
      index++;
      continue;
    }
    let next = index + 1;
    let complete = true;
    for (let count = 0; count < needed; count++) {
      const byte = bytes[next];
      if (next >= bytes.length || byte < lower || byte > upper) {
        complete = false;
        break;
      }
      lower = 0x80;
      upper = 0xbf;
      code = (code << 6) | (byte & 0x3f);
      next++;
    }
    if (complete) output.codePoint(code);
    else output.replace(bytes, index, next);
    index = next;
  }
  return output;
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): Output | string {
  const valid = tryFatalDecode(littleEndian ? 'utf-16le' : 'utf-16be', bytes);
  if (valid !== null) return valid;
  const output = new Output(Math.ceil(bytes.length / 2));
  const unitAt = (index: number) => (littleEndian ? bytes[index] | (bytes[index + 1] << 8) : (bytes[index] << 8) | bytes[index + 1]);
  let index = 0;
  while (index + 1 < bytes.length) {
    const unit = unitAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const following = index + 3 < bytes.length ? unitAt(index + 2) : -1;
      if (following >= 0xdc00 && following <= 0xdfff) {
        output.unit(unit);
        output.unit(following);
        index += 4;
      } else {
        output.replace(bytes, index, index + 2);
        index += 2;
      }
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      output.replace(bytes, index, index + 2);
      index += 2;
    } else {
      output.unit(unit);
      index += 2;
    }
  }
  // An odd byte at the end: the file stops in the middle of a character.
  if (index < bytes.length) output.replace(bytes, index, bytes.length);
  return output;
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): Output {
  const output = new Output(Math.ceil(bytes.length / 2));
  let index = 0;
  for (; index + 3 < bytes.length; index += 4) {
    const code = littleEndian
      ? (bytes[index] | (bytes[index + 1] << 8) | (bytes[index + 2] << 16) | (bytes[index + 3] << 24)) >>> 0
      : ((bytes[index] << 24) | (bytes[index + 1] << 16) | (bytes[index + 2] << 8) | bytes[index + 3]) >>> 0;
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) output.replace(bytes, index, index + 4);
    else output.codePoint(code);
  }
  if (index < bytes.length) output.replace(bytes, index, bytes.length);
  return output;
}

function decodeSingleByte(bytes: Uint8Array, codec: 'latin-1' | 'ascii' | 'cp1252'): Output {
  const output = new Output(bytes.length);
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    const unit = codec === 'cp1252' && byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : byte;
    if ((codec === 'ascii' && byte >= 0x80) || (unit === 0 && byte !== 0)) output.replace(bytes, index, index + 1);
    else output.unit(unit);
  }
  return output;
}

/**
 * Other encodings a coding line may name (iso-8859-2, koi8-r, shift_jis, gbk, …), through the
 * WHATWG decoders; null when there is none by that name. Invalid bytes are placed at the U+FFFD
 * characters the decoder produced.
 */
function decodeWithTextDecoder(name: string, bytes: Uint8Array): DecodedText | null {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(name, { ignoreBOM: true });
  } catch {
    try {
      decoder = new TextDecoder(name.replace(/_/g, '-'), { ignoreBOM: true });
    } catch {
      return null;
    }
  }
  const valid = tryFatalDecode(decoder.encoding, bytes);
  if (valid !== null) return { text: valid, encoding: name.toLowerCase(), problems: [] };
  const text = decoder.decode(bytes);
  const problems: DecodingProblem[] = [];
  for (let index = text.indexOf('\ufffd'); index >= 0 && problems.length < MAX_REPORTED_PROBLEMS; index = text.indexOf('\ufffd', index + 1)) {
    const last = problems[problems.length - 1];
    if (last && last.end === index) last.end++;
    else problems.push({ start: index, end: index + 1, severity: 'error', message: `Invalid ${name.toUpperCase()}: pip cannot decode this file` });
  }
  return { text, encoding: name.toLowerCase(), problems };
}
