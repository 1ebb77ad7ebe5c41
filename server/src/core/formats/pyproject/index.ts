/**
 * pyproject.toml → ParsedFile. The TOML is read into a located tree (./toml-document), then one
 * small processor per table fills the model: PEP 621 [project], PEP 518 [build-system], PEP 735
 * [dependency-groups], Poetry, uv, PDM and Hatch. Unknown tables are ignored; wrong types become
 * findings at the value and processing continues. Never throws on user text.
 */
import { emptyParsedFile, type ParsedFile } from '../../model';
import type { PyprojectContext } from './context';
import { processDependencyGroups } from './dependency-groups';
import { processHatch, processPdm } from './pdm-hatch';
import { processBuildSystem, processProject } from './pep621';
import { processPoetry } from './poetry';
import { parseTomlDocument } from './toml-document';
import { applyUvSources, processUv } from './uv';

/** In order: [project] before Poetry (its requires-python wins), uv sources last (they apply to every table). */
const PROCESSORS: ((context: PyprojectContext) => void)[] = [
  processProject,
  processBuildSystem,
  processDependencyGroups,
  processPoetry,
  processUv,
  processPdm,
  processHatch,
  applyUvSources,
];

export function parsePyproject(text: string, path: string): ParsedFile {
  const file = emptyParsedFile(path, 'pyproject');
  const { root, errors } = parseTomlDocument(text);
  file.errors.push(...errors);
  const context: PyprojectContext = { text, file, root };
  for (const processor of PROCESSORS) processor(context);
  // Processors run table by table; present requirements in document order.
  file.requirements.sort((a, b) => a.spans.whole.start - b.spans.whole.start);
  return file;
}
