/** `pipsight deps FILE…`: the declared requirements and locked packages of each file (URLs with credentials masked). */
import { relative } from 'node:path';
import { loadFile, type FileSource } from '../core/file-source';
import { FileLineIndexes, type LineIndex, type Range } from '../core/line-index';
import { redactCredentials } from '../core/indexes';
import { requirementLabel, type FileKind, type LockedPackage, type ParsedFile, type Requirement } from '../core/model';
import { DiskFileSource } from '../env/disk-file-source';
import { analyzeTarget } from './analyze-target';
import { collectTargetFiles, type TargetFile } from './collect-files';
import { createPainter } from './color';
import { EXIT_OK, UsageError, stderrWarning, useColor, type CliIo } from './io';
import { JSON_SCHEMA_VERSION, toJsonDiagnostic, type JsonDiagnostic } from './json-diagnostic';
import { writeJson } from './json-output';
import { FILE_COMMAND_OPTIONS, parseCommandArgs, parseFormat, parseKind } from './parse-options';
import { formatTable } from './text-table';

export const DEPS_HELP = `Usage: pipsight deps FILE... [--format text|json] [--kind KIND]

Lists what each dependency file declares (requirements with their group, specifier, marker and
index) and what it locks (packages with version, source and dependencies). A requirements file is
followed by every file it includes with -r / -c, nested includes too (depth first, each once):
what pip would read from it. A directory argument is walked like in \`pipsight check\`.

Options:
  -f, --format text|json  output format (default: text); JSON is documented in the README
      --kind KIND         parser for file arguments whose name is not recognized
                          (pyproject, requirements, poetry-lock, uv-lock, pdm-lock, pylock)
  -h, --help              show this help
`;

export const DEPS_OPTIONS = FILE_COMMAND_OPTIONS;

export interface JsonRequirement {
  /** null for a local project whose metadata gives no name that can be read without building it. */
  name: string | null;
  normalizedName: string | null;
  extras: string[];
  specifier: string;
  constraint: string;
  marker: string | null;
  url: string | null;
  group: string;
  /** Only for a requirement of several groups (a Poetry package listed by several extras): all of them, `group` first. */
  groups?: string[];
  index: string | null;
  range: Range;
}

export interface JsonLockedPackage {
  name: string;
  version: string;
  source: string | null;
  /** pdm.lock entries of an extras combination only (`uvicorn[standard]`). */
  extras?: string[];
  dependencies: { name: string; specifier: string; marker: string | null; extras: string[] }[];
}

export interface DepsFile {
  path: string;
  kind: FileKind;
  /** A file included by a listed requirements file: the include line (file and range); null for a file named or found by walking. */
  includedFrom: { path: string; range: Range } | null;
  /** Included with -c / --constraint: pip takes versions from it but installs nothing from it. */
  constraint: boolean;
  requirements: JsonRequirement[];
  locked: JsonLockedPackage[];
  errors: JsonDiagnostic[];
}

export function runDeps(argv: string[], io: CliIo, cwd: string): number {
  const { values, positionals } = parseCommandArgs(argv, DEPS_OPTIONS, 'deps');
  if (values.help) {
    io.stdout.write(DEPS_HELP);
    return EXIT_OK;
  }
  const format = parseFormat(values.format);
  if (positionals.length === 0) throw new UsageError('deps needs at least one FILE (see pipsight deps --help)');
  const targets = collectTargetFiles(positionals, cwd, parseKind(values.kind), stderrWarning(io));
  const files = new DiskFileSource();
  const listed = targets.flatMap((target) => depsFilesOf(target, files, cwd, io.env ?? process.env));
  if (format === 'json') {
    writeJson(io.stdout, { schema: JSON_SCHEMA_VERSION, files: listed });
  } else {
    writeDepsText(listed, io);
  }
  return EXIT_OK;
}

/** One target, then each file it includes (depth first, each once, as the analysis followed them). */
function depsFilesOf(target: TargetFile, files: FileSource, cwd: string, environmentVariables: Readonly<Record<string, string | undefined>>): DepsFile[] {
  const { lines, analysis } = analyzeTarget(target, files, { environmentVariables });
  const listed = [toDepsFile(target.displayPath, target.kind, analysis?.file ?? null, lines)];
  if (!analysis || analysis.included.length === 0) return listed;
  // Included files are read through `files`, as the analysis read them: ranges match what it parsed.
  const included = new FileLineIndexes((path) => {
    const loaded = loadFile(files, path);
    return loaded.status === 'read' ? loaded.text : undefined;
  });
  const displayPaths = new Map<ParsedFile, string>([[analysis.file, target.displayPath]]);
  for (const file of analysis.included) {
    const edge = analysis.includedFrom.get(file);
    const displayPath = relative(cwd, file.path) || file.path;
    displayPaths.set(file, displayPath);
    const from = edge ? { path: displayPaths.get(edge.from) ?? edge.from.path, range: (edge.from === analysis.file ? lines : included.linesOf(edge.from.path))?.rangeOf(edge.include.span) } : null;
    listed.push({
      ...toDepsFile(displayPath, file.kind, file, included.linesOf(file.path) ?? lines),
      includedFrom: from?.range ? { path: from.path, range: from.range } : null,
      constraint: edge?.include.kind === 'constraint',
    });
  }
  return listed;
}

function toDepsFile(path: string, kind: FileKind, parsed: ParsedFile | null, lines: LineIndex): DepsFile {
  return {
    path,
    kind,
    includedFrom: null,
    constraint: false,
    requirements: (parsed?.requirements ?? []).map((requirement) => toJsonRequirement(requirement, lines)),
    locked: (parsed?.locked ?? []).map(toJsonLockedPackage),
    errors: (parsed?.errors ?? []).map((finding) => toJsonDiagnostic(finding, lines)),
  };
}

function toJsonRequirement(requirement: Requirement, lines: LineIndex): JsonRequirement {
  return {
    name: requirement.name === '' ? null : requirement.name,
    normalizedName: requirement.normalizedName === '' ? null : requirement.normalizedName,
    extras: requirement.extras,
    specifier: requirement.specifier,
    constraint: redactCredentials(requirement.constraint),
    marker: requirement.marker,
    url: requirement.url === null ? null : redactCredentials(requirement.url),
    group: requirement.group,
    index: requirement.index === null ? null : redactCredentials(requirement.index),
    range: lines.rangeOf(requirement.spans.whole),
    ...(requirement.groups ? { groups: requirement.groups } : {}),
  };
}

function toJsonLockedPackage(locked: LockedPackage): JsonLockedPackage {
  return {
    name: locked.name,
    version: locked.version,
    source: locked.source === null ? null : redactCredentials(locked.source),
    ...(locked.extras ? { extras: locked.extras } : {}),
    dependencies: locked.dependencies.map((dependency) => ({
      name: dependency.name,
      specifier: dependency.specifier,
      marker: dependency.marker,
      extras: dependency.extras,
    })),
  };
}

function withExtras(name: string, extras: string[]): string {
  return extras.length > 0 ? `${name}[${extras.join(',')}]` : name;
}

/** `requirements`, or `constraints, included from requirements/cpu.txt:3`. */
function describeFile(file: DepsFile): string {
  const what = file.constraint ? 'constraints' : file.kind;
  return file.includedFrom ? `${what}, included from ${file.includedFrom.path}:${file.includedFrom.range.start.line + 1}` : what;
}

function writeDepsText(listed: DepsFile[], io: CliIo): void {
  const paint = createPainter(useColor(io));
  listed.forEach((file, position) => {
    if (position > 0) io.stdout.write('\n');
    io.stdout.write(`${paint.bold(file.path)} ${paint.dim(`(${describeFile(file)})`)}\n`);
    if (file.requirements.length > 0) {
      const rows = file.requirements.map((requirement) => [
        // A local project whose name is unknown is shown by its path.
        withExtras(requirementLabel({ name: requirement.name ?? '', url: requirement.url }), requirement.extras),
        requirement.constraint || requirement.specifier || requirement.url || '*',
        (requirement.groups ?? [requirement.group]).join(','),
        requirement.marker ?? '',
        requirement.index ?? '',
      ]);
      io.stdout.write(formatTable(['REQUIREMENT', 'CONSTRAINT', 'GROUP', 'MARKER', 'INDEX'], rows));
    }
    if (file.locked.length > 0) {
      const rows = file.locked.map((locked) => [locked.extras ? `${locked.name}[${locked.extras.join(',')}]` : locked.name, locked.version, String(locked.dependencies.length), locked.source ?? '']);
      io.stdout.write(formatTable(['PACKAGE', 'VERSION', 'DEPS', 'SOURCE'], rows));
    }
    if (file.requirements.length === 0 && file.locked.length === 0) io.stdout.write('  (no dependencies)\n');
    for (const error of file.errors) {
      const location = `${file.path}:${error.range.start.line + 1}:${error.range.start.character + 1}`;
      io.stdout.write(`  ${location}: ${paint.severity(error.severity, `${error.severity}[${error.code}]`)} ${error.message}\n`);
    }
  });
}
