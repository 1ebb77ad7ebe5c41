import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../bench/seeded-random';
import { redactCredentials } from '../../../server/src/core/indexes';

/**
 * The masking rule written as regular expressions (quadratic on some inputs, so only run on short
 * ones): redactCredentials must give the same answer for every text.
 */
function referenceRedact(text: string): string {
  const authorityStart = /\/\//g;
  const urlEnd = /[\s<>`]|(?<!\\)"/g;
  let output = '';
  let copied = 0;
  for (let match = authorityStart.exec(text); match; match = authorityStart.exec(text)) {
    const start = match.index + match[0].length;
    urlEnd.lastIndex = start;
    const end = urlEnd.exec(text);
    const url = text.slice(start, end ? end.index : text.length);
    const authorityEnd = url.search(/[/?#\\]/) === -1 ? url.length : url.search(/[/?#\\]/);
    const authority = url.slice(0, authorityEnd);
    let userinfoEnd = authority.lastIndexOf('@');
    const lastAt = url.lastIndexOf('@');
    if (userinfoEnd === -1 && lastAt > authorityEnd && authority.includes(':') && !/^[^:@]*:\d*$/.test(authority)) userinfoEnd = lastAt;
    if (userinfoEnd <= 0) continue;
    const userinfo = url.slice(0, userinfoEnd);
    const colon = userinfo.indexOf(':');
    const masked = userinfo === '****' || userinfo.endsWith(':****') ? userinfo : colon === -1 ? '****' : `${userinfo.slice(0, colon)}:****`;
    output += text.slice(copied, start) + masked;
    copied = start + userinfoEnd;
    authorityStart.lastIndex = copied;
  }
  output += text.slice(copied);
  return output.replace(/(^|[\s"'`(<\[=,;])([^\s/?#@:"'`(<\[=,;]+):([^\s/"'`@][^\s"'`]*)@(?=[^\s@])/g, (_whole, before: string, user: string) => `${before}${user}:****@`);
}

const PIECES = ['a', 'b', '1', '80', ':', '@', '/', '//', 'https://', '?', '#', '\\', '"', '\\"', "'", '`', ' ', '\n', '\u00a0', '=', '(', '<', '>', '[', ',', ';', '****', ':****', 'user', 'pa/ss', 'host.example'];

describe('redactCredentials: linear in the length of the text', () => {
  it('gives the same answer as the regular-expression rule on random texts', () => {
    const random = seededRandom(20261207);
    for (let round = 0; round < 30_000; round++) {
      const length = Math.floor(random() * 14);
      let text = '';
      for (let piece = 0; piece < length; piece++) text += PIECES[Math.floor(random() * PIECES.length)];
      expect(redactCredentials(text), JSON.stringify(text)).toBe(referenceRedact(text));
    }
  });

  // Each of these took minutes when every `=`, `//` or word rescanned the rest of the text.
  it("handles 200,000 '=a:b' with no '@'", () => {
    const text = '=a:b'.repeat(200_000);
    expect(redactCredentials(text)).toBe(text);
    expect(redactCredentials(`${text} @`)).toBe(`${text} @`);
    expect(redactCredentials(`${text}@host`)).toBe(`=a:****@host`);
  });

  it("handles a run of 200,000 '//'", () => {
    const text = '//'.repeat(200_000);
    expect(redactCredentials(text)).toBe(text);
    expect(redactCredentials(`${text} @`)).toBe(`${text} @`);
    expect(redactCredentials(`${text}a:b@host`)).toBe(`${text}a:****@host`);
  });

  it("handles 200,000 URLs, words and '//' runs", () => {
    expect(redactCredentials(`${'//a:b/'.repeat(200_000)} @`)).toBe(`${'//a:b/'.repeat(200_000)} @`);
    expect(redactCredentials('https://u:p@h/ '.repeat(200_000))).toBe('https://u:****@h/ '.repeat(200_000));
    expect(redactCredentials(`${'a:b/c '.repeat(200_000)}@`)).toBe(`${'a:b/c '.repeat(200_000)}@`);
    expect(redactCredentials('(a:b'.repeat(200_000) + '@h')).toBe('(a:****@h');
    expect(redactCredentials(`@ ${'a '.repeat(200_000)}`)).toBe(`@ ${'a '.repeat(200_000)}`);
    expect(redactCredentials(`@${'//a '.repeat(200_000)}`)).toBe(`@${'//a '.repeat(200_000)}`);
  });
});
