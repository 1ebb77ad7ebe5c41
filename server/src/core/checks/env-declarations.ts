/**
 * `env-mismatch` and `env-missing`: each declaration of the document compared with the installed
 * environment. A declaration counts when its marker holds in the target environment (the
 * `pipsight.targetEnvironment` setting, else the interpreter's) and it belongs to the runtime
 * environment (not `[build-system]` or uv build constraints, which go to an isolated build env).
 *
 * - env-mismatch (warning): installed, but its version is outside the declared specifier
 *   (pre-releases allowed; `==2.5.1` accepts `2.5.1+cu124`; a Poetry `||` union accepts any side).
 * - env-missing (information): not installed. Information, not a warning: the files are not wrong,
 *   the environment is only out of sync (not created yet, or another interpreter selected), and
 *   one `pip install`/`uv sync` fixes every such line at once. Which declarations are expected
 *   at all (constraints, optional groups, Poetry optional packages): expected-installed.ts, the
 *   rule the installed-environment tree shares.
 */
import type { AnalysisContext, InstalledDistribution, InstalledEnvironment } from '../context';
import { isSelfReference, type Finding, type Requirement } from '../model';
import { basename, toSlashes } from '../paths';
import { specifierSetContains } from '../pep440';
import { evaluateMarker, parseMarker, type MarkerEnvironment } from '../pep508';
import { specifierAlternatives } from './contradictions';
import { isExpectedInstalled } from './expected-installed';
import type { Occurrence } from './requirement-pairs';
import { trimTrailing } from '../trim';

const BUILD_GROUPS = new Set(['build-system', 'uv-build-constraint']);

/** Marker values declarations are evaluated with (`extra` empty: a project's own extras are groups, not markers). */
export function declarationEnvironment(context: AnalysisContext, installed: InstalledEnvironment): MarkerEnvironment {
  return { ...(context.targetEnvironment ?? installed.markerEnvironment), extra: '' };
}

/** Does this declaration end up in the (runtime) target environment? */
export function declarationApplies(requirement: Requirement, environment: MarkerEnvironment): boolean {
  if (BUILD_GROUPS.has(requirement.group)) return false;
  if (!requirement.marker) return true;
  const marker = parseMarker(requirement.marker).value;
  return marker === null || evaluateMarker(marker, environment);
}

export function installedByName(installed: InstalledEnvironment): Map<string, InstalledDistribution> {
  const byName = new Map<string, InstalledDistribution>();
  for (const distribution of installed.distributions) if (!byName.has(distribution.normalizedName)) byName.set(distribution.normalizedName, distribution);
  return byName;
}

function satisfiesDeclaration(requirement: Requirement, version: string): boolean {
  const alternatives = specifierAlternatives(requirement);
  return alternatives === null || alternatives.some((set) => specifierSetContains(set, version, { prereleases: true }));
}

/** Groups with at least one installed package, per file (optional groups count as installed then). */
function installedGroups(occurrences: Iterable<Occurrence[]>, installed: Map<string, InstalledDistribution>): Set<string> {
  const groups = new Set<string>();
  for (const list of occurrences) {
    for (const occurrence of list) {
      if (installed.has(occurrence.requirement.normalizedName)) groups.add(`${occurrence.file.path}\n${occurrence.requirement.group}`);
    }
  }
  return groups;
}

function expectedInstalled(occurrence: Occurrence, groupsWithPackages: Set<string>): boolean {
  const requirement = occurrence.requirement;
  return isExpectedInstalled(requirement.group, requirement.optional === true, groupsWithPackages.has(`${occurrence.file.path}\n${requirement.group}`));
}

function environmentName(installed: InstalledEnvironment): string {
  const prefix = trimTrailing(toSlashes(installed.prefix), '/');
  return basename(prefix) || prefix;
}

export function checkEnvironmentDeclarations(byPackage: Map<string, Occurrence[]>, context: AnalysisContext): Finding[] {
  const installed = context.installed;
  if (!installed) return [];
  const environment = declarationEnvironment(context, installed);
  const byName = installedByName(installed);
  const groupsWithPackages = installedGroups(byPackage.values(), byName);
  const where = environmentName(installed);
  const findings: Finding[] = [];
  for (const occurrences of byPackage.values()) {
    for (const occurrence of occurrences) {
      const requirement = occurrence.requirement;
      if (!occurrence.inRoot || isSelfReference(occurrence.file, requirement) || !declarationApplies(requirement, environment)) continue;
      const distribution = byName.get(requirement.normalizedName);
      if (!distribution) {
        if (!expectedInstalled(occurrence, groupsWithPackages)) continue;
        findings.push({
          code: 'env-missing',
          severity: 'information',
          message: `${requirement.name} is not installed in the environment (${where}).`,
          span: requirement.spans.name,
          package: requirement.normalizedName,
        });
      } else if (!satisfiesDeclaration(requirement, distribution.version)) {
        findings.push({
          code: 'env-mismatch',
          severity: 'warning',
          message: `${distribution.name} ${distribution.version} is installed (${where}), which does not satisfy ${requirement.constraint || requirement.specifier}.`,
          span: requirement.spans.specifier ?? requirement.spans.whole,
          package: requirement.normalizedName,
          related: [{ path: distribution.metadataPath ?? distribution.path, span: { start: 0, end: 0 }, message: `${distribution.name} ${distribution.version} installed here` }],
        });
      }
    }
  }
  return findings;
}
