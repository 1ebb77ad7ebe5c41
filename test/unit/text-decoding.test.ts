import { describe, expect, it } from 'vitest';
import { decodeDependencyFile, normalizePythonCodecName } from '../../server/src/core/text-decoding';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'utf8')] : part)));

const utf16le = (text: string) => [...Buffer.from(text, 'utf16le')];
const utf16be = (text: string) => [...Buffer.from(text, 'utf16le').swap16()];
const utf32 = (text: string, littleEndian: boolean) =>
  [...text].flatMap((char) => {
    const code = char.codePointAt(0)!;
    const out = [code & 0xff, (code >> 8) & 0xff, (code >> 16) & 0xff, (code >>> 24) & 0xff];
    return littleEndian ? out : out.reverse();
  });

const TEXT = 'requests>=2 # café\nnumpy\n';

describe('decodeDependencyFile, requirements files (pip rules)', () => {
  it('decodes by byte order mark, in pip order, and drops the mark', () => {
    const cases: [Uint8Array, string][] = [
      [bytes([0xef, 0xbb, 0xbf], TEXT), 'utf-8'],
      [bytes([0xff, 0xfe], utf16le(TEXT)), 'utf-16-le'],
      [bytes([0xfe, 0xff], utf16be(TEXT)), 'utf-16-be'],
      // UTF-32-LE's mark starts with UTF-16-LE's: pip checks the UTF-32 marks first.
      [bytes([0xff, 0xfe, 0x00, 0x00], utf32(TEXT, true)), 'utf-32-le'],
      [bytes([0x00, 0x00, 0xfe, 0xff], utf32(TEXT, false)), 'utf-32-be'],
    ];
    for (const [input, encoding] of cases) {
      const decoded = decodeDependencyFile(input, 'pip');
      expect(decoded).toEqual({ text: TEXT, encoding, problems: [] });
    }
  });

  it('keeps characters outside the BMP as surrogate pairs (offsets are UTF-16)', () => {
    const text = 'pkg # 😀 ok\n';
    expect(decodeDependencyFile(bytes([0xff, 0xfe, 0x00, 0x00], utf32(text, true)), 'pip').text).toBe(text);
    expect(decodeDependencyFile(bytes([0xff, 0xfe], utf16le(text)), 'pip').text).toBe(text);
    expect(decodeDependencyFile(bytes(text), 'pip').text).toBe(text);
  });

  it('follows a PEP 263 coding line in the first two lines only, when the line starts with #', () => {
    const latin1 = (text: string) => [...Buffer.from(text, 'latin1')];
    expect(decodeDependencyFile(bytes(latin1('# -*- coding: latin-1 -*-\nflask # Müller\n')), 'pip')).toMatchObject({ text: '# -*- coding: latin-1 -*-\nflask # Müller\n', encoding: 'latin-1', problems: [] });
    expect(decodeDependencyFile(bytes(latin1('# first\n# vim: set fileencoding=iso-8859-1 :\nx # é\n')), 'pip')).toMatchObject({ encoding: 'latin-1', text: '# first\n# vim: set fileencoding=iso-8859-1 :\nx # é\n' });
    // cp1252 has the euro sign at 0x80 (latin-1 has a control character there).
    expect(decodeDependencyFile(bytes('# coding=cp1252\nx # ', [0x80], '\n'), 'pip').text).toBe('# coding=cp1252\nx # €\n');
    // Python's cp1252 has no character for 0x81; NUL stays NUL.
    expect(decodeDependencyFile(bytes('# coding=cp1252\n', [0x00, 0x81]), 'pip')).toMatchObject({ text: '# coding=cp1252\n\u0000\uFFFD', problems: [{ start: 17, end: 18, severity: 'error' }] });
    expect(decodeDependencyFile(bytes('# coding: ascii\n', [0x00, 0xe9]), 'pip')).toMatchObject({ text: '# coding: ascii\n\u0000\uFFFD', problems: [{ start: 17, end: 18, severity: 'error' }] });
    // Third line, or a line not starting with '#': UTF-8, and the invalid byte is reported.
    const third = decodeDependencyFile(bytes('#\n#\n# coding: latin-1\nx # ', [0xe9], '\n'), 'pip');
    expect(third.encoding).toBe('utf-8');
    expect(third.problems).toHaveLength(1);
    expect(decodeDependencyFile(bytes('x  # coding: latin-1\n'), 'pip').encoding).toBe('utf-8');
  });

  it('reports an unknown encoding at the coding line', () => {
    const decoded = decodeDependencyFile(bytes('flask\n# coding: klingon\nnumpy\n'), 'pip');
    expect(decoded.text).toBe('flask\n# coding: klingon\nnumpy\n');
    expect(decoded.problems).toEqual([{ start: 6, end: 23, severity: 'error', message: 'Unknown encoding "klingon" in the coding declaration: pip stops with an error on this file' }]);
  });

  it('places each run of invalid UTF-8 at its replacement characters, keeping every other offset', () => {
    // 0xff: never valid; 0xe2 0x82: a truncated 3-byte sequence (one replacement); then valid text.
    const decoded = decodeDependencyFile(bytes('flask # ', [0xff], '\nnumpy # ', [0xe2, 0x82], 'x é\n'), 'pip');
    expect(decoded.text).toBe('flask # \uFFFD\nnumpy # \uFFFDx é\n');
    expect(decoded.problems.map((problem) => [decoded.text.slice(problem.start, problem.end), problem.severity])).toEqual([
      ['\uFFFD', 'warning'],
      ['\uFFFD', 'warning'],
    ]);
    expect(decoded.problems[0].message).toMatch(/^Invalid UTF-8 \(0xff\): pip then decodes the whole file with the locale's encoding/);
    expect(decoded.problems[1].message).toMatch(/^Invalid UTF-8 \(0xe2 0x82\)/);
    expect(decoded.problems.map((problem) => problem.start)).toEqual([8, 18]);
  });

  it('keeps a U+FFFD that is in the file as text, and merges adjacent invalid bytes into one problem', () => {
    const decoded = decodeDependencyFile(bytes('a \uFFFD ', [0xc0, 0xc1, 0xf5], ' b'), 'pip');
    expect(decoded.text).toBe('a \uFFFD \uFFFD\uFFFD\uFFFD b');
    expect(decoded.problems).toHaveLength(1);
    expect(decoded.problems[0]).toMatchObject({ start: 4, end: 7 });
    expect(decoded.problems[0].message).toContain('(0xc0 0xc1 0xf5)');
  });

  it('reports invalid bytes of an encoding pip was told (byte order mark) as errors', () => {
    // A lone high surrogate (0xd800) in UTF-16-LE, and an odd last byte.
    const decoded = decodeDependencyFile(bytes([0xff, 0xfe], utf16le('ab'), [0x00, 0xd8], utf16le('c'), [0x41]), 'pip');
    expect(decoded.text).toBe('ab\uFFFDc\uFFFD');
    expect(decoded.problems.map((problem) => [problem.start, problem.end, problem.severity])).toEqual([
      [2, 3, 'error'],
      [4, 5, 'error'],
    ]);
    expect(decoded.problems[0].message).toBe('Invalid UTF-16-LE (0x00 0xd8): pip cannot decode this file');
  });

  it('stops listing invalid bytes after a hundred runs', () => {
    const input = bytes(...Array.from({ length: 300 }, () => ['x', [0xff]] as (string | number[])[]).flat());
    const decoded = decodeDependencyFile(input, 'pip');
    expect(decoded.problems).toHaveLength(100);
    expect(decoded.problems[99].message).toContain('further invalid bytes are not reported');
    expect(decoded.text).toHaveLength(600);
  });
});

describe('decodeDependencyFile, TOML files', () => {
  it('reads UTF-8 and drops a UTF-8 byte order mark; no coding line applies', () => {
    expect(decodeDependencyFile(bytes([0xef, 0xbb, 0xbf], '[project]\n'), 'utf-8')).toEqual({ text: '[project]\n', encoding: 'utf-8', problems: [] });
    const decoded = decodeDependencyFile(bytes('# coding: latin-1\nname = "', [0xe9], '"\n'), 'utf-8');
    expect(decoded.problems).toEqual([{ start: 26, end: 27, severity: 'error', message: 'Invalid UTF-8 (0xe9): TOML files must be UTF-8' }]);
  });

  it('reads a UTF-16 file and says TOML must be UTF-8', () => {
    const decoded = decodeDependencyFile(bytes([0xff, 0xfe], utf16le('[project]\n')), 'utf-8');
    expect(decoded.text).toBe('[project]\n');
    expect(decoded.problems).toEqual([{ start: 0, end: 0, severity: 'error', message: 'This file is UTF-16-LE (it starts with a byte order mark): TOML files must be UTF-8' }]);
  });
});

describe('normalizePythonCodecName', () => {
  it('folds names like Python’s encodings.normalize_encoding', () => {
    expect(['UTF-8', 'utf8', 'Latin-1', 'ISO 8859-1', '--cp1252--', 'ansi_x3.4-1968'].map(normalizePythonCodecName)).toEqual(['utf_8', 'utf8', 'latin_1', 'iso_8859_1', 'cp1252', 'ansi_x3.4_1968']);
  });
});
