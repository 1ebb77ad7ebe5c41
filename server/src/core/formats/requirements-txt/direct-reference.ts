/**
 * Requirements written as a bare URL or local path (pip `constructors.py` parse_req_from_line and
 * parse_editable): `./pkg[extra]`, `file:///…`, `https://…/x.whl`, `git+https://…#egg=name`,
 * `-e .[dev]`. pip knows the name only from `#egg=` or a wheel filename; for an editor we also
 * take it from an sdist filename or the last path component of a remote or VCS URL. A local
 * project folder (`-e .`, `./pkg`, `file:///…/pkg`) is named by its metadata, which the parser
 * cannot read: its name is '' here and `localProject` is the folder (local-project-names.ts reads
 * the name). Offsets are relative to `text`.
 */
import { parseMarker } from '../../pep508';
import type { RequirementError } from '../../pep508';
import { resolveRelativeTo } from '../../paths';
import { isValidProjectName } from '../../names';
import { trimTrailing } from '../../trim';

const VCS_SCHEME = /^(git|hg|svn|bzr)(\+[a-z0-9.-]+)?$/;
const ARCHIVE_EXTENSION = /\.(whl|tar\.gz|tgz|tar|zip|tar\.bz2|tbz|tar\.xz|txz|tlz|tar\.lz|tar\.lzma)$/i;
const SDIST_FILENAME = /^(.+)-(\d[^-]*)\.(tar\.gz|tgz|tar|zip|tar\.bz2|tbz|tar\.xz|txz|tlz|tar\.lz|tar\.lzma)$/i;

export interface LocatedText {
  text: string;
  start: number;
  end: number;
}

export interface DirectReference {
  name: LocatedText;
  extras: string[];
  extrasLocation?: LocatedText;
  url: LocatedText;
  marker?: { text: string; start: number; end: number };
  /** A local project folder (no name written): the folder, resolved against the file's directory. */
  localProject?: string;
}

function urlScheme(text: string): string | null {
  const colon = text.indexOf(':');
  return colon > 0 ? text.slice(0, colon).toLowerCase() : null;
}

/** pip's is_url: a scheme pip can fetch, or a version-control scheme. */
export function isUrl(text: string): boolean {
  const scheme = urlScheme(text);
  if (scheme === null) return false;
  return scheme === 'http' || scheme === 'https' || scheme === 'file' || scheme === 'ftp' || VCS_SCHEME.test(scheme);
}

/** pip's _looks_like_path: contains a path separator or starts with '.'. */
function looksLikePath(text: string): boolean {
  return text.includes('/') || text.includes('\\') || text.startsWith('.');
}

/**
 * `head` without a trailing `[...]` (or unterminated `[...`): what `head.replace(/\[[^\]]*\]?$/, '')`
 * does, found from the end instead (the pattern rescans the rest of the text at every `[`).
 */
function withoutTrailingExtras(head: string): string {
  const end = head.endsWith(']') ? head.length - 1 : head.length;
  const previousClose = end > 0 ? head.lastIndexOf(']', end - 1) : -1;
  const open = head.indexOf('[', previousClose + 1);
  return open >= 0 && open < end ? head.slice(0, open) : head;
}

/** A `[...]` (at least one character inside, no `]`) that ends `head`: the pattern /\[[^\]]+\]$/, from the end. */
function trailingBracket(head: string): { index: number; text: string } | null {
  if (!head.endsWith(']')) return null;
  const close = head.length - 1;
  const previousClose = close > 0 ? head.lastIndexOf(']', close - 1) : -1;
  const open = head.indexOf('[', previousClose + 1);
  return open >= 0 && open < close - 1 ? { index: open, text: head.slice(open) } : null;
}

/**
 * Does this requirement text (without its marker) name a URL or a local path rather than a
 * PEP 508 requirement? Archive filenames count as paths; `name @ url` stays PEP 508.
 */
export function isDirectReferenceText(head: string): boolean {
  if (isUrl(head)) return true;
  const withoutExtras = withoutTrailingExtras(head);
  if (!looksLikePath(withoutExtras) && !ARCHIVE_EXTENSION.test(withoutExtras)) return false;
  const at = head.indexOf('@');
  return at < 0 || looksLikePath(head.slice(0, at).trim());
}

/** Where a marker starts: `; ` for URLs (pip), `;` for anything else. */
export function markerSeparatorIndex(text: string): { index: number; length: number } | null {
  const separator = isUrl(text.trim()) ? '; ' : ';';
  const index = text.indexOf(separator);
  return index < 0 ? null : { index, length: 1 };
}

function located(source: string, start: number, end: number): LocatedText {
  return { text: source.slice(start, end), start, end };
}

/**
 * The local folder a direct reference points at when it is a project folder: a path or `file:`
 * URL (not version control) whose last component is no archive or wheel. Resolved against the
 * directory of `filePath`; null for anything else (and for a `file:` URL on another host).
 */
export function localProjectFolder(location: string, filePath: string): string | null {
  let path = location;
  if (isUrl(location)) {
    if (urlScheme(location) !== 'file') return null;
    path = location.slice('file:'.length);
    const cut = path.search(/[?#]/);
    if (cut >= 0) path = path.slice(0, cut);
    if (path.startsWith('//')) {
      const hostEnd = path.indexOf('/', 2);
      const host = hostEnd < 0 ? path.slice(2) : path.slice(2, hostEnd);
      if (host !== '' && host.toLowerCase() !== 'localhost') return null;
      path = hostEnd < 0 ? '/' : path.slice(hostEnd);
      if (/^\/[A-Za-z]:/.test(path)) path = path.slice(1);
    }
    try {
      path = decodeURIComponent(path);
    } catch {
      // Not percent-encoded text: taken as written.
    }
  }
  const trimmed = trimTrailing(path, '\\/');
  const lastComponent = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  if (ARCHIVE_EXTENSION.test(lastComponent)) return null;
  return resolveRelativeTo(filePath, path === '' ? '.' : path);
}

/** Name (and extras) from `#egg=name[extras]`, a wheel or sdist filename, or the last path component. */
function inferName(text: string, location: LocatedText, urlLike: boolean, filePath: string): { name: LocatedText; extras: string[]; extrasLocation?: LocatedText; localProject?: string } {
  if (urlLike) {
    const egg = /[#&]egg=([^&]*)/.exec(location.text);
    if (egg && egg[1] !== '') {
      const eggStart = location.start + egg.index + egg[0].length - egg[1].length;
      const bracket = egg[1].indexOf('[');
      const nameEnd = bracket >= 0 ? eggStart + bracket : eggStart + egg[1].length;
      const extrasLocation = bracket >= 0 ? located(text, nameEnd, eggStart + egg[1].length) : undefined;
      return { name: located(text, eggStart, nameEnd), extras: extrasLocation ? splitExtras(extrasLocation.text) : [], extrasLocation };
    }
  }
  const localProject = localProjectFolder(location.text, filePath);
  if (localProject !== null) {
    // A project folder: pip reads its name from the project's metadata, never from the folder's name.
    return { name: { text: '', start: location.start, end: location.end }, extras: [], localProject };
  }
  let pathEnd = location.end;
  if (urlLike) {
    const cut = location.text.search(/[?#]/);
    if (cut >= 0) pathEnd = location.start + cut;
  }
  while (pathEnd > location.start && /[\\/]/.test(text[pathEnd - 1])) pathEnd--;
  let segmentStart = pathEnd;
  while (segmentStart > location.start && !/[\\/]/.test(text[segmentStart - 1])) segmentStart--;
  let segment = text.slice(segmentStart, pathEnd);
  const scheme = urlLike ? urlScheme(location.text) : null;
  if (scheme !== null && VCS_SCHEME.test(scheme) && segment.includes('@')) segment = segment.slice(0, segment.indexOf('@'));

  let nameLength = segment.length;
  if (/\.whl$/i.test(segment)) nameLength = segment.indexOf('-') >= 0 ? segment.indexOf('-') : segment.length - 4;
  else if (SDIST_FILENAME.test(segment)) nameLength = SDIST_FILENAME.exec(segment)![1].length;
  else if (ARCHIVE_EXTENSION.test(segment)) nameLength = segment.replace(ARCHIVE_EXTENSION, '').length;
  else if (/\.git$/i.test(segment)) nameLength = segment.length - 4;

  if (segment === '' || segment === '.' || segment === '..' || /:$/.test(segment)) {
    return { name: { text: '', start: location.start, end: location.end }, extras: [] };
  }
  return { name: located(text, segmentStart, segmentStart + nameLength), extras: [] };
}

function splitExtras(bracketed: string): string[] {
  return bracketed.slice(1, -1).split(',').map((extra) => extra.trim()).filter((extra) => extra !== '');
}

/**
 * Reads a bare URL or path requirement. `allowMarker` is false for editables (pip ignores
 * markers there). Never throws; problems come back as errors with offsets into `text`.
 */
export function parseDirectReference(text: string, filePath: string, allowMarker: boolean): { value: DirectReference | null; errors: RequirementError[] } {
  const errors: RequirementError[] = [];
  let headEnd = text.length;
  let marker: DirectReference['marker'];
  const separator = allowMarker ? markerSeparatorIndex(text) : null;
  if (separator) {
    headEnd = separator.index;
    const markerRaw = text.slice(separator.index + separator.length);
    const markerStart = separator.index + separator.length + (markerRaw.length - markerRaw.trimStart().length);
    const markerEnd = separator.index + separator.length + markerRaw.trimEnd().length;
    if (markerEnd > markerStart) {
      const parsed = parseMarker(text.slice(markerStart, markerEnd));
      for (const error of parsed.errors) errors.push({ ...error, span: { start: error.span.start + markerStart, end: error.span.end + markerStart } });
      if (parsed.value) marker = { text: parsed.value.text, start: markerStart, end: markerEnd };
    }
  }
  while (headEnd > 0 && /\s/.test(text[headEnd - 1])) headEnd--;
  let headStart = 0;
  while (headStart < headEnd && /\s/.test(text[headStart])) headStart++;
  const head = text.slice(headStart, headEnd);
  const urlLike = isUrl(head);

  let locationEnd = headEnd;
  let extras: string[] = [];
  let extrasLocation: LocatedText | undefined;
  const bracketMatch = trailingBracket(head);
  const openBracket = head.lastIndexOf('[');
  if (bracketMatch && bracketMatch.index > 0) {
    locationEnd = headStart + bracketMatch.index;
    extrasLocation = located(text, locationEnd, headEnd);
    extras = splitExtras(bracketMatch.text);
    const invalid = extras.find((extra) => !isValidProjectName(extra));
    if (invalid !== undefined) errors.push({ code: 'invalid-requirement', message: `Invalid extra name '${invalid}'`, span: { start: extrasLocation.start, end: extrasLocation.end } });
  } else if (!urlLike && openBracket >= 0 && !head.slice(openBracket).includes(']')) {
    errors.push({ code: 'invalid-requirement', message: "Unterminated extras: expected ']'", span: { start: headStart + openBracket, end: headEnd } });
    return { value: null, errors };
  }
  if (locationEnd <= headStart) {
    errors.push({ code: 'invalid-requirement', message: 'Expected a URL or a path', span: { start: headStart, end: headEnd } });
    return { value: null, errors };
  }

  const url = located(text, headStart, locationEnd);
  const inferred = inferName(text, url, urlLike, filePath);
  if (inferred.extrasLocation && !extrasLocation) {
    extras = inferred.extras;
    extrasLocation = inferred.extrasLocation;
  }
  const value: DirectReference = { name: inferred.name, extras, extrasLocation, url, marker };
  if (inferred.localProject !== undefined) value.localProject = inferred.localProject;
  return { value, errors };
}
