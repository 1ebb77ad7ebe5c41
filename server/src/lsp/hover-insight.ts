/**
 * The index section of a requirement's hover, as compact Markdown: latest stable and pre-release,
 * the newest release the specifier allows and the newest for the project's Python, release dates,
 * summary, links, a yanked pin's reason, the locked version and the index that answered (its URL
 * is already redacted by the registry).
 */
import type { PackageInsight, ReleaseSummary } from '../core/insights/types';
import type { Requirement } from '../core/model';
import { code, escapeMarkdown, row } from './markdown';

export interface LockedVersion {
  version: string;
  /** The lockfile's name, e.g. uv.lock. */
  lockfile: string;
  /** Every version locked when a forked lock has several, each with the marker of its fork. */
  forks?: { version: string; marker: string | null }[];
}

export function insightMarkdown(requirement: Requirement, insight: PackageInsight | null, locked: LockedVersion | null, requiresPython: string | null): string {
  const lines: string[] = [];
  if (insight?.summary) lines.push(escapeMarkdown(insight.summary), '');
  if (insight?.status === 'found') {
    if (insight.latestStable) lines.push(row('Latest', release(insight.latestStable)));
    if (insight.latestPrerelease) lines.push(row('Latest pre-release', release(insight.latestPrerelease)));
    // A yanked exact pin has its own row below.
    if (requirement.specifier && !(insight.pinned?.yanked && !insight.newestSatisfying)) {
      lines.push(row(`Newest allowed by ${code(requirement.specifier)}`, insight.newestSatisfying ? release(insight.newestSatisfying) : 'none'));
    }
    if (requiresPython) lines.push(row(`Newest for Python ${code(requiresPython)}`, insight.newestForPython ? release(insight.newestForPython) : 'none'));
    if (insight.pinned?.yanked) lines.push(row(`${code(insight.pinned.version)} is yanked`, insight.pinned.yankedReason ? escapeMarkdown(insight.pinned.yankedReason) : 'no reason given'));
  } else if (insight?.status === 'not-found') {
    lines.push(row('Index', 'no configured index has this project'));
  } else if (insight && insight.problem) {
    lines.push(row('Index', escapeMarkdown(insight.problem)));
  }
  if (locked) lines.push(row('Locked', `${lockedVersions(locked)} (${escapeMarkdown(locked.lockfile)})`));
  if (insight && insight.links.length > 0) lines.push('', insight.links.map((link) => `[${escapeMarkdown(link.label)}](${encodeURI(link.url)})`).join(' · '));
  if (insight?.answeredBy) {
    const { name, url } = insight.answeredBy;
    lines.push('', `_Index: ${name ? `${escapeMarkdown(name)} ` : ''}${code(url)}_`);
  }
  return lines.join('\n');
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
