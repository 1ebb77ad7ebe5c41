/**
 * uv.lock: `version`, `requires-python`, and `[[package]]` entries with a `source` table and
 * dependency edges (`dependencies`, `optional-dependencies`, `dev-dependencies`). Local packages
 * (the project, workspace members) also carry `[package.metadata]` with the declared
 * `requires-dist` / `requires-dev`, the only place where uv records version specifiers.
 */
import type { LockedDependency, LockedPackageMetadata, ParsedFile } from '../../model';
import { normalizeName } from '../../names';
import { versionSatisfies } from '../../pep440';
import { findKeyValueSpan, tableRegion, topLevelRegion } from './entry-spans';
import { hasInvalidToml, readLockDocument, requiresPythonAt, START_OF_FILE } from './lock-document';
import type { TomlTable } from './lock-toml';
import { andMarkers, asString, asStrings, asTable, asTables, invalidLockfile, lockedPackage, normalizedExtras, orMarkers } from './lock-values';

/** The lockfile format version this parser knows (uv writes `version = 1`). */
const KNOWN_UV_LOCK_VERSION = 1;

export function parseUvLock(text: string, path: string): ParsedFile {
  const { file, document, entries, locations } = readLockDocument(text, path, 'uv-lock', 'package');
  checkLockVersion(text, document, file);
  file.requiresPython = requiresPythonAt(text, asString(document['requires-python']), 'requires-python', topLevelRegion(text));
  const overrides = manifestOverrides(document);
  entries.forEach((entry, index) => {
    const name = asString(entry?.name);
    if (!entry || name === undefined) return;
    const locked = lockedPackage({
      name,
      // uv leaves out the version of local packages with a dynamic version.
      version: asString(entry.version) ?? '',
      source: uvSource(asTable(entry.source)),
      // In a forked resolution, the forks that chose this version (absent: every fork).
      marker: orMarkers(asStrings(entry['resolution-markers']) ?? []),
      dependencies: uvDependencies(entry, overrides),
      span: locations[index].name,
    });
    const versions = edgeVersions(entry);
    if (versions.some((version) => version !== null)) locked.dependencyVersions = versions;
    const metadata = uvMetadata(asTable(entry.metadata));
    if (metadata) locked.metadata = metadata;
    file.locked.push(locked);
  });
  return file;
}

function checkLockVersion(text: string, document: TomlTable, file: ParsedFile): void {
  if (hasInvalidToml(file)) return;
  const version = document.version;
  const span = findKeyValueSpan(text, 'version', topLevelRegion(text)) ?? START_OF_FILE;
  if (version === undefined) file.errors.push(invalidLockfile('uv.lock has no top-level `version`', span));
  else if (typeof version !== 'number' || !Number.isInteger(version)) file.errors.push(invalidLockfile('uv.lock `version` must be an integer', span));
  else if (version > KNOWN_UV_LOCK_VERSION) {
    file.errors.push(invalidLockfile(`uv.lock version ${version} is newer than the versions Pipsight reads (${KNOWN_UV_LOCK_VERSION})`, span, 'warning'));
  }
}

/**
 * `source = { registry = URL }` → the index URL; `{ git = URL }` / `{ url = URL }` → that URL;
 * `{ path = P }` / `{ directory = P }` → the path; `{ editable = P }` → 'editable:P';
 * `{ virtual = P }` → 'virtual:P'.
 */
function uvSource(source: TomlTable | undefined): string | null {
  if (!source) return null;
  for (const key of ['registry', 'git', 'url', 'path', 'directory']) {
    const value = asString(source[key]);
    if (value !== undefined) return value;
  }
  const editable = asString(source.editable);
  if (editable !== undefined) return `editable:${editable}`;
  const virtual = asString(source.virtual);
  if (virtual !== undefined) return `virtual:${virtual}`;
  return null;
}

/**
 * Edges of one package. Edges of an extra get the marker `extra == "<extra>"`, edges of a
 * development group `"<group>" in dependency_groups` (PEP 751 style), each and-ed with the edge's
 * own marker. Specifier: the declared one from `[package.metadata]` when the package has it, else
 * '': uv records no specifier for the edges of registry packages. The version an edge names (uv
 * does so when several versions are locked) is not a specifier: it goes to `dependencyVersions`.
 */
function uvDependencies(entry: TomlTable, overrides: Map<string, string[]>): LockedDependency[] {
  const metadata = asTable(entry.metadata);
  const declared = declaredSpecifiers(metadata?.['requires-dist'], overrides);
  const edges = asTables(entry.dependencies).map((dependency) => uvEdge(dependency, null, declared));
  for (const [extra, dependencies] of Object.entries(asTable(entry['optional-dependencies']) ?? {})) {
    for (const dependency of asTables(dependencies)) edges.push(uvEdge(dependency, `extra == "${extra}"`, declared));
  }
  const declaredDev = asTable(metadata?.['requires-dev']) ?? {};
  for (const [group, dependencies] of Object.entries(asTable(entry['dev-dependencies']) ?? {})) {
    const declaredInGroup = declaredSpecifiers(declaredDev[group], overrides);
    for (const dependency of asTables(dependencies)) edges.push(uvEdge(dependency, `"${group}" in dependency_groups`, declaredInGroup));
  }
  return edges.filter((edge) => edge.name !== '');
}

/**
 * The declared specifier of an edge. A package may declare one name several times under
 * different markers (`numpy<2; python_version < '3.11'`, `numpy>=2; python_version >= '3.11'`),
 * and uv names the version each edge resolved to: the declaration that version satisfies is the
 * one the edge stands for. Without a version, several declarations are alternatives.
 */
function edgeSpecifier(declarations: string[] | undefined, version: string | undefined): string {
  if (!declarations || declarations.length === 0) return '';
  if (version) return declarations.find((specifier) => versionSatisfies(specifier, version)) ?? declarations[0];
  return declarations.join(' || ');
}

function uvEdge(dependency: TomlTable, scopeMarker: string | null, declared: Map<string, string[]>): LockedDependency {
  const name = asString(dependency.name) ?? '';
  const version = asString(dependency.version);
  return {
    name,
    specifier: edgeSpecifier(declared.get(normalizeName(name)), version),
    marker: andMarkers(scopeMarker, asString(dependency.marker)),
    // uv writes the extras an edge requests as `extra = [...]`.
    extras: normalizedExtras(dependency.extra),
  };
}

/** The `version` each edge names, in the order uvDependencies lists the edges. */
function edgeVersions(entry: TomlTable): (string | null)[] {
  const groups = [asTables(entry.dependencies)];
  for (const dependencies of Object.values(asTable(entry['optional-dependencies']) ?? {})) groups.push(asTables(dependencies));
  for (const dependencies of Object.values(asTable(entry['dev-dependencies']) ?? {})) groups.push(asTables(dependencies));
  return groups.flat().filter((dependency) => (asString(dependency.name) ?? '') !== '').map((dependency) => asString(dependency.version) ?? null);
}

/** `[package.metadata]` of a local package: `requires-dist` and `requires-dev` as written. */
function uvMetadata(metadata: TomlTable | undefined): LockedPackageMetadata | undefined {
  if (!metadata) return undefined;
  const requiresDev: Record<string, LockedDependency[]> = {};
  for (const [group, requirements] of Object.entries(asTable(metadata['requires-dev']) ?? {})) {
    requiresDev[group] = asTables(requirements).map(metadataRequirement).filter((edge) => edge.name !== '');
  }
  return { requiresDist: asTables(metadata['requires-dist']).map(metadataRequirement).filter((edge) => edge.name !== ''), requiresDev };
}

function metadataRequirement(requirement: TomlTable): LockedDependency {
  return {
    name: asString(requirement.name) ?? '',
    specifier: asString(requirement.specifier) ?? '',
    marker: asString(requirement.marker) ?? null,
    // `[package.metadata] requires-dist` writes them as `extras = [...]`.
    extras: normalizedExtras(requirement.extras),
  };
}

/**
 * Normalized name → the distinct declared specifiers, from `requires-dist` / a `requires-dev`
 * group. A name the lock's `[manifest] overrides` covers gets the override instead: uv resolved
 * against it, not against the declaration.
 */
function declaredSpecifiers(requirements: unknown, overrides: Map<string, string[]>): Map<string, string[]> {
  const specifiers = new Map<string, string[]>();
  for (const requirement of asTables(requirements)) {
    const name = asString(requirement.name);
    const specifier = asString(requirement.specifier);
    if (name === undefined || !specifier) continue;
    const key = normalizeName(name);
    const list = specifiers.get(key) ?? [];
    if (!list.includes(specifier)) list.push(specifier);
    specifiers.set(key, list);
  }
  for (const [name, override] of overrides) if (specifiers.has(name)) specifiers.set(name, override);
  return specifiers;
}

/** `[manifest] overrides = [{ name, specifier, marker? }]`: normalized name → override specifiers. */
function manifestOverrides(document: TomlTable): Map<string, string[]> {
  const overrides = new Map<string, string[]>();
  for (const override of asTables(asTable(document.manifest)?.overrides)) {
    const name = asString(override.name);
    if (name === undefined) continue;
    const key = normalizeName(name);
    overrides.set(key, [...(overrides.get(key) ?? []), asString(override.specifier) ?? '']);
  }
  return overrides;
}

/**
 * `[manifest] members` of a uv.lock: the normalized names of the workspace members (uv writes it
 * only for a workspace with more than the root project). Read from the text, without parsing the
 * whole lock again.
 */
export function uvWorkspaceMembers(text: string): string[] {
  const region = tableRegion(text, '[manifest]');
  if (!region) return [];
  const members = /^[ \t]*members[ \t]*=[ \t]*\[([^\]]*)\]/m.exec(text.slice(region.start, region.end));
  if (!members) return [];
  return [...members[1].matchAll(/"([^"\\]*)"|'([^']*)'/g)].map((match) => normalizeName(match[1] ?? match[2]));
}
