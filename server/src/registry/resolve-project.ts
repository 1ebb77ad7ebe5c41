/**
 * Asks the indexes chosen by core's index selection (`indexesForRequirement`) for one project and
 * combines their answers the way the tool would:
 * - 'first-match' (uv): indexes in order; the first that has the project answers alone.
 * - 'merge' (pip, PDM, Poetry): every index is asked (in parallel); releases are combined — for a
 *   version on several indexes, the first index's release wins.
 * SelectedIndex URLs carry no userinfo (credentials travel separately), so they are safe to show.
 * `fallback` indexes (Poetry supplemental) are asked only when none of the main ones has the project.
 * Failures of single indexes are reported in `failures` (for the once-per-index `index-unreachable`
 * diagnostic); the project is 'not-found' only when every index answered and none had it.
 */
import { compareVersions } from '../core/pep440';
import { compareParsedVersions, formatVersion } from '../core/pep440/version';
import { normalizeName } from '../core/names';
import { PageVersions, type ProjectPage, type ProjectRelease, type RequirementIndexes, type SelectedIndex } from '../core/indexes';
import type { IndexClient, ProjectResult } from './index-client';
import type { AnswerSource, RegistryError } from './types';

export interface IndexFailure {
  index: { name: string | null; url: string };
  error: RegistryError;
}

export type ResolvedProject =
  | {
      ok: true;
      project: ProjectPage;
      /** The indexes whose data is in `project` (name and redacted URL), in asking order. */
      answeredBy: { name: string | null; url: string }[];
      /** Which index each version came from (version as in `project.versions`). */
      versionIndex: Map<string, { name: string | null; url: string }>;
      /** The least fresh source among the answers (a stale answer makes the whole result stale). */
      source: AnswerSource;
      failures: IndexFailure[];
    }
  | { ok: false; error: RegistryError; failures: IndexFailure[] };

export async function resolveProject(client: IndexClient, plan: RequirementIndexes, project: string): Promise<ResolvedProject> {
  if (plan.problem) return { ok: false, error: { kind: 'not-found', message: plan.problem }, failures: [] };
  const main = await askGroup(client, plan.indexes, plan.strategy, project);
  if (main.ok || plan.fallback.length === 0 || main.error.kind !== 'not-found') return main;
  const fallback = await askGroup(client, plan.fallback, 'merge', project);
  return { ...fallback, failures: [...main.failures, ...fallback.failures] };
}

async function askGroup(client: IndexClient, indexes: SelectedIndex[], strategy: 'first-match' | 'merge', project: string): Promise<ResolvedProject> {
  const failures: IndexFailure[] = [];
  const found: Extract<ProjectResult, { ok: true }>[] = [];
  if (strategy === 'first-match') {
    for (const index of indexes) {
      const result = await client.getProject(index, project);
      if (result.ok) {
        found.push(result);
        break;
      }
      if (result.error.kind !== 'not-found') failures.push({ index: { name: index.name, url: index.url }, error: result.error });
    }
  } else {
    const results = await Promise.all(indexes.map((index) => client.getProject(index, project)));
    results.forEach((result, position) => {
      if (result.ok) found.push(result);
      else if (result.error.kind !== 'not-found') failures.push({ index: { name: indexes[position].name, url: indexes[position].url }, error: result.error });
    });
  }
  if (found.length === 0) {
    const error: RegistryError = failures.length
      ? failures[0].error
      : { kind: 'not-found', message: `${project} is not on ${indexes.map((index) => index.name ?? index.url).join(', ') || 'any configured index'}` };
    return { ok: false, error, failures };
  }
  return { ...merge(found, project), failures };
}

function merge(found: Extract<ProjectResult, { ok: true }>[], project: string): Omit<Extract<ResolvedProject, { ok: true }>, 'failures'> {
  const versionIndex = new Map<string, { name: string | null; url: string }>();
  const releases: ProjectRelease[] = [];
  const seen = new Set<string>();
  // Each version parsed once here (a project may have 100,000 releases; the shared memo holds 4,096).
  const versions = new PageVersions();
  for (const answer of found) {
    for (const release of answer.project.releases) {
      const parsed = versions.get(release.version);
      const key = parsed ? formatVersion(parsed) : release.version;
      if (seen.has(key)) continue;
      seen.add(key);
      releases.push(release);
      versionIndex.set(release.version, answer.index);
    }
  }
  // One index: its releases are in order already (and the page is returned as it is).
  if (found.length > 1) {
    releases.sort((a, b) => {
      const left = versions.get(a.version);
      const right = versions.get(b.version);
      return left && right ? compareParsedVersions(left, right) : compareVersions(a.version, b.version);
    });
  }
  const first = found[0].project;
  const staleAnswer = found.find((answer) => answer.source.via === 'stale');
  return {
    ok: true,
    project: found.length === 1 ? first : { ...first, name: first.name || project, normalizedName: normalizeName(first.name || project), releases, versions: releases.map((release) => release.version) },
    answeredBy: found.map((answer) => answer.index),
    versionIndex,
    source: staleAnswer?.source ?? found.reduce((oldest, answer) => (answer.source.fetchedAt < oldest.fetchedAt ? answer.source : oldest), found[0].source),
  };
}
