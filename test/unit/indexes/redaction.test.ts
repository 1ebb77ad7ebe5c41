import { describe, expect, it } from 'vitest';
import { hasControlCharacters, redactCredentials, redactUrl, sanitizeRemoteText, sanitizeRemoteValue } from '../../../server/src/core/indexes';

describe('redactCredentials: one masking rule for every URL shown', () => {
  it.each([
    ['http://alice:pa/ss@host/simple/', 'http://alice:****@host/simple/'],
    ['http://alice:pa#ss@host/simple/', 'http://alice:****@host/simple/'],
    ['http://alice:pa?ss@host/simple/', 'http://alice:****@host/simple/'],
    ['https://alice:s3cret@host/simple/', 'https://alice:****@host/simple/'],
    ['https://tok@h/simple', 'https://****@h/simple'],
    ['pkg @ https://user:token@host/pkg.whl', 'pkg @ https://user:****@host/pkg.whl'],
    ['git+https://user:token@host/repo.git@v1', 'git+https://user:****@host/repo.git@v1'],
    ['git+https://user:tok/en@host/repo.git', 'git+https://user:****@host/repo.git'],
    ['alice:pa/ss@host/simple/', 'alice:****@host/simple/'],
    ['https://a@b/x?next=https://c:d@e/', 'https://****@b/x?next=https://c:****@e/'],
    ['{"url":"http://alice:pa\\"ss@host/x","mail":"a@b"}', '{"url":"http://alice:****@host/x","mail":"a@b"}'],
    ["https://bob:it's@h/", 'https://bob:****@h/'],
  ])('%s', (text, masked) => {
    expect(redactCredentials(text)).toBe(masked);
    expect(redactUrl(text)).toBe(masked);
  });

  it.each([
    'git+https://github.com/org/repo.git@v1.0#egg=x',
    'git+https://host:8443/org/repo.git@v1.0',
    'file:///home/me@x/pkg',
    'https://host.example/simple/',
    'mail me@example.com',
  ])('leaves %s alone', (text) => {
    expect(redactCredentials(text)).toBe(text);
  });
});

describe('sanitizeRemoteText', () => {
  it('escapes C0, DEL, C1 and bidi controls; keeps tab and newline only in multi-line text', () => {
    const hostile = 'a\x1b[2J\x1b]0;title\x07b\u202ec\x7f\x9b\r\n\td';
    expect(sanitizeRemoteText(hostile)).toBe('a\\x1b[2J\\x1b]0;title\\x07b\\u202ec\\x7f\\x9b\\x0d\\x0a\\x09d');
    expect(sanitizeRemoteText(hostile, { multiline: true })).toBe('a\\x1b[2J\\x1b]0;title\\x07b\\u202ec\\x7f\\x9b\\x0d\n\td');
    expect(sanitizeRemoteText('x'.repeat(20), { maxLength: 5 })).toBe('xxxx…');
    expect(hasControlCharacters(sanitizeRemoteText(hostile))).toBe(false);
  });

  it('cleans every string of a decoded answer in place', () => {
    const shared = { reason: 'r\x1b[1m' };
    const page = { name: 'demo', releases: [shared, shared], 'key\x1b': 1 };
    expect(sanitizeRemoteValue(page)).toBe(page);
    expect(page.releases[0]).toBe(page.releases[1]);
    expect(page.releases[0].reason).toBe('r\\x1b[1m');
    expect(Object.keys(page)).toContain('key\\x1b');
  });
});
