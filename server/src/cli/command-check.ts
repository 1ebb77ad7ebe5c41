/**
 * `pipsight check [PATH…]`: the editor's findings, for CI. Exit 0 without error-severity findings,
 * 1 with, 2 on a usage error.
 */
import { DiskFileSource } from '../env/disk-file-source';
import type { Severity } from '../core/model';
import { analyzeTarget } from './analyze-target';
import { collectTargetFiles } from './collect-files';
import { createPainter } from './color';
import { EXIT_FINDINGS, EXIT_OK, useColor, type CliIo } from './io';
import { JSON_SCHEMA_VERSION, countErrors, toJsonDiagnostic, type JsonDiagnostic } from './json-diagnostic';
import { FILE_COMMAND_OPTIONS, parseCommandArgs, parseFormat, parseKind } from './parse-options';

export const CHECK_HELP = `Usage: pipsight check [PATH...] [--format text|json] [--kind KIND]

Reports the same findings as the editor for each dependency file. A directory is walked
recursively for supported files (virtual environments, .git, node_modules, caches and build
folders are skipped). PATH defaults to the current directory.

Options:
  -f, --format text|json  output format (default: text); JSON is documented in the README
      --kind KIND         parser for file arguments whose name is not recognized
                          (pyproject, requirements, poetry-lock, uv-lock, pdm-lock, pylock)
  -h, --help              show this help

Exit status: 0 no error found, 1 at least one error-severity finding, 2 usage error.
`;

export interface CheckedFile {
  path: string;
  diagnostics: JsonDiagnostic[];
}

export function runCheck(argv: string[], io: CliIo, cwd: string): number {
  const { values, positionals } = parseCommandArgs(argv, FILE_COMMAND_OPTIONS);
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT_OK;
  }
  const format = parseFormat(values.format);
  const targets = collectTargetFiles(positionals.length > 0 ? positionals : ['.'], cwd, parseKind(values.kind));
  const files = new DiskFileSource();
  const checked: CheckedFile[] = targets.map((target) => {
    const { lines, analysis } = analyzeTarget(target, files);
    const findings = analysis?.findings ?? [];
    return { path: target.displayPath, diagnostics: findings.map((finding) => toJsonDiagnostic(finding, lines)) };
  });
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ schema: JSON_SCHEMA_VERSION, files: checked }, null, 2)}\n`);
  } else {
    writeCheckText(checked, io);
  }
  const errorCount = checked.reduce((sum, file) => sum + countErrors(file.diagnostics), 0);
  return errorCount > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** Compiler-style lines, `path:line:col: severity[code] message` (1-based), then a summary. */
function writeCheckText(checked: CheckedFile[], io: CliIo): void {
  const paint = createPainter(useColor(io));
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of checked) {
    for (const diagnostic of file.diagnostics) {
      counts[diagnostic.severity]++;
      const location = `${file.path}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
      const label = paint.severity(diagnostic.severity, `${diagnostic.severity}[${diagnostic.code}]`);
      io.stdout.write(`${paint.bold(location)}: ${label} ${diagnostic.message}\n`);
    }
  }
  io.stdout.write(`${summaryLine(counts, checked.length)}\n`);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 || word === 'information' ? '' : 's'}`;
}

export function summaryLine(counts: Record<Severity, number>, fileCount: number): string {
  const files = plural(fileCount, 'file');
  const parts = (['error', 'warning', 'information', 'hint'] as const)
    .filter((severity) => counts[severity] > 0)
    .map((severity) => plural(counts[severity], severity));
  if (parts.length === 0) return `No problems found in ${files}.`;
  return `Found ${parts.join(', ')} in ${files}.`;
}
