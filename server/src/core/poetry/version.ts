/**
 * The small part of poetry-core's PEP 440 version model that constraint translation needs:
 * parsing with packaging's VERSION_PATTERN (so a leading `v` is tolerated), the release "bump"
 * operations used by `^`, `~` and `~=`, and rendering.
 *
 * poetry-core facts this mirrors (src/poetry/core/version/pep440/segments.py, version.py):
 * - next_major: major + 1; minor/patch/extra parts that were written become 0, absent ones stay absent
 *   (`1.2` → `2.0`, `1` → `2`, `1.2.3.4` → `2.0.0.0`).
 * - next_minor: minor + 1 (an absent minor becomes 1); a written patch/extra becomes 0 (`1` → `1.1`).
 * - next_patch: patch + 1 (absent → 1), an absent minor becomes 0 (`0` → `0.0.1`).
 * - bounds are always computed from `version.stable`, i.e. without pre/dev/local parts, and keep the epoch.
 */

/** packaging.version.VERSION_PATTERN without groups (case-insensitive use). */
export const VERSION_SOURCE =
  'v?(?:(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*' +
  '(?:[-_.]?(?:alpha|a|beta|b|preview|pre|c|rc)[-_.]?[0-9]*)?' +
  '(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?' +
  '(?:[-_.]?dev[-_.]?[0-9]*)?)' +
  '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?';

const VERSION_PARTS = new RegExp(
  '^v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_.]?(?<preLabel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preNumber>[0-9]*))?' +
    '(?<post>-(?<postNumber1>[0-9]+)|[-_.]?(?:post|rev|r)[-_.]?(?<postNumber2>[0-9]*))?' +
    '(?<dev>[-_.]?dev[-_.]?(?<devNumber>[0-9]*))?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$',
  'i',
);

export interface PoetryVersion {
  /**
   * poetry-core's Version.text: the normalized version with the release as written (`1.0-beta.2`
   * → `1.0b2`, `V1.02.0` → `1.2.0`; `1.0` stays `1.0`, unlike PEP 440's canonical form).
   */
  text: string;
  epoch: number;
  release: number[];
  pre: { label: 'a' | 'b' | 'rc'; number: number } | null;
  post: number | null;
  dev: number | null;
  local: string | null;
}

export function parsePoetryVersion(text: string): PoetryVersion | null {
  const match = VERSION_PARTS.exec(text);
  if (!match?.groups) return null;
  const groups = match.groups;
  const releaseParts = groups.release.split('.').map(Number);
  // Numbers beyond 2^53 cannot be bumped exactly; treat such a version as invalid rather than lie.
  if (releaseParts.some((part) => !Number.isSafeInteger(part))) return null;
  const parts: Omit<PoetryVersion, 'text'> = {
    epoch: groups.epoch ? Number(groups.epoch) : 0,
    release: releaseParts,
    pre: groups.pre ? { label: preLabel(groups.preLabel), number: Number(groups.preNumber || 0) } : null,
    post: groups.post ? Number(groups.postNumber1 || groups.postNumber2 || 0) : null,
    dev: groups.dev ? Number(groups.devNumber || 0) : null,
    // poetry-core keeps the local segments lower-cased and joined by dots.
    local: groups.local ? groups.local.toLowerCase().replace(/[-_]/g, '.') : null,
  };
  return { text: renderVersion(parts), ...parts };
}

function preLabel(label: string): 'a' | 'b' | 'rc' {
  const lower = label.toLowerCase();
  if (lower === 'a' || lower === 'alpha') return 'a';
  if (lower === 'b' || lower === 'beta') return 'b';
  return 'rc';
}

export function nextMajor(release: readonly number[]): number[] {
  return [release[0] + 1, ...release.slice(1).map(() => 0)];
}

export function nextMinor(release: readonly number[]): number[] {
  return [release[0], (release[1] ?? 0) + 1, ...release.slice(2).map(() => 0)];
}

export function nextPatch(release: readonly number[]): number[] {
  return [release[0], release[1] ?? 0, (release[2] ?? 0) + 1, ...release.slice(3).map(() => 0)];
}

/** poetry-core's Version.next_breaking (the caret upper bound), applied to the stable release. */
export function nextBreaking(release: readonly number[]): number[] {
  const [major, minor, patch] = release;
  if (major > 0 || minor === undefined) return nextMajor(release);
  if (minor > 0 || patch === undefined) return nextMinor(release);
  return nextPatch(release);
}

/** Text of a stable version built from parts: `[epoch!]release`. */
export function renderRelease(epoch: number, release: readonly number[]): string {
  return (epoch ? `${epoch}!` : '') + release.join('.');
}

/** Normalized text of a version, release parts as given (poetry-core's PEP440Version.to_string). */
export function renderVersion(version: Omit<PoetryVersion, 'text'>): string {
  let text = renderRelease(version.epoch, version.release);
  if (version.pre) text += `${version.pre.label}${version.pre.number}`;
  if (version.post !== null) text += `.post${version.post}`;
  if (version.dev !== null) text += `.dev${version.dev}`;
  if (version.local !== null) text += `+${version.local}`;
  return text;
}
