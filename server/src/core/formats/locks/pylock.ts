/**
 * pylock.toml (PEP 751, lock-version 1.0): top-level `lock-version`, `created-by`,
 * `requires-python`, `environments`, `extras`, `dependency-groups`, `default-groups`, and
 * `[[packages]]` with name, version, marker, requires-python, dependencies, index and exactly one
 * kind of source (vcs, directory, archive, or sdist and/or wheels).
 *
 * Required keys are checked as the specification lists them; a violation is an `invalid-lockfile`
 * finding, and the parser still returns what it could read.
 */
import type { Finding, LockedDependency, ParsedFile, Severity } from '../../model';
import type { Span } from '../../span';
import { findKeyValueSpan, topLevelRegion } from './entry-spans';
import { entrySpan, hasInvalidToml, readLockDocument, requiresPythonAt, START_OF_FILE } from './lock-document';
import type { TomlTable } from './lock-toml';
import { asString, asTable, asTables, invalidLockfile, lockedPackage } from './lock-values';

type Report = (message: string, severity?: Severity) => void;

export function parsePylock(text: string, path: string): ParsedFile {
  const { file, document, entries, locations } = readLockDocument(text, path, 'pylock', 'packages');
  const topLevel = topLevelRegion(text);
  if (!hasInvalidToml(file)) checkTopLevel(text, document, topLevel, file.errors);
  file.requiresPython = requiresPythonAt(text, asString(document['requires-python']), 'requires-python', topLevel);
  entries.forEach((entry, index) => {
    const name = asString(entry?.name);
    if (!entry || name === undefined) return;
    const span = entrySpan(locations[index]);
    checkPackage(entry, (message, severity) => file.errors.push(invalidLockfile(`package ${name}: ${message}`, span, severity, name)));
    file.locked.push(
      lockedPackage({
        name,
        // Optional in PEP 751: left out for source trees, whose version the lock cannot guarantee.
        version: asString(entry.version) ?? '',
        source: pylockSource(entry),
        marker: asString(entry.marker) ?? null,
        dependencies: pylockDependencies(entry),
        span: locations[index].name,
      }),
    );
    const versions = asTables(entry.dependencies).filter((dependency) => asString(dependency.name) !== undefined).map((dependency) => asString(dependency.version) ?? null);
    if (versions.some((version) => version !== null)) file.locked[file.locked.length - 1].dependencyVersions = versions;
  });
  return file;
}

function checkTopLevel(text: string, document: TomlTable, region: Span, errors: Finding[]): void {
  const spanOf = (key: string) => findKeyValueSpan(text, key, region) ?? START_OF_FILE;
  const report = (key: string, message: string, severity: Severity = 'error') => errors.push(invalidLockfile(message, spanOf(key), severity));
  checkLockVersion(document['lock-version'], (message, severity) => report('lock-version', message, severity));
  if (typeof document['created-by'] !== 'string') report('created-by', 'pylock.toml must have a string `created-by` (the tool that wrote it)');
  if (document.packages === undefined) errors.push(invalidLockfile('pylock.toml must have a `packages` array', START_OF_FILE));
  if (document['requires-python'] !== undefined && typeof document['requires-python'] !== 'string') {
    report('requires-python', '`requires-python` must be a string');
  }
  for (const key of ['environments', 'extras', 'dependency-groups', 'default-groups']) {
    const value = document[key];
    if (value !== undefined && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
      report(key, `\`${key}\` must be an array of strings`);
    }
  }
}

/**
 * PEP 751: a tool MUST refuse a lock-version whose major version it does not support, and SHOULD
 * warn about a newer minor version of a major version it supports.
 */
function checkLockVersion(value: unknown, report: Report): void {
  if (value === undefined) return report('pylock.toml must have a `lock-version` ("1.0")');
  const match = typeof value === 'string' ? /^(\d+)(?:\.(\d+))*$/.exec(value.trim()) : null;
  if (!match) return report(`lock-version ${JSON.stringify(value)} is not a version string like "1.0"`);
  const [major, minor = '0'] = (value as string).trim().split('.');
  if (Number(major) !== 1) return report(`lock-version "${value}" is not supported: only lock-version 1.x (PEP 751) can be read`);
  if (Number(minor) > 0) report(`lock-version "${value}" is newer than 1.0: some of its content may be ignored`, 'warning');
}

const EXCLUSIVE_SOURCES = ['vcs', 'directory', 'archive'] as const;

function checkPackage(entry: TomlTable, report: Report): void {
  for (const key of ['version', 'marker', 'requires-python', 'index']) {
    if (entry[key] !== undefined && typeof entry[key] !== 'string') report(`\`${key}\` must be a string`);
  }
  if (entry.dependencies !== undefined && !Array.isArray(entry.dependencies)) report('`dependencies` must be an array of tables');
  const sources = EXCLUSIVE_SOURCES.filter((key) => entry[key] !== undefined);
  const distributions = (['sdist', 'wheels'] as const).filter((key) => entry[key] !== undefined);
  if (sources.length + (distributions.length > 0 ? 1 : 0) > 1) {
    report(`${[...sources, ...distributions].map((key) => `\`${key}\``).join(', ')} are mutually exclusive`);
  } else if (sources.length === 0 && distributions.length === 0) {
    report('names no source (one of `vcs`, `directory`, `archive`, `sdist`, `wheels`)', 'warning');
  }
  checkSourceTable(entry.vcs, 'vcs', report, (vcs) => {
    if (typeof vcs.type !== 'string') report('`vcs.type` is required');
    if (typeof vcs['commit-id'] !== 'string') report('`vcs.commit-id` is required');
    requireUrlOrPath(vcs, 'vcs', report);
  });
  checkSourceTable(entry.directory, 'directory', report, (directory) => {
    if (typeof directory.path !== 'string') report('`directory.path` is required');
  });
  checkSourceTable(entry.archive, 'archive', report, (archive) => checkFile(archive, 'archive', report));
  checkSourceTable(entry.sdist, 'sdist', report, (sdist) => checkFile(sdist, 'sdist', report));
  if (entry.wheels !== undefined) {
    if (!Array.isArray(entry.wheels)) report('`wheels` must be an array of tables');
    else entry.wheels.forEach((wheel, index) => checkSourceTable(wheel, `wheels[${index}]`, report, (table) => checkFile(table, `wheels[${index}]`, report)));
  }
}

function checkSourceTable(value: unknown, key: string, report: Report, check: (table: TomlTable) => void): void {
  if (value === undefined) return;
  const table = asTable(value);
  if (table) check(table);
  else report(`\`${key}\` must be a table`);
}

/** archive, sdist and wheels entries: a `url` or a `path`, and `hashes`. */
function checkFile(file: TomlTable, key: string, report: Report): void {
  requireUrlOrPath(file, key, report);
  if (!asTable(file.hashes)) report(`\`${key}.hashes\` is required`);
}

function requireUrlOrPath(table: TomlTable, key: string, report: Report): void {
  if (typeof table.url !== 'string' && typeof table.path !== 'string') report(`\`${key}\` needs a \`url\` or a \`path\``);
}

/** vcs → its URL (or path); directory → its path ('editable:<path>' when editable); archive → URL or path; else the index URL. */
function pylockSource(entry: TomlTable): string | null {
  const vcs = asTable(entry.vcs);
  if (vcs) return asString(vcs.url) ?? asString(vcs.path) ?? null;
  const directory = asTable(entry.directory);
  const directoryPath = asString(directory?.path);
  if (directoryPath !== undefined) return directory?.editable === true ? `editable:${directoryPath}` : directoryPath;
  const archive = asTable(entry.archive);
  if (archive) return asString(archive.url) ?? asString(archive.path) ?? null;
  return asString(entry.index) ?? null;
}

/**
 * Dependencies name other entries of `packages` (by name, and version etc. when ambiguous). They
 * carry no specifier: the version they may name goes to `dependencyVersions`. Nor extras: PEP 751
 * records which packages an extra needs in the packages' own markers (`'gpu' in extras`).
 */
function pylockDependencies(entry: TomlTable): LockedDependency[] {
  const edges: LockedDependency[] = [];
  for (const dependency of asTables(entry.dependencies)) {
    const name = asString(dependency.name);
    if (name === undefined) continue;
    edges.push({ name, specifier: '', marker: null, extras: [] });
  }
  return edges;
}
