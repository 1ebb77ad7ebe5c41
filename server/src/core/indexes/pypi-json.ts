/**
 * The PyPI JSON API (`https://pypi.org/pypi/<name>/json`): an optional extra for pypi.org only,
 * read for the summary, links and release dates. Never required: everything else comes from the
 * Simple API. Never throws.
 */
export interface PypiProjectDetails {
  name: string | null;
  summary: string | null;
  latestVersion: string | null;
  requiresPython: string | null;
  homePage: string | null;
  projectUrls: { label: string; url: string }[];
  /** Earliest upload time (ISO 8601) per version, for versions that have files. */
  releaseDates: Record<string, string>;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export function parsePypiJson(body: string): { value: PypiProjectDetails | null; error: string | null } {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    return { value: null, error: `invalid JSON: ${(error as Error).message}` };
  }
  if (!isObject(data) || !isObject(data.info)) return { value: null, error: 'not a PyPI JSON API response (no "info")' };
  const info = data.info;
  const projectUrls = isObject(info.project_urls)
    ? Object.entries(info.project_urls).filter((entry): entry is [string, string] => typeof entry[1] === 'string').map(([label, url]) => ({ label, url }))
    : [];
  const releaseDates: Record<string, string> = {};
  if (isObject(data.releases)) {
    for (const [version, files] of Object.entries(data.releases)) {
      if (!Array.isArray(files)) continue;
      const times = files.map((file) => (isObject(file) ? text(file.upload_time_iso_8601) ?? text(file.upload_time) : null)).filter((time): time is string => time !== null).sort();
      if (times.length) releaseDates[version] = times[0];
    }
  }
  return {
    value: {
      name: text(info.name),
      summary: text(info.summary),
      latestVersion: text(info.version),
      requiresPython: text(info.requires_python),
      homePage: text(info.home_page),
      projectUrls,
      releaseDates,
    },
    error: null,
  };
}
