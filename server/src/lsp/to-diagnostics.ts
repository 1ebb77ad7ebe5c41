import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../core/model';
import { resolveRelativeTo } from '../core/paths';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import type { CachedAnalysis } from './document-analyses';
import { stampFixes } from './fixes';
import { OtherFileRanges, spanToRange } from './positions';
import { pathKey, pathToFileUri } from './uris';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Findings of an analysis as LSP diagnostics. `data` carries the finding's fix data, stamped with
 * the document version and the text each edit replaces (fixes.ts FixesData), so code actions never
 * recompute (stateless fixes) and recognise data of an earlier version.
 */
export function toDiagnostics(cached: CachedAnalysis, readFile: (path: string) => string | undefined): Diagnostic[] {
  if (!cached.analysis) return [];
  return findingsToDiagnostics(cached.analysis.findings, cached, readFile);
}

/** Findings located in the analysed document's text (e.g. from index data) as diagnostics. */
export function findingsToDiagnostics(findings: readonly Finding[], cached: CachedAnalysis, readFile: (path: string) => string | undefined): Diagnostic[] {
  const otherFiles = new OtherFileRanges(readFile);
  return findings.map((finding) => toDiagnostic(finding, cached, otherFiles));
}

function toDiagnostic(finding: Finding, cached: CachedAnalysis, otherFiles: OtherFileRanges): Diagnostic {
  const diagnostic: Diagnostic = {
    range: spanToRange(cached.lines, finding.span),
    severity: SEVERITIES[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.code,
    message: finding.message,
  };
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  const data = stampFixes(finding.data, cached.version, cached.text);
  if (data) diagnostic.data = data;
  const related = relatedInformation(finding, cached, otherFiles);
  if (related.length > 0) diagnostic.relatedInformation = related;
  return diagnostic;
}

function relatedInformation(finding: Finding, cached: CachedAnalysis, otherFiles: OtherFileRanges): DiagnosticRelatedInformation[] {
  const result: DiagnosticRelatedInformation[] = [];
  for (const related of finding.related ?? []) {
    const path = related.path === undefined ? undefined : resolveRelativeTo(cached.path, related.path);
    if (path === undefined || pathKey(path) === pathKey(cached.path)) {
      result.push({ location: { uri: cached.uri, range: spanToRange(cached.lines, related.span) }, message: related.message });
      continue;
    }
    const range = otherFiles.rangeOf(path, related.span);
    // A related location in a file we cannot read has no position to show: leave it out.
    if (range) result.push({ location: { uri: pathToFileUri(path), range }, message: related.message });
  }
  return result;
}
