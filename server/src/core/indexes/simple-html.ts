/**
 * PEP 503 HTML project pages: every `<a href>` is a file; attributes carry the extras of later PEPs:
 * `data-requires-python` (PEP 503, HTML-escaped: `&gt;=3.8`), `data-yanked` (PEP 592: present =
 * yanked, its value the reason), `data-core-metadata` / older `data-dist-info-metadata` (PEP 658/714:
 * "true" or "sha256=<hex>"). A `<base href>` changes what relative links resolve against; hash
 * fragments (`#sha256=...`) become `hashes`. Anchors may span lines and use either quote style.
 * Never throws: text with no HTML in it gives `{ value: null, error }`.
 */
import { normalizeName } from '../names';
import { buildProjectPage, filenameFromUrl, makeDistributionFile, resolveLink, splitHashFragment, type DistributionFile, type PageParseResult } from './project-page';

const ANCHOR = /<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi;
const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
const BASE = /<base\b([^>]*)>/i;
const META = /<meta\b([^>]*)>/gi;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/** Attribute names lower-cased; values HTML-unescaped; a bare attribute has value ''. */
export function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    attributes.set(match[1].toLowerCase(), unescapeHtml(value));
  }
  return attributes;
}

function looksLikeHtml(text: string): boolean {
  return /<(!doctype|html|head|body|a\b|meta|title)/i.test(text);
}

export function parseSimpleHtml(text: string, pageUrl: string, requestedName: string): PageParseResult {
  if (!looksLikeHtml(text)) return { value: null, error: 'not an HTML project page' };
  const baseMatch = BASE.exec(text);
  const baseHref = baseMatch ? parseAttributes(baseMatch[1]).get('href') : undefined;
  const baseUrl = (baseHref && resolveLink(baseHref, pageUrl)) || pageUrl;
  const normalizedProject = normalizeName(requestedName);
  const files: DistributionFile[] = [];
  for (const match of text.matchAll(ANCHOR)) {
    const file = fileFromAnchor(parseAttributes(match[1]), match[2], baseUrl, normalizedProject);
    if (file) files.push(file);
  }
  let apiVersion: string | null = null;
  let projectStatus: string | null = null;
  for (const match of text.matchAll(META)) {
    const attributes = parseAttributes(match[1]);
    const name = attributes.get('name');
    if (name === 'pypi:repository-version') apiVersion = attributes.get('content') ?? null;
    if (name === 'pypi:project-status') projectStatus = attributes.get('content') ?? null;
  }
  if (apiVersion && !apiVersion.startsWith('1.') && apiVersion !== '1') return { value: null, error: `unsupported repository-version ${apiVersion}` };
  return { value: buildProjectPage(requestedName, files, { format: 'html', apiVersion, projectStatus }), error: null };
}

function fileFromAnchor(attributes: Map<string, string>, content: string, baseUrl: string, normalizedProject: string): DistributionFile | null {
  const href = attributes.get('href');
  if (!href) return null;
  const absolute = resolveLink(href, baseUrl);
  if (!absolute) return null;
  const { url, hashes } = splitHashFragment(absolute);
  const text = unescapeHtml(content.replace(/<[^>]*>/g, '')).trim();
  const filename = filenameFromUrl(url) || text;
  const yankedValue = attributes.get('data-yanked');
  const metadataValue = attributes.get('data-core-metadata') ?? attributes.get('data-dist-info-metadata');
  return makeDistributionFile(normalizedProject, {
    filename,
    url,
    hashes,
    requiresPython: attributes.get('data-requires-python')?.trim() || null,
    yanked: yankedValue !== undefined,
    yankedReason: yankedValue ? yankedValue : null,
    coreMetadata: metadataAttribute(metadataValue),
    size: null,
    uploadTime: null,
  });
}

/** PEP 658: "true" or "<hashname>=<hexdigest>"; "false" or absent means no metadata file. */
function metadataAttribute(value: string | undefined): DistributionFile['coreMetadata'] {
  if (value === undefined || value.toLowerCase() === 'false') return false;
  const match = /^([a-z0-9]+)=([0-9a-f]+)$/i.exec(value);
  return { hashes: match ? { [match[1].toLowerCase()]: match[2].toLowerCase() } : {} };
}
