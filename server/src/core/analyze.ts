/**
 * The one entry point the language server and the CLI share: parse a document (and what it
 * includes) and run every offline check. Same input, same findings, in the editor and in CI.
 */
import { runChecks } from './checks';
import { checkAgainstSiblingLock } from './checks/lock-sibling';
import { detectKind } from './detect';
import type { AnalysisContext } from './context';
import type { FileSource } from './file-source';
import { maxFileBytes, oversizedText, unreadFileFinding } from './file-limits';
import { loadIncludeTree, type IncludeEdge } from './formats/requirements-txt/include-tree';
import { withLocalProjectNames } from './local-project-names';
import { emptyParsedFile, type FileKind, type Finding, type ParsedFile } from './model';
import { hasTomlSyntaxErrors } from './formats/toml/toml-findings';
import { parseDocument } from './parse';
import { findProjectRequiresPython, type ProjectPython } from './project-python';

export interface DocumentAnalysis {
  file: ParsedFile;
  /** Files included by this one (requirements trees), in discovery order (depth first); excludes `file`. */
  included: ParsedFile[];
  /** For each file of `included`: the include line that brought it in and the file that has it. */
  includedFrom: ReadonlyMap<ParsedFile, IncludeEdge>;
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
  // A document over the size limit (an open editor buffer; the CLI's reader stops before) is reported, not analysed.
  const oversized = oversizedText(text, kind);
  if (oversized !== null) return unreadDocumentAnalysis(path, kind, unreadFileFinding({ status: 'too-large', bytes: oversized, limit: maxFileBytes(kind) }));
  let file: ParsedFile;
  let included: ParsedFile[] = [];
  let includedFrom: ReadonlyMap<ParsedFile, IncludeEdge> = new Map();
  const findings: Finding[] = [];
  const dependencies: string[] = [];
  if (kind === 'requirements') {
    const tree = loadIncludeTree(path, text, files, { variables: context.environmentVariables });
    file = tree.root;
    included = tree.files.filter((f) => f !== tree.root);
    includedFrom = tree.includedFrom;
    findings.push(...file.errors, ...(tree.findingsByPath.get(path) ?? []));
    for (const include of tree.files) if (include.path !== path) dependencies.push(include.path);
    for (const dependency of tree.missing ?? []) dependencies.push(dependency);
  } else {
    const parsed = parseDocument(path, text, kind);
    if (!parsed) return null;
    file = parsed;
    findings.push(...file.errors);
  }
  // Local project requirements (`-e .`) are named by their project's metadata (these parses are this analysis's own).
  for (const parsed of [file, ...included]) {
    const named = withLocalProjectNames(parsed.requirements, files);
    parsed.requirements = named.requirements;
    dependencies.push(...named.lookedFor);
  }
  let projectPython: ProjectPython | null = null;
  if (!file.requiresPython && (kind === 'requirements' || kind === 'pyproject')) {
    const lookup = findProjectRequiresPython(path, kind, files);
    projectPython = lookup.found;
    dependencies.push(...lookup.lookedFor);
  }
  findings.push(...runChecks(file, text, included, context, projectPython));
  const lockChecks = checkAgainstSiblingLock(file, text, files, context);
  // A model recovered from invalid TOML is partial: comparing it with the lock would advise a lock
  // command because of a syntax error. The syntax error is the finding.
  if (!hasTomlSyntaxErrors(file.errors)) findings.push(...lockChecks.findings);
  dependencies.push(...lockChecks.lookedFor);
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { file, included, includedFrom, findings, dependencies };
}

/** The analysis of a file that could not be analysed (too large, unreadable): only that finding. */
export function unreadDocumentAnalysis(path: string, kind: FileKind, finding: Finding): DocumentAnalysis {
  const file = emptyParsedFile(path, kind);
  file.errors.push(finding);
  return { file, included: [], includedFrom: new Map(), findings: [finding], dependencies: [] };
}
