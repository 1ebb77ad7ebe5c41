/**
 * Rewrites offered for any requirement with index data under the cursor (pure; the language server
 * shows them as `refactor.rewrite` code actions, beside the quick fixes of the diagnostics):
 *
 *   update keeping the operator   `>=1.2` → `>=1.5`, `==1.2` → `==1.5`, Poetry `^1.2` → `^1.5`; also
 *                                 when the specifier already allows the latest release
 *   pin exactly                   `==1.5` (Poetry: `1.5`)
 *   pin to the locked version     `==<locked>`, when a lockfile beside the manifest locks it
 *
 * "Latest" is the newest stable release for the lowest Python the requirement is installed on when
 * the project declares requires-python (the release an update should go to), else the newest stable
 * release (else the newest pre-release). No rewrite that changes nothing is offered.
 */
import type { FixData, Requirement } from '../model';
import { compareVersions } from '../pep440';
import { exactPinVersion } from './build-insight';
import { isPoetryRequirement, pinExactlyEdit, updateToVersionEdit } from './edits';
import type { PackageInsight } from './types';

export function requirementRewrites(requirement: Requirement, text: string, insight: PackageInsight, lockedVersion: string | null = null): FixData[] {
  if (insight.status !== 'found' || requirement.url) return [];
  const latest = (insight.newestForPython ?? insight.latestStable ?? insight.latestPrerelease)?.version;
  const rewrites: FixData[] = [];
  const pinText = (version: string) => (isPoetryRequirement(requirement, text) ? version : `==${version}`);
  if (latest) {
    const update = updateToVersionEdit(requirement, text, latest);
    if (update) rewrites.push({ fix: 'replace', ...update, title: `Update ${requirement.name} to ${latest} keeping the operator: ${update.newText.trim()}` });
    const pin = pinExactlyEdit(requirement, text, latest);
    if (pin && pin.newText !== update?.newText) rewrites.push({ fix: 'replace', ...pin, title: `Pin ${requirement.name} exactly to ${pinText(latest)}` });
  }
  const pinnedNow = exactPinVersion(requirement.specifier);
  if (lockedVersion && !(pinnedNow && compareVersions(pinnedNow, lockedVersion) === 0)) {
    const pin = pinExactlyEdit(requirement, text, lockedVersion);
    if (pin) rewrites.push({ fix: 'replace', ...pin, title: `Pin ${requirement.name} to the locked version ${pinText(lockedVersion)}` });
  }
  return rewrites;
}
