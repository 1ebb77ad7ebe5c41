/** Every offline check, run on a parsed document and the files it includes. */
import type { AnalysisContext } from '../context';
import { isLockfileKind, type Finding, type ParsedFile } from '../model';
import type { ProjectPython } from '../project-python';
import { checkContradictions, specifiersContradict } from './contradictions';
import { checkDuplicates } from './duplicates';
import { checkEnvironmentDeclarations } from './env-declarations';
import { EnvironmentSet } from './environments';
import { checkLockConflicts } from './lock-conflict';
import { checkInstalledConflicts } from './installed-conflict-findings';
import { checkPython2Backports } from './python2-backports';
import { occurrencesByPackage, occurrencesOfUnnamedLocalProjects } from './requirement-pairs';


/** `projectPython`: the nearest pyproject's requires-python, for a file that does not declare one (python2-backport). */
export function runChecks(
  root: ParsedFile,
  text: string,
  others: readonly ParsedFile[],
  context: AnalysisContext = {},
  projectPython: ProjectPython | null = null,
): Finding[] {
  if (isLockfileKind(root.kind)) return checkLockConflicts(root);
  const environments = new EnvironmentSet(root.requiresPython?.specifier ?? null);
  // Several isolated build environments in one file: the checks that assume one environment do not apply.
  if (root.purpose === 'build-dependencies') return checkPython2Backports(root, text, environments, projectPython);
  const byPackage = occurrencesByPackage(root, others);
  const unnamedLocalProjects = occurrencesOfUnnamedLocalProjects(root, others);
  const byPackageOrFolder = unnamedLocalProjects.size > 0 ? new Map([...byPackage, ...unnamedLocalProjects]) : byPackage;
  return [
    ...checkContradictions(byPackage, environments),
    ...checkDuplicates(byPackageOrFolder, environments, (a, b) => specifiersContradict(a.requirement, b.requirement), text),
    ...checkPython2Backports(root, text, environments, projectPython),
    ...checkEnvironmentDeclarations(byPackage, context),
    ...checkInstalledConflicts(byPackage, context),
  ];
}
