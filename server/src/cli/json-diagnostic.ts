/** The diagnostic shape of the CLI JSON (schema 1), shared by `check` and `deps`. */
import { LineIndex, type Range } from '../core/line-index';
import type { DiagnosticCode, Finding, Severity } from '../core/model';

export const JSON_SCHEMA_VERSION = 1;

export interface JsonDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** 0-based line and UTF-16 character, like LSP. */
  range: Range;
  /** Normalized package name, or null when the finding is not about one package. */
  package: string | null;
}

export function toJsonDiagnostic(finding: Finding, lines: LineIndex): JsonDiagnostic {
  return {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    range: lines.rangeOf(finding.span),
    package: finding.package ?? null,
  };
}

export function countErrors(diagnostics: readonly { severity: Severity }[]): number {
  return diagnostics.filter((d) => d.severity === 'error').length;
}
