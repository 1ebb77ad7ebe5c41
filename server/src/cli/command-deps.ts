/** `pipsight deps FILE…`: the declared requirements and locked packages of each file. */
import type { DocumentAnalysis } from '../core/analyze';
import type { LineIndex, Range } from '../core/line-index';
import type { FileKind, LockedPackage, Requirement } from '../core/model';
import { DiskFileSource } from '../env/disk-file-source';
import { analyzeTarget } from './analyze-target';
import { collectTargetFiles } from './collect-files';
import { createPainter } from './color';
import { EXIT_OK, UsageError, useColor, type CliIo } from './io';
import { JSON_SCHEMA_VERSION, toJsonDiagnostic, type JsonDiagnostic } from './json-diagnostic';
import { FILE_COMMAND_OPTIONS, parseCommandArgs, parseFormat, parseKind } from './parse-options';
import { formatTable } from './text-table';

export const DEPS_HELP = `Usage: pipsight deps FILE... [--format text|json] [--kind KIND]

Lists what each dependency file declares (requirements with their group, specifier, marker and
index) and what it locks (packages with version, source and dependencies). A directory argument
is walked like in \`pipsight check\`.

Options:
  -f, --format text|json  output format (default: text); JSON is documented in the README
      --kind KIND         parser for file arguments whose name is not recognized
                          (pyproject, requirements, poetry-lock, uv-lock, pdm-lock, pylock)
  -h, --help              show this help
`;

export interface JsonRequirement {
  name: string;
  normalizedName: string;
  extras: string[];
  specifier: string;
  constraint: string;
  marker: string | null;
  url: string | null;
  group: string;
  index: string | null;
  range: Range;
}

export interface JsonLockedPackage {
  name: string;
  version: string;
  source: string | null;
  dependencies: { name: string; specifier: string; marker: string | null }[];
}

export interface DepsFile {
  path: string;
  kind: FileKind;
  requirements: JsonRequirement[];
  locked: JsonLockedPackage[];
  errors: JsonDiagnostic[];
}

export function runDeps(argv: string[], io: CliIo, cwd: string): number {
  const { values, positionals } = parseCommandArgs(argv, FILE_COMMAND_OPTIONS);
  if (values.help) {
    io.stdout.write(DEPS_HELP);
    return EXIT_OK;
  }
  const format = parseFormat(values.format);
  if (positionals.length === 0) throw new UsageError('deps needs at least one FILE (see pipsight deps --help)');
  const targets = collectTargetFiles(positionals, cwd, parseKind(values.kind));
  const files = new DiskFileSource();
  const listed = targets.map((target) => {
    const { lines, analysis } = analyzeTarget(target, files);
    return toDepsFile(target.displayPath, target.kind, analysis, lines);
  });
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ schema: JSON_SCHEMA_VERSION, files: listed }, null, 2)}\n`);
  } else {
    writeDepsText(listed, io);
  }
  return EXIT_OK;
}

function toDepsFile(path: string, kind: FileKind, analysis: DocumentAnalysis | null, lines: LineIndex): DepsFile {
  const parsed = analysis?.file;
  return {
    path,
    kind,
    requirements: (parsed?.requirements ?? []).map((requirement) => toJsonRequirement(requirement, lines)),
    locked: (parsed?.locked ?? []).map(toJsonLockedPackage),
    errors: (parsed?.errors ?? []).map((finding) => toJsonDiagnostic(finding, lines)),
  };
}

function toJsonRequirement(requirement: Requirement, lines: LineIndex): JsonRequirement {
  return {
    name: requirement.name,
    normalizedName: requirement.normalizedName,
    extras: requirement.extras,
    specifier: requirement.specifier,
    constraint: requirement.constraint,
    marker: requirement.marker,
    url: requirement.url,
    group: requirement.group,
    index: requirement.index,
    range: lines.rangeOf(requirement.spans.whole),
  };
}

function toJsonLockedPackage(locked: LockedPackage): JsonLockedPackage {
  return {
    name: locked.name,
    version: locked.version,
    source: locked.source,
    dependencies: locked.dependencies.map((dependency) => ({
      name: dependency.name,
      specifier: dependency.specifier,
      marker: dependency.marker,
    })),
  };
}

function writeDepsText(listed: DepsFile[], io: CliIo): void {
  const paint = createPainter(useColor(io));
  listed.forEach((file, position) => {
    if (position > 0) io.stdout.write('\n');
    io.stdout.write(`${paint.bold(file.path)} ${paint.dim(`(${file.kind})`)}\n`);
    if (file.requirements.length > 0) {
      const rows = file.requirements.map((requirement) => [
        requirement.extras.length > 0 ? `${requirement.name}[${requirement.extras.join(',')}]` : requirement.name,
        requirement.constraint || requirement.specifier || requirement.url || '*',
        requirement.group,
        requirement.marker ?? '',
        requirement.index ?? '',
      ]);
      io.stdout.write(formatTable(['REQUIREMENT', 'CONSTRAINT', 'GROUP', 'MARKER', 'INDEX'], rows));
    }
    if (file.locked.length > 0) {
      const rows = file.locked.map((locked) => [locked.name, locked.version, String(locked.dependencies.length), locked.source ?? '']);
      io.stdout.write(formatTable(['PACKAGE', 'VERSION', 'DEPS', 'SOURCE'], rows));
    }
    if (file.requirements.length === 0 && file.locked.length === 0) io.stdout.write('  (no dependencies)\n');
    for (const error of file.errors) {
      const location = `${file.path}:${error.range.start.line + 1}:${error.range.start.character + 1}`;
      io.stdout.write(`  ${location}: ${paint.severity(error.severity, `${error.severity}[${error.code}]`)} ${error.message}\n`);
    }
  });
}
