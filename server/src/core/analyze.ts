/**
 * The one entry point the language server and the CLI share: parse a document (and what it
 * includes) and run every offline check. Same input, same findings, in the editor and in CI.
 */
import { runChecks } from './checks';
import { checkAgainstSiblingLock } from './checks/lock-sibling';
import { detectKind } from './detect';
import type { AnalysisContext } from './context';
import type { FileSource } from './file-source';
import { loadIncludeTree } from './formats/requirements-txt/include-tree';
import type { FileKind, Finding, ParsedFile } from './model';
import { parseDocument } from './parse';
import { findProjectRequiresPython, type ProjectPython } from './project-python';

export interface DocumentAnalysis {
  file: ParsedFile;
  /** Files included by this one (requirements trees), in discovery order; excludes `file`. */
  included: ParsedFile[];
  /** Findings located in this document's text, sorted by position. */
  findings: Finding[];
  /** Other files that were read or looked for (includes); a change to one of them invalidates this analysis. */
  dependencies: string[];
}

export function analyzeDocument(
  path: string,
  text: string,
  files: FileSource,
  kind: FileKind | null = detectKind(path),
  context: AnalysisContext = {},
): DocumentAnalysis | null {
  if (!kind) return null;
  let file: ParsedFile;
  let included: ParsedFile[] = [];
  const findings: Finding[] = [];
  const dependencies: string[] = [];
  if (kind === 'requirements') {
    const tree = loadIncludeTree(path, text, files);
    file = tree.root;
    included = tree.files.filter((f) => f !== tree.root);
    findings.push(...file.errors, ...(tree.findingsByPath.get(path) ?? []));
    for (const include of tree.files) if (include.path !== path) dependencies.push(include.path);
    for (const dependency of tree.missing ?? []) dependencies.push(dependency);
  } else {
    const parsed = parseDocument(path, text, kind);
    if (!parsed) return null;
    file = parsed;
    findings.push(...file.errors);
  }
  let projectPython: ProjectPython | null = null;
  if (!file.requiresPython && (kind === 'requirements' || kind === 'pyproject')) {
    const lookup = findProjectRequiresPython(path, kind, files);
    projectPython = lookup.found;
    dependencies.push(...lookup.lookedFor);
  }
  findings.push(...runChecks(file, text, included, context, projectPython));
  const lockChecks = checkAgainstSiblingLock(file, text, files, context);
  findings.push(...lockChecks.findings);
  dependencies.push(...lockChecks.lookedFor);
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { file, included, findings, dependencies };
}
