/** The diagnostic shape of the CLI JSON (schema 1), shared by `check` and `deps`. */
import { LineIndex, type Range } from '../core/line-index';
import type { DiagnosticCode, Finding, RelatedLocation, Severity } from '../core/model';

export const JSON_SCHEMA_VERSION = 1;

export interface JsonDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** 0-based line and UTF-16 character, like LSP. */
  range: Range;
  /** Normalized package name, or null when the finding is not about one package. */
  package: string | null;
  /**
   * `check` only: other places the finding refers to, like the editor's related information
   * (the lock entry of a lock-mismatch, the other declaring line of an installed-conflict).
   */
  related?: JsonRelated[];
}

export interface JsonRelated {
  /** The file, as `files[].path` shows paths (relative to the working directory when inside it). */
  path: string;
  range: Range;
  message: string;
}

/** Places a related location in its file; null when the file cannot be read. */
export type RelatedResolver = (related: RelatedLocation) => JsonRelated | null;

export function toJsonDiagnostic(finding: Finding, lines: LineIndex, resolveRelated?: RelatedResolver): JsonDiagnostic {
  const diagnostic: JsonDiagnostic = {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    range: lines.rangeOf(finding.span),
    package: finding.package ?? null,
  };
  if (resolveRelated) diagnostic.related = (finding.related ?? []).map(resolveRelated).filter((related): related is JsonRelated => related !== null);
  return diagnostic;
}

export function countErrors(diagnostics: readonly { severity: Severity }[]): number {
  return diagnostics.filter((d) => d.severity === 'error').length;
}
