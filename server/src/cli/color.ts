/** ANSI styling, applied only when enabled (stdout is a terminal and NO_COLOR is unset). */
import type { Severity } from '../core/model';

export interface Painter {
  bold(text: string): string;
  dim(text: string): string;
  severity(severity: Severity, text: string): string;
}

const SEVERITY_COLOR_CODES: Record<Severity, string> = { error: '31', warning: '33', information: '34', hint: '36' };

export function createPainter(enabled: boolean): Painter {
  const wrap = (code: string, text: string) => (enabled ? `\u001b[${code}m${text}\u001b[0m` : text);
  return {
    bold: (text) => wrap('1', text),
    dim: (text) => wrap('2', text),
    severity: (severity, text) => wrap(`1;${SEVERITY_COLOR_CODES[severity]}`, text),
  };
}
