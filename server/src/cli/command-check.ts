/**
 * `pipsight check [PATH…]`: the editor's findings, for CI. Exit 0 without error-severity findings,
 * 1 with, 2 on a usage error.
 */
import { relative } from 'node:path';
import { DiskFileSource } from '../env/disk-file-source';
import { readWithoutByteOrderMark, type FileSource } from '../core/file-source';
import { FileLineIndexes, LineIndex } from '../core/line-index';
import type { Severity } from '../core/model';
import { toSlashes } from '../core/paths';
import { analyzeTarget } from './analyze-target';
import { CliEnvironments, ENVIRONMENT_HELP, ENVIRONMENT_OPTIONS } from './cli-environment';
import { collectTargetFiles } from './collect-files';
import { createPainter } from './color';
import { environmentTextLines, toJsonEnvironment, type JsonEnvironment } from './environment-report';
import { EXIT_FINDINGS, EXIT_OK, stderrWarning, useColor, type CliIo } from './io';
import { JSON_SCHEMA_VERSION, countErrors, toJsonDiagnostic, type JsonDiagnostic, type RelatedResolver } from './json-diagnostic';
import { writeJson } from './json-output';
import { CliIndexService, INDEX_HELP, INDEX_OPTIONS } from './index-checks';
import { FILE_COMMAND_OPTIONS, parseCommandArgs, parseFormat, parseKind } from './parse-options';

export const CHECK_HELP = `Usage: pipsight check [PATH...] [--format text|json] [--kind KIND] [--python PATH | --no-env]
                      [--index-url URL] [--extra-index-url URL]... [--offline] [--cache-dir DIR]
                      [--no-index-checks]

Reports the same findings as the editor for each dependency file. A directory is walked
recursively for supported files (virtual environments, .git, node_modules, caches and build
folders are skipped). PATH defaults to the current directory. Declarations are compared with
the installed environment of PATH (env-mismatch, env-missing, installed-conflict), read without
running Python; every \`pip check\` problem of that environment is listed after the files.

Options:
  -f, --format text|json  output format (default: text); JSON is documented in the README
      --kind KIND         parser for file arguments whose name is not recognized
                          (pyproject, requirements, poetry-lock, uv-lock, pdm-lock, pylock)
${ENVIRONMENT_HELP}${INDEX_HELP}      --no-index-checks   skip the package-index checks (no network, no cache)
  -h, --help              show this help

Exit status: 0 no error found, 1 at least one error-severity finding, 2 usage error,
3 internal error (a bug: the message and stack trace are on stderr).
`;

export const CHECK_OPTIONS = { ...FILE_COMMAND_OPTIONS, ...ENVIRONMENT_OPTIONS, ...INDEX_OPTIONS, 'no-index-checks': { type: 'boolean' } } as const;

export interface CheckedFile {
  path: string;
  diagnostics: JsonDiagnostic[];
}

export async function runCheck(argv: string[], io: CliIo, cwd: string): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, CHECK_OPTIONS, 'check');
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT_OK;
  }
  const format = parseFormat(values.format);
  const paths = positionals.length > 0 ? positionals : ['.'];
  const targets = collectTargetFiles(paths, cwd, parseKind(values.kind), stderrWarning(io));
  const files = new DiskFileSource();
  const installed = new CliEnvironments(paths, values, io, cwd);
  const indexes = values['no-index-checks'] ? null : new CliIndexService(values, io, cwd);
  const checked: CheckedFile[] = [];
  const relatedFiles = new RelatedFiles(files, cwd);
  try {
    for (const target of targets) {
      const environment = installed.forFile(target.absolutePath);
      const { lines, text, analysis } = analyzeTarget(target, files, { installed: environment, environmentVariables: io.env ?? process.env });
      const findings = [...(analysis?.findings ?? [])];
      if (analysis && indexes) findings.push(...(await indexes.findingsFor(analysis, text, files, target.displayPath, environment?.markerEnvironment)));
      findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
      const resolveRelated = relatedFiles.resolverFor(target.displayPath, lines);
      checked.push({ path: target.displayPath, diagnostics: findings.map((finding) => toJsonDiagnostic(finding, lines, resolveRelated)) });
    }
    indexes?.finish();
  } finally {
    await indexes?.close();
  }
  const environments = installed.found().map((environment) => toJsonEnvironment(environment, cwd));
  if (format === 'json') {
    writeJson(io.stdout, { schema: JSON_SCHEMA_VERSION, files: checked, environments, unavailableIndexes: indexes?.unavailableIndexes() ?? [] });
  } else {
    writeCheckText(checked, environments, io, indexes?.offlineMisses ?? 0);
  }
  const conflictCount = environments.reduce((sum, environment) => sum + environment.conflicts.length, 0);
  const errorCount = checked.reduce((sum, file) => sum + countErrors(file.diagnostics), conflictCount);
  return errorCount > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** Places the related locations of findings (same file, a lockfile, another manifest), reading each other file once. */
class RelatedFiles {
  private readonly otherFiles: FileLineIndexes;

  constructor(
    files: FileSource,
    private readonly cwd: string,
  ) {
    // The checked files are analysed without a byte-order mark; their related files are placed the same way.
    this.otherFiles = new FileLineIndexes((path) => readWithoutByteOrderMark(files, path));
  }

  resolverFor(displayPath: string, lines: LineIndex): RelatedResolver {
    return (related) => {
      if (related.path === undefined) return { path: displayPath, range: lines.rangeOf(related.span), message: related.message };
      const other = this.otherFiles.linesOf(related.path);
      return other ? { path: this.shown(related.path), range: other.rangeOf(related.span), message: related.message } : null;
    };
  }

  /** Relative to the working directory, as the checked files' own paths are shown. */
  private shown(path: string): string {
    return toSlashes(relative(this.cwd, path) || path);
  }
}

/** Compiler-style lines, `path:line:col: severity[code] message` (1-based), then a summary. */
function writeCheckText(checked: CheckedFile[], environments: JsonEnvironment[], io: CliIo, offlineMisses: number): void {
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
  for (const environment of environments) io.stdout.write(`${environmentTextLines(environment, paint).join('\n')}\n`);
  io.stdout.write(`${summaryLine(counts, checked.length, offlineMisses)}\n`);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 || word === 'information' ? '' : 's'}`;
}

/** `offlineMisses`: requirements --offline left unchecked (nothing cached): the summary does not claim they were checked. */
export function summaryLine(counts: Record<Severity, number>, fileCount: number, offlineMisses = 0): string {
  const files = plural(fileCount, 'file');
  const parts = (['error', 'warning', 'information', 'hint'] as const)
    .filter((severity) => counts[severity] > 0)
    .map((severity) => plural(counts[severity], severity));
  const unchecked = offlineMisses > 0 ? ` ${plural(offlineMisses, 'requirement')} not checked against a package index: --offline and no cached data.` : '';
  if (parts.length === 0) return `No problems found in ${files}.${unchecked}`;
  return `Found ${parts.join(', ')} in ${files}.${unchecked}`;
}
