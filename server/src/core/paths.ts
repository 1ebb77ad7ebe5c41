/**
 * Path helpers for core, which may not import node:path. Paths use '/' (Windows '\' is accepted
 * and turned into '/'); a path is absolute if it starts with '/' or a drive letter.
 */
export function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

export function isAbsolutePath(path: string): boolean {
  const p = toSlashes(path);
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}

export function dirname(path: string): string {
  const p = toSlashes(path);
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return p.slice(0, i);
}

export function basename(path: string): string {
  const p = toSlashes(path);
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Normalizes '.', '..' and repeated slashes. */
export function normalizePath(path: string): string {
  const p = toSlashes(path);
  const absolute = p.startsWith('/');
  const drive = /^[A-Za-z]:/.exec(p)?.[0] ?? '';
  const rest = drive ? p.slice(drive.length) : p;
  const out: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute && !drive) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (drive) return `${drive}/${joined}`;
  if (absolute) return `/${joined}`;
  return joined || '.';
}

/** Resolves `target` relative to the directory of `fromFile` (absolute targets are kept). */
export function resolveRelativeTo(fromFile: string, target: string): string {
  if (isAbsolutePath(target)) return normalizePath(target);
  return normalizePath(`${dirname(fromFile)}/${target}`);
}
