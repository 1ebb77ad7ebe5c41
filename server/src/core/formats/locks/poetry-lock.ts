/**
 * poetry.lock (lock-version 1.x, 2.0, 2.1): `[[package]]` entries with `groups` (2.1; `category` in
 * older files), `markers` (a string, or in 2.1 a table of marker per group), `[package.source]`,
 * `[package.dependencies]` written in Poetry's constraint syntax, `[package.extras]`, and
 * `[metadata]` with `lock-version`, `python-versions` and `content-hash`.
 */
import type { Finding, LockedDependency, LockMetadata, ParsedFile } from '../../model';
import { normalizeExtra, normalizeName } from '../../names';
import { poetryPlatformToMarker, poetryPythonToMarker, translatePoetryConstraint } from '../../poetry';
import type { Span } from '../../span';
import { findKeyValueSpan, tableRegion } from './entry-spans';
import { entrySpan, hasInvalidToml, readLockDocument, START_OF_FILE } from './lock-document';
import type { TomlTable } from './lock-toml';
import { andMarkers, asArray, asString, asStrings, asTable, invalidLockfile, lockedPackage, normalizedExtras, orMarkers } from './lock-values';

/** The newest lock-version major this parser knows. */
const KNOWN_LOCK_VERSION_MAJOR = 2;

export function parsePoetryLock(text: string, path: string): ParsedFile {
  const { file, document, entries, locations } = readLockDocument(text, path, 'poetry-lock', 'package');
  const metadata = asTable(document.metadata);
  const metadataRegion = tableRegion(text, '[metadata]');
  checkMetadata(text, metadata, metadataRegion, file);
  readRequiresPython(text, metadata, metadataRegion, file);
  file.lockMetadata = readLockMetadata(text, metadata, metadataRegion);
  entries.forEach((entry, index) => {
    const name = asString(entry?.name);
    if (!entry || name === undefined) return;
    const span = entrySpan(locations[index]);
    const category = asString(entry.category); // lock files of Poetry < 1.5
    const groups = asStrings(entry.groups) ?? (category !== undefined ? [category] : undefined);
    const locked = lockedPackage({
      name,
      version: asString(entry.version) ?? '',
      // No [package.source] means PyPI. For legacy (index), git and url sources `url` is a URL,
      // for directory and file sources a path.
      source: asString(asTable(entry.source)?.url) ?? null,
      marker: packageMarker(entry.markers, groups),
      groups,
      dependencies: poetryDependencies(entry, (message) => file.errors.push(constraintWarning(message, span, name))),
      span: locations[index].name,
    });
    const extraRequirements = extraRequirementNames(asTable(entry.extras));
    if (Object.keys(extraRequirements).length > 0) locked.extraRequirements = extraRequirements;
    file.locked.push(locked);
  });
  return file;
}

function checkMetadata(text: string, metadata: TomlTable | undefined, region: Span | undefined, file: ParsedFile): void {
  if (hasInvalidToml(file)) return;
  if (!metadata) {
    file.errors.push(invalidLockfile('poetry.lock has no [metadata] table', START_OF_FILE));
    return;
  }
  const lockVersion = asString(metadata['lock-version']);
  const span = (region && findKeyValueSpan(text, 'lock-version', region)) ?? region ?? START_OF_FILE;
  if (lockVersion === undefined) {
    file.errors.push(invalidLockfile('poetry.lock [metadata] has no `lock-version`', span, 'warning'));
  } else if (Number.parseInt(lockVersion, 10) > KNOWN_LOCK_VERSION_MAJOR) {
    file.errors.push(invalidLockfile(`poetry.lock lock-version ${lockVersion} is newer than the versions Pipsight reads (up to ${KNOWN_LOCK_VERSION_MAJOR}.x)`, span, 'warning'));
  }
}

/** `lock-version` and `content-hash` (with the span of its value, for lock-stale). */
function readLockMetadata(text: string, metadata: TomlTable | undefined, region: Span | undefined): LockMetadata {
  const lockMetadata: LockMetadata = {};
  const lockVersion = asString(metadata?.['lock-version']);
  if (lockVersion !== undefined) lockMetadata.lockVersion = lockVersion;
  const contentHash = asString(metadata?.['content-hash']);
  if (contentHash !== undefined) {
    lockMetadata.contentHash = { value: contentHash, span: (region && findKeyValueSpan(text, 'content-hash', region)) ?? region ?? START_OF_FILE };
  }
  return lockMetadata;
}

/** `[metadata] python-versions` is a Poetry constraint (`^3.12,<3.14`): translated to PEP 440. */
function readRequiresPython(text: string, metadata: TomlTable | undefined, region: Span | undefined, file: ParsedFile): void {
  const constraint = asString(metadata?.['python-versions']);
  if (constraint === undefined) return;
  const span = (region && findKeyValueSpan(text, 'python-versions', region)) ?? START_OF_FILE;
  const translated = translatePoetryConstraint(constraint).value;
  if (!translated) {
    file.errors.push(constraintWarning(`python-versions "${constraint}" is not a valid Poetry constraint`, span));
    return;
  }
  file.requiresPython = { specifier: translated.pep440, span };
}

/**
 * `markers = "..."` applies to every group. A per-group table (lock 2.1) maps each group to the
 * condition under which that group needs the package; a group missing from the table needs it
 * always. The package's marker is the `or` of its groups' conditions, null when unconditional.
 */
function packageMarker(markers: unknown, groups: string[] | undefined): string | null {
  const single = asString(markers);
  if (single !== undefined) return single.trim() === '' ? null : single;
  const perGroup = asTable(markers);
  if (!perGroup) return null;
  const conditions = groups ?? Object.keys(perGroup);
  if (conditions.some((group) => asString(perGroup[group]) === undefined)) return null;
  return orMarkers(conditions.map((group) => perGroup[group] as string));
}

/**
 * `[package.dependencies]`: each key is a dependency; its value a constraint string, a table
 * (`version`, `markers`, `python`, `platform`, `extras`, `optional`, or a git/path/url source),
 * or an array of such tables (one per environment). An optional dependency is needed only through
 * the package's extras that list it: it gets the marker `extra == "<extra>"` for those.
 */
function poetryDependencies(entry: TomlTable, reportInvalid: (message: string) => void): LockedDependency[] {
  const extrasByDependency = extrasListingDependencies(asTable(entry.extras));
  const edges: LockedDependency[] = [];
  for (const [name, value] of Object.entries(asTable(entry.dependencies) ?? {})) {
    const alternatives = Array.isArray(value) ? value : [value];
    for (const alternative of alternatives) {
      const constraint = asString(alternative);
      const table = asTable(alternative);
      if (constraint === undefined && !table) continue;
      const specifier = pep440Specifier(name, constraint ?? asString(table?.version) ?? '', reportInvalid);
      const marker = table ? dependencyMarker(name, table, extrasByDependency, reportInvalid) : null;
      edges.push({ name, specifier, marker, extras: normalizedExtras(table?.extras) });
    }
  }
  return edges;
}

function pep440Specifier(name: string, constraint: string, reportInvalid: (message: string) => void): string {
  const translated = translatePoetryConstraint(constraint).value;
  if (translated) return translated.pep440;
  reportInvalid(`dependency ${name}: "${constraint}" is not a valid Poetry constraint`);
  return '';
}

function dependencyMarker(name: string, table: TomlTable, extrasByDependency: Map<string, string[]>, reportInvalid: (message: string) => void): string | null {
  const python = asString(table.python);
  let pythonMarker: string | null = null;
  if (python !== undefined) {
    pythonMarker = poetryPythonToMarker(python).value;
    if (pythonMarker === null) reportInvalid(`dependency ${name}: python "${python}" is not a valid Poetry constraint`);
  }
  const platform = asString(table.platform);
  const markers = asString(table.markers);
  // Poetry 2 writes the extras that pulled an optional dependency in into its markers already.
  const extras = table.optional === true && !/\bextra\b/.test(markers ?? '') ? extrasByDependency.get(normalizeName(name)) : undefined;
  return andMarkers(
    markers,
    pythonMarker,
    platform === undefined ? null : poetryPlatformToMarker(platform),
    extras ? orMarkers(extras.map((extra) => `extra == "${extra}"`)) : null,
  );
}

/** `[package.extras]` (extra → requirement strings like `"aiodns (>=3.3.0)"`) inverted: normalized dependency name → extras. */
function extrasListingDependencies(extras: TomlTable | undefined): Map<string, string[]> {
  const byDependency = new Map<string, string[]>();
  for (const [extra, names] of Object.entries(extraRequirementNames(extras))) {
    for (const key of names) {
      const listed = byDependency.get(key) ?? [];
      if (!listed.includes(extra)) listed.push(extra);
      byDependency.set(key, listed);
    }
  }
  return byDependency;
}

/** `[package.extras]`: normalized extra → the normalized names of its requirement strings (`"uvloop (>=0.14) ; ..."`). */
function extraRequirementNames(extras: TomlTable | undefined): Record<string, string[]> {
  const byExtra: Record<string, string[]> = {};
  for (const [extra, requirements] of Object.entries(extras ?? {})) {
    const names = new Set<string>();
    for (const requirement of asArray(requirements)) {
      const name = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(asString(requirement) ?? '')?.[1];
      if (name) names.add(normalizeName(name));
    }
    byExtra[normalizeExtra(extra)] = [...new Set([...(byExtra[normalizeExtra(extra)] ?? []), ...names])];
  }
  return byExtra;
}

function constraintWarning(message: string, span: Span, packageName?: string): Finding {
  const finding: Finding = { code: 'invalid-poetry-constraint', severity: 'warning', message, span };
  if (packageName) finding.package = normalizeName(packageName);
  return finding;
}
