import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { poetryContentHashes } from '../../../server/src/core/checks/lock-poetry-hash';
import { pythonJsonDumps } from '../../../server/src/core/checks/lock-python-json';
import { sha256Hex, utf8Bytes } from '../../../server/src/core/checks/lock-sha256';

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/graph/${path}`, import.meta.url), 'utf8');

describe('sha256Hex', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(sha256Hex(utf8Bytes(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(utf8Bytes('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(utf8Bytes('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256Hex(utf8Bytes('a'.repeat(1_000_000)))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto on block-boundary lengths and non-ASCII text', () => {
    for (const text of ['x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'x'.repeat(119), 'numpy ≥ 2 — ünïcödé 🐍']) {
      expect(sha256Hex(utf8Bytes(text))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});

describe('pythonJsonDumps', () => {
  it('writes what json.dumps(sort_keys=True) writes', () => {
    expect(pythonJsonDumps({ b: [1, true, null], a: { y: 'é"\\\n', x: 2.5 } })).toBe('{"a": {"x": 2.5, "y": "\\u00e9\\"\\\\\\n"}, "b": [1, true, null]}');
    expect(pythonJsonDumps([1e16, 0.00001, 1.5e-7, 123.25])).toBe('[10000000000000000, 1e-05, 1.5e-07, 123.25]');
    expect(pythonJsonDumps('\u007f🐍')).toBe('"\\u007f\\ud83d\\udc0d"');
  });
});

describe('poetryContentHashes (expected values computed with python3 hashlib/json)', () => {
  it('hashes a [tool.poetry] project the same for Poetry 1.x and 2.x', () => {
    expect(poetryContentHashes(fixture('poetry1/pyproject.toml'))).toEqual({
      poetry1: '31ef6c409a20eccf4e4e5e1c6c30d4b01c0ad42acfdf0c1bba98b0533809b584',
      poetry2: '31ef6c409a20eccf4e4e5e1c6c30d4b01c0ad42acfdf0c1bba98b0533809b584',
    });
  });

  it('includes the [project] keys for Poetry 2.x', () => {
    expect(poetryContentHashes(fixture('poetry2/pyproject.toml'))?.poetry2).toBe('461b02c5d567f8ae737c65dbdfb9e56771dc6c0ee7e00945acab25c7d420f921');
  });

  it('gives null for invalid TOML', () => {
    expect(poetryContentHashes('[tool.poetry\n')).toBeNull();
  });
});
