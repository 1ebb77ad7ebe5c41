/**
 * `installed-conflict` (error): a `pip check` problem of the installed environment, shown on the
 * declaring lines of both packages in the document (the one whose Requires-Dist is broken, and
 * the one required), with related information pointing at the other side: its declaration when
 * it has one (in this file or an included one), else its installed metadata. A conflict between
 * two packages that are not declared here is reported on nothing in the document (the CLI lists
 * every conflict under the environment).
 */
import type { AnalysisContext, InstalledDistribution, InstalledEnvironment } from '../context';
import type { Finding, RelatedLocation } from '../model';
import { declarationApplies, declarationEnvironment } from './env-declarations';
import { checkInstalledEnvironment, type InstalledCheck, type InstalledConflict } from './installed-conflicts';
import { cappedRelated, MAX_RELATED_LOCATIONS, type Occurrence } from './requirement-pairs';

/** One pip-check pass per scanned environment: the editor re-analyses on every keystroke. */
const checkedEnvironments = new WeakMap<InstalledEnvironment, InstalledCheck>();

export function installedCheckOf(environment: InstalledEnvironment): InstalledCheck {
  let check = checkedEnvironments.get(environment);
  if (!check) {
    check = checkInstalledEnvironment(environment);
    checkedEnvironments.set(environment, check);
  }
  return check;
}

function metadataLocation(distribution: InstalledDistribution, message: string): RelatedLocation {
  return { path: distribution.metadataPath ?? distribution.path, span: { start: 0, end: 0 }, message };
}

function declarationLocation(occurrence: Occurrence, message: string): RelatedLocation {
  return { path: occurrence.inRoot ? undefined : occurrence.file.path, span: occurrence.requirement.spans.name, message };
}

/** Where the other side of a conflict is: its declarations, else its metadata, else nothing. */
function otherSide(declarations: Occurrence[], distribution: InstalledDistribution | null, message: string): RelatedLocation[] {
  if (declarations.length > 0) return cappedRelated(declarations.slice(0, MAX_RELATED_LOCATIONS).map((occurrence) => declarationLocation(occurrence, message)), declarations.length);
  return distribution ? [metadataLocation(distribution, message)] : [];
}

export function checkInstalledConflicts(byPackage: Map<string, Occurrence[]>, context: AnalysisContext): Finding[] {
  const installed = context.installed;
  if (!installed) return [];
  const { conflicts } = installedCheckOf(installed);
  if (conflicts.length === 0) return [];
  const environment = declarationEnvironment(context, installed);
  const declarationsOf = (name: string) => (byPackage.get(name) ?? []).filter((occurrence) => declarationApplies(occurrence.requirement, environment));
  const findings: Finding[] = [];
  const report = (conflict: InstalledConflict, at: Occurrence[], related: RelatedLocation[], name: string) => {
    for (const occurrence of at) {
      if (!occurrence.inRoot) continue;
      const finding: Finding = { code: 'installed-conflict', severity: 'error', message: conflict.message, span: occurrence.requirement.spans.name, package: name };
      if (related.length > 0) finding.related = related;
      findings.push(finding);
    }
  };
  for (const conflict of conflicts) {
    const requirerName = conflict.requirer.normalizedName;
    const requirerDeclarations = declarationsOf(requirerName);
    const dependencyDeclarations = declarationsOf(conflict.dependency);
    const requirerLabel = `${conflict.requirer.name} ${conflict.requirer.version} requires ${conflict.requirement}`;
    const dependencyLabel = conflict.installed ? `${conflict.installed.name} ${conflict.installed.version} is installed` : `${conflict.dependency} is not installed`;
    report(conflict, requirerDeclarations, otherSide(dependencyDeclarations, conflict.installed, dependencyLabel), requirerName);
    // A package requiring (another version of) itself: one finding is enough.
    if (conflict.dependency === requirerName) continue;
    report(conflict, dependencyDeclarations, otherSide(requirerDeclarations, conflict.requirer, requirerLabel), conflict.dependency);
  }
  return findings;
}
