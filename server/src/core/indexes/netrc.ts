/**
 * A .netrc parser (the format curl, pip/requests and uv read): whitespace-separated tokens
 * `machine <host>`, `default`, `login <user>`, `password <secret>`, `account <x>`; `macdef <name>`
 * starts a macro that runs to the next blank line. Tokens may be double-quoted (curl). `#` starts a
 * comment at the beginning of a token. Written by hand (about 40 lines) because the npm netrc
 * packages are unmaintained or read the file themselves; reading the file lives in env/.
 */
export interface NetrcEntry {
  /** Host name, or null for the `default` entry. */
  machine: string | null;
  login: string;
  password: string;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)|(\n[ \t]*\n)/g;
  for (const match of text.matchAll(pattern)) {
    if (match[3] !== undefined) tokens.push('\n\n');
    else if (match[1] !== undefined) tokens.push(match[1].replace(/\\(.)/g, '$1'));
    else tokens.push(match[2]);
  }
  return tokens;
}

export function parseNetrc(text: string): NetrcEntry[] {
  const withoutComments = text.replace(/(^|\s)#[^\n]*/g, '$1');
  const tokens = tokenize(withoutComments);
  const entries: NetrcEntry[] = [];
  let current: NetrcEntry | null = null;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token === '\n\n') continue;
    if (token === 'machine' || token === 'default') {
      current = { machine: token === 'machine' ? (tokens[++index] ?? '').toLowerCase() : null, login: '', password: '' };
      entries.push(current);
    } else if (token === 'macdef') {
      while (index < tokens.length && tokens[index] !== '\n\n') index++;
    } else if (current && (token === 'login' || token === 'password' || token === 'account')) {
      const value = tokens[++index] ?? '';
      if (token === 'login') current.login = value;
      if (token === 'password') current.password = value;
    }
  }
  return entries;
}

/** The entry for a host (case-insensitive), else the `default` entry, else null. */
export function netrcCredentialsFor(entries: NetrcEntry[], hostname: string): NetrcEntry | null {
  const host = hostname.toLowerCase();
  return entries.find((entry) => entry.machine === host) ?? entries.find((entry) => entry.machine === null) ?? null;
}
