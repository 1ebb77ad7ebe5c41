/**
 * PEP 503 HTML project pages: every `<a href>` is a file; attributes carry the extras of later PEPs:
 * `data-requires-python` (PEP 503, HTML-escaped: `&gt;=3.8`), `data-yanked` (PEP 592: present =
 * yanked, its value the reason), `data-core-metadata` / older `data-dist-info-metadata` (PEP 658/714:
 * "true" or "sha256=<hex>"). A `<base href>` changes what relative links resolve against; hash
 * fragments (`#sha256=...`) become `hashes`. Anchors may span lines and use either quote style.
 * Read in one pass, in time linear in the page (malformed pages included: unterminated tags,
 * anchors never closed); pages over MAX_HTML_PAGE_CHARS are refused.
 * Never throws: text with no HTML in it gives `{ value: null, error }`.
 */
import { normalizeName } from '../names';
import {
  buildProjectPageSteps, filenameFromUrl, makeDistributionFile, PageVersions, resolveLink, runSteps, splitHashFragment, STEP_SIZE,
  type DistributionFile, type PageParseResult, type PageSteps,
} from './project-page';

/** Longer pages are refused (a clear error instead of seconds of work): about 40,000 files. */
export const MAX_HTML_PAGE_CHARS = 10 * 1024 * 1024;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function unescapeHtml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function isHtmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

interface StartTag {
  name: string;
  attributes: Map<string, string>;
  /** Just after the closing '>'. */
  end: number;
}

/**
 * The start tag at `at` (`<` followed by a letter), read like a browser's tokenizer: '>' inside a
 * quoted value does not end the tag, the first of two attributes with one name wins. Null when the
 * tag never ends (an unclosed quote or a missing '>'): the rest of the text is inside it. Every
 * character is looked at once.
 */
function readStartTag(text: string, at: number): StartTag | null {
  const length = text.length;
  let index = at + 1;
  while (index < length && !isHtmlSpace(text.charCodeAt(index)) && text[index] !== '/' && text[index] !== '>') index++;
  const name = text.slice(at + 1, index).toLowerCase();
  const attributes = new Map<string, string>();
  for (;;) {
    while (index < length && (isHtmlSpace(text.charCodeAt(index)) || text[index] === '/')) index++;
    if (index >= length) return null;
    if (text[index] === '>') return { name, attributes, end: index + 1 };
    // An attribute name is at least one character (even '=' or a quote), up to space, '/', '>' or '='.
    const nameStart = index++;
    while (index < length && !isHtmlSpace(text.charCodeAt(index)) && text[index] !== '/' && text[index] !== '>' && text[index] !== '=') index++;
    const attributeName = text.slice(nameStart, index).toLowerCase();
    let value = '';
    let afterName = index;
    while (afterName < length && isHtmlSpace(text.charCodeAt(afterName))) afterName++;
    if (text[afterName] === '=') {
      index = afterName + 1;
      while (index < length && isHtmlSpace(text.charCodeAt(index))) index++;
      const quote = text[index];
      if (quote === '"' || quote === "'") {
        const close = text.indexOf(quote, index + 1);
        if (close < 0) return null;
        value = text.slice(index + 1, close);
        index = close + 1;
      } else {
        const valueStart = index;
        while (index < length && !isHtmlSpace(text.charCodeAt(index)) && text[index] !== '>') index++;
        value = text.slice(valueStart, index);
      }
    }
    if (!attributes.has(attributeName)) attributes.set(attributeName, unescapeHtml(value));
  }
}

/** Tags that make a text an HTML page (anything else with '<' in it is not a project page). */
const PAGE_TAGS = new Set(['html', 'head', 'body', 'a', 'meta', 'title']);

/** Elements whose content is text, not markup: a '<a' inside them is no link. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'title', 'textarea']);

interface Anchor {
  attributes: Map<string, string>;
  contentStart: number;
  contentEnd: number;
}

interface ScannedPage {
  anchors: Anchor[];
  baseHref: string | undefined;
  meta: Map<string, string>;
  sawTag: boolean;
}

/**
 * One pass over the page: anchors with their content extent (an anchor ends at `</a>`, at the next
 * `<a` or at the end of the page), the first `<base href>`, and `<meta name content>` pairs.
 * Comments, `<!...>` and `<?...>` are skipped.
 */
function* scanPage(text: string): Generator<void, ScannedPage> {
  const page: ScannedPage = { anchors: [], baseHref: undefined, meta: new Map(), sawTag: false };
  let open: Anchor | null = null;
  const closeAnchor = (at: number) => {
    if (open) open.contentEnd = at;
    open = null;
  };
  let index = 0;
  let tags = 0;
  while (index < text.length) {
    const lt = text.indexOf('<', index);
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      index = close < 0 ? text.length : close + 3;
    } else if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      if (text.slice(lt + 2, lt + 9).toLowerCase() === 'doctype') page.sawTag = true;
      const close = text.indexOf('>', lt + 2);
      index = close < 0 ? text.length : close + 1;
    } else if (next === 0x2f /* / */ && isAsciiLetter(text.charCodeAt(lt + 2))) {
      let nameEnd = lt + 2;
      while (nameEnd < text.length && !isHtmlSpace(text.charCodeAt(nameEnd)) && text[nameEnd] !== '/' && text[nameEnd] !== '>') nameEnd++;
      if (text.slice(lt + 2, nameEnd).toLowerCase() === 'a') closeAnchor(lt);
      const close = text.indexOf('>', nameEnd);
      index = close < 0 ? text.length : close + 1;
    } else if (isAsciiLetter(next)) {
      const tag = readStartTag(text, lt);
      if (!tag) break;
      if (PAGE_TAGS.has(tag.name)) page.sawTag = true;
      index = tag.end;
      if (tag.name === 'a') {
        closeAnchor(lt);
        open = { attributes: tag.attributes, contentStart: tag.end, contentEnd: text.length };
        page.anchors.push(open);
      } else if (tag.name === 'base' && page.baseHref === undefined && tag.attributes.has('href')) {
        page.baseHref = tag.attributes.get('href');
      } else if (tag.name === 'meta') {
        const name = tag.attributes.get('name');
        if (name !== undefined && !page.meta.has(name)) page.meta.set(name, tag.attributes.get('content') ?? '');
      } else if (RAW_TEXT_ELEMENTS.has(tag.name)) {
        const closing = new RegExp(`</${tag.name}`, 'gi');
        closing.lastIndex = tag.end;
        const match = closing.exec(text);
        index = match ? match.index : text.length;
      }
    } else {
      index = lt + 1;
    }
    if (++tags % STEP_SIZE === 0) yield;
  }
  return page;
}

/** Text of an anchor's content without tags (used when the link has no filename), in one pass. */
function anchorText(text: string, start: number, end: number): string {
  let out = '';
  let index = start;
  while (index < end) {
    const lt = text.indexOf('<', index);
    if (lt < 0 || lt >= end) {
      out += text.slice(index, end);
      break;
    }
    out += text.slice(index, lt);
    const gt = text.indexOf('>', lt);
    if (gt < 0 || gt >= end) break;
    index = gt + 1;
  }
  return unescapeHtml(out).trim();
}

export function parseSimpleHtml(text: string, pageUrl: string, requestedName: string): PageParseResult {
  return runSteps(simpleHtmlSteps(text, pageUrl, requestedName));
}

/** parseSimpleHtml in steps (see PageSteps): a caller may yield to its event loop between them. */
export function* simpleHtmlSteps(text: string, pageUrl: string, requestedName: string): PageSteps {
  if (text.length > MAX_HTML_PAGE_CHARS) {
    return { value: null, error: `the HTML project page is larger than ${MAX_HTML_PAGE_CHARS / 1024 / 1024} MB, the most Pipsight reads` };
  }
  const page = yield* scanPage(text);
  if (!page.sawTag) return { value: null, error: 'not an HTML project page' };
  const baseUrl = (page.baseHref && resolveLink(page.baseHref, pageUrl)) || pageUrl;
  const normalizedProject = normalizeName(requestedName);
  const versions = new PageVersions();
  const files: DistributionFile[] = [];
  for (const [position, anchor] of page.anchors.entries()) {
    const file = fileFromAnchor(anchor.attributes, () => anchorText(text, anchor.contentStart, anchor.contentEnd), baseUrl, normalizedProject, versions);
    if (file) files.push(file);
    if ((position + 1) % STEP_SIZE === 0) yield;
  }
  const apiVersion = page.meta.get('pypi:repository-version') ?? null;
  const projectStatus = page.meta.get('pypi:project-status') ?? null;
  if (apiVersion && !apiVersion.startsWith('1.') && apiVersion !== '1') return { value: null, error: `unsupported repository-version ${apiVersion}` };
  const project = yield* buildProjectPageSteps(requestedName, files, { format: 'html', apiVersion, projectStatus }, versions);
  return { value: project, error: null };
}

function fileFromAnchor(attributes: Map<string, string>, content: () => string, baseUrl: string, normalizedProject: string, versions: PageVersions): DistributionFile | null {
  const href = attributes.get('href');
  if (!href) return null;
  const absolute = resolveLink(href, baseUrl);
  if (!absolute) return null;
  const { url, hashes } = splitHashFragment(absolute);
  const filename = filenameFromUrl(url) || content();
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
  }, versions);
}

/** PEP 658: "true" or "<hashname>=<hexdigest>"; "false" or absent means no metadata file. */
function metadataAttribute(value: string | undefined): DistributionFile['coreMetadata'] {
  if (value === undefined || value.toLowerCase() === 'false') return false;
  const match = /^([a-z0-9]+)=([0-9a-f]+)$/i.exec(value);
  return { hashes: match ? { [match[1].toLowerCase()]: match[2].toLowerCase() } : {} };
}
