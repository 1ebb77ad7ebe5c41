/**
 * The parts of a requirement's hover that come from the index and the lock, as compact Markdown
 * rows: its status (a yanked pin, a project no index has, an index problem), the latest stable and
 * pre-release, the newest release the specifier allows and the newest for the project's Python
 * with release dates, the locked version(s), and the summary and links. The index that answered
 * is in its own row (hover-index.ts; its URL is already redacted by the registry).
 */
import type { PackageInsight, ReleaseSummary } from '../core/insights/types';
import type { Requirement } from '../core/model';
import type { RequirementHoverParts } from './hover-content';
import { code, escapeMarkdown, row } from './markdown';

export interface LockedVersion {
  version: string;
  /** The lockfile's name, e.g. uv.lock. */
  lockfile: string;
  /** Every version locked when a forked lock has several, each with the marker of its fork. */
  forks?: { version: string; marker: string | null }[];
}

export function insightParts(requirement: Requirement, insight: PackageInsight | null, locked: LockedVersion | null, requiresPython: string | null): Pick<RequirementHoverParts, 'status' | 'versions' | 'summary' | 'links'> {
  const status: string[] = [];
  const versions: string[] = [];
  if (insight?.status === 'found') {
    if (insight.pinned?.yanked) status.push(row(`${code(insight.pinned.version)} is yanked`, insight.pinned.yankedReason ? escapeMarkdown(insight.pinned.yankedReason) : 'no reason given'));
    const latest = [insight.latestStable && release(insight.latestStable), insight.latestPrerelease && `pre-release ${release(insight.latestPrerelease)}`].filter((part): part is string => !!part);
    if (latest.length > 0) versions.push(row('Latest', latest.join('; ')));
    // A yanked exact pin has its own row above.
    if (requirement.specifier && !(insight.pinned?.yanked && !insight.newestSatisfying)) {
      versions.push(row(`Newest allowed by ${code(requirement.specifier)}`, insight.newestSatisfying ? release(insight.newestSatisfying) : 'none'));
    }
    if (requiresPython) versions.push(row(`Newest for Python ${code(requiresPython)}`, insight.newestForPython ? release(insight.newestForPython) : 'none'));
  } else if (insight?.status === 'not-found') {
    status.push(row('Not found', 'no configured index has this project'));
  } else if (insight && insight.problem) {
    status.push(row(insight.status === 'skipped' ? 'Index not asked' : 'Index data unavailable', escapeMarkdown(insight.problem)));
  }
  if (locked) versions.push(row('Locked', `${lockedVersions(locked)} (${escapeMarkdown(locked.lockfile)})`));
  const links = insight && insight.links.length > 0 ? insight.links.map((link) => `[${escapeMarkdown(link.label)}](${encodeURI(link.url)})`).join(' · ') : null;
  return { status, versions, summary: insight?.summary ?? null, links };
}

/** `2.1.1`, or for a forked lock `1.26.4` for `python_full_version < '3.10'`, `2.1.1` for `…`. */
function lockedVersions(locked: LockedVersion): string {
  if (!locked.forks || locked.forks.length < 2) return code(locked.version);
  return locked.forks.map((fork) => `${code(fork.version)}${fork.marker ? ` for ${code(fork.marker)}` : ''}`).join(', ');
}

function release(summary: ReleaseSummary): string {
  const date = summary.uploadTime ? ` (${summary.uploadTime.slice(0, 10)})` : '';
  const yanked = summary.yanked ? ' — yanked' : '';
  return `${code(summary.version)}${date}${yanked}`;
}
