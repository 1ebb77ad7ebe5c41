/**
 * `python2-backport`: packages that only backport a standard-library module to Pythons that lack
 * it. When every Python the project targets already has the module, the package is dead weight at
 * best (`typing`, `enum34`) and breaks installs or shadows the standard library at worst (`futures`
 * refuses to install on Python 3, `enum34` breaks `re` on 3.6+).
 */
import type { Finding, ParsedFile, Requirement } from '../model';
import { compareVersions, parseSpecifierAlternatives, parseSpecifierSet, specifierSetsIntersect } from '../pep440';
import { markersCanOverlap } from '../pep508';
import type { ProjectPython } from '../project-python';
import type { EnvironmentSet } from './environments';
import { removalSpan } from './removal';

interface Backport {
  module: string;
  /** First Python version whose standard library has the module. */
  since: string;
}

/** Keyed by PEP 503 normalized name. Only pure backports: packages that add nothing on newer Pythons. */
export const PYTHON_BACKPORTS: ReadonlyMap<string, Backport> = new Map([
  ['futures', { module: 'concurrent.futures', since: '3.2' }],
  ['concurrent-futures', { module: 'concurrent.futures', since: '3.2' }],
  ['enum34', { module: 'enum', since: '3.4' }],
  ['typing', { module: 'typing', since: '3.5' }],
  ['argparse', { module: 'argparse', since: '2.7' }],
  ['ordereddict', { module: 'collections.OrderedDict', since: '2.7' }],
  ['subprocess32', { module: 'subprocess', since: '3.2' }],
  ['functools32', { module: 'functools', since: '3.2' }],
  ['ipaddress', { module: 'ipaddress', since: '3.3' }],
  ['pathlib', { module: 'pathlib', since: '3.4' }],
  ['asyncio', { module: 'asyncio', since: '3.4' }],
  ['statistics', { module: 'statistics', since: '3.4' }],
  ['singledispatch', { module: 'functools.singledispatch', since: '3.4' }],
  ['selectors34', { module: 'selectors', since: '3.4' }],
  ['backports-ssl-match-hostname', { module: 'ssl.match_hostname', since: '3.5' }],
  ['dataclasses', { module: 'dataclasses', since: '3.7' }],
  ['contextvars', { module: 'contextvars', since: '3.7' }],
]);

/** The environments a requirement is installed in: those that satisfy its marker. */
function pythonsOfRequirement(requirement: Requirement, environments: EnvironmentSet): string[] {
  const marker = environments.marker(requirement.marker);
  return environments.environments
    .filter((env) => !marker || markersCanOverlap(marker, null, [env]))
    .map((env) => env.python_version ?? '0');
}

/**
 * Does requires-python admit a Python older than `version` (e.g. 3.7 for dataclasses)? True when
 * any alternative of a Poetry union does (`~2.7 || ^3.6` admits 2.7), and when an alternative is
 * unreadable: we cannot tell, so we stay silent.
 */
function admitsPythonBefore(requiresPython: string, version: string): boolean {
  const older = parseSpecifierSet(`<${version}`).value;
  if (!older) return true;
  const alternatives = parseSpecifierAlternatives(requiresPython);
  return alternatives === null || alternatives.some((alternative) => specifierSetsIntersect(alternative, older));
}

/**
 * Applies only when requires-python excludes Python 2: the file's own, else the nearest
 * pyproject's (`projectPython`); with neither we do not know the project's Pythons and say nothing.
 */
export function checkPython2Backports(file: ParsedFile, text: string, environments: EnvironmentSet, projectPython: ProjectPython | null = null): Finding[] {
  const requiresPython = file.requiresPython?.specifier ?? projectPython?.specifier ?? null;
  if (!requiresPython) return [];
  const target = file.requiresPython ? `requires-python ${requiresPython}` : `requires-python ${requiresPython} in ${projectPython!.relativePath}`;
  const findings: Finding[] = [];
  for (const requirement of file.requirements) {
    const backport = PYTHON_BACKPORTS.get(requirement.normalizedName);
    if (!backport || requirement.group === 'constraint' || requirement.url) continue;
    if (admitsPythonBefore(requiresPython, backport.since)) continue;
    const pythons = pythonsOfRequirement(requirement, environments);
    if (pythons.length === 0) continue; // its marker limits it to Pythons we don't target (e.g. python_version < "3")
    if (!pythons.every((python) => compareVersions(python, backport.since) >= 0)) continue;
    const removal = removalSpan(text, requirement, file.kind === 'requirements');
    findings.push({
      code: 'python2-backport',
      severity: 'warning',
      message: `${requirement.name} backports the standard library's ${backport.module} (in Python since ${backport.since}); every Python this project targets (${target}) already has it. Remove it.`,
      span: requirement.spans.name,
      package: requirement.normalizedName,
      unnecessary: true,
      data: { fix: 'remove', span: removal, title: `Remove ${requirement.name}` },
    });
  }
  return findings;
}
