/**
 * Core metadata (the `METADATA` / PKG-INFO file, served by PEP 658/714 as `<file>.metadata`): an
 * RFC 822-style header block. Continuation lines start with whitespace; the body after the first
 * blank line is the description. Field names are case-insensitive; multiple-use fields
 * (Requires-Dist, Provides-Extra, Project-URL, Classifier) keep every value in order.
 * Never throws; unknown fields are ignored.
 */
export interface CoreMetadata {
  metadataVersion: string | null;
  name: string | null;
  version: string | null;
  summary: string | null;
  requiresPython: string | null;
  requiresDist: string[];
  providesExtra: string[];
  /** Project-URL entries `label, url`, plus Home-page as label 'Homepage' when present. */
  projectUrls: { label: string; url: string }[];
  homePage: string | null;
  license: string | null;
  classifiers: string[];
}

export function parseCoreMetadata(text: string): CoreMetadata {
  const fields = readHeaderFields(text);
  const first = (name: string) => fields.find(([field]) => field === name)?.[1] ?? null;
  const all = (name: string) => fields.filter(([field]) => field === name).map(([, value]) => value);
  const projectUrls = all('project-url').map(parseProjectUrl).filter((entry): entry is { label: string; url: string } => entry !== null);
  const homePage = first('home-page');
  if (homePage && homePage !== 'UNKNOWN' && !projectUrls.some((entry) => entry.url === homePage)) projectUrls.unshift({ label: 'Homepage', url: homePage });
  return {
    metadataVersion: first('metadata-version'),
    name: first('name'),
    version: first('version'),
    summary: first('summary'),
    requiresPython: first('requires-python'),
    requiresDist: all('requires-dist'),
    providesExtra: all('provides-extra'),
    projectUrls,
    homePage: homePage && homePage !== 'UNKNOWN' ? homePage : null,
    license: first('license'),
    classifiers: all('classifier'),
  };
}

/** [lower-cased field name, value] pairs of the header block, continuation lines joined. */
function readHeaderFields(text: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const line of text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/)) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) {
      if (fields.length) fields[fields.length - 1][1] += '\n' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return fields;
}

function parseProjectUrl(value: string): { label: string; url: string } | null {
  const comma = value.indexOf(',');
  if (comma === -1) return value ? { label: value, url: value } : null;
  const url = value.slice(comma + 1).trim();
  return url ? { label: value.slice(0, comma).trim(), url } : null;
}
