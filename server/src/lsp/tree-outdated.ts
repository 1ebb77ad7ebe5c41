/**
 * The `outdated` problem of the dependency tree's roots, from the index data the server already
 * holds (never a network request from the tree): the insights of the open manifest's
 * requirements, else the latest insight seen for the package name. A root is outdated when the
 * newest stable release (for the project's Python, when it declares one) is newer than the
 * locked / installed version, or, when nothing is resolved, when the specifier does not allow it
 * though it allows older releases (the rule of the `outdated` diagnostic).
 */
import { versionSatisfies } from '../core/graph';
import type { PackageInsight } from '../core/insights/types';
import type { Requirement } from '../core/model';
import { normalizeName } from '../core/names';
import { compareVersions } from '../core/pep440';
import type { DependencyTreeItem } from '../protocol';

export interface OutdatedSources {
  /** The insight of the manifest's declaration of this group and name, when the manifest is open. */
  declared(group: string, normalizedName: string): { requirement: Requirement; insight: PackageInsight } | undefined;
  /** The latest insight seen for a name in any document. */
  known(normalizedName: string): PackageInsight | undefined;
}

/** Adds `{code: 'outdated', message: 'latest X'}` to the forward roots it applies to. */
export function markOutdatedRoots(roots: DependencyTreeItem[], sources: OutdatedSources): void {
  for (const root of roots) {
    if (root.group === undefined || root.declaration) continue;
    const latest = outdatedBy(root, sources);
    if (latest) root.problems = [...(root.problems ?? []), { code: 'outdated', message: `latest ${latest}` }];
  }
}

function outdatedBy(root: DependencyTreeItem, sources: OutdatedSources): string | null {
  const normalizedName = normalizeName(root.name);
  const declared = sources.declared(root.group!, normalizedName);
  const insight = declared?.insight ?? sources.known(normalizedName);
  if (!insight || insight.status !== 'found') return null;
  const target = insight.newestForPython ?? insight.latestStable;
  if (!target) return null;
  if (root.version !== null) return root.version !== '' && compareVersions(target.version, root.version) > 0 ? target.version : null;
  // Not resolved: only the declaration's own insight knows the newest release its specifier allows.
  const newestAllowed = declared?.insight.newestSatisfying;
  if (!declared || declared.requirement.specifier === '' || !newestAllowed || versionSatisfies(declared.requirement.specifier, target.version)) return null;
  return compareVersions(newestAllowed.version, target.version) < 0 ? target.version : null;
}
