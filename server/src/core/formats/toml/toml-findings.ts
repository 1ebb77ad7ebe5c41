/** The tolerant parser's syntax errors as `invalid-toml` findings (related locations in the same file). */
import type { Finding } from '../../model';
import type { TomlSyntaxError } from './tolerant-toml';

export function invalidTomlFindings(errors: readonly TomlSyntaxError[]): Finding[] {
  return errors.map((error) => ({
    code: 'invalid-toml',
    severity: 'error',
    message: `Invalid TOML: ${error.message}`,
    span: error.span,
    ...(error.related ? { related: error.related.map((related) => ({ span: related.span, message: related.message })) } : {}),
  }));
}

/** True when a parse reported TOML syntax errors: its model is then partial (recovered). */
export function hasTomlSyntaxErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.code === 'invalid-toml');
}
