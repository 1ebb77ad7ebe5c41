/**
 * pdm.lock: `[metadata]` (groups, strategy, lock_version, content_hash, `[[metadata.targets]]`)
 * and `[[package]]` entries with groups, marker, requires_python, `dependencies` as PEP 508 strings
 * and `files`; an entry with `extras` holds what those extras of the package add. Older files (lock_version 4.0–4.3) put the files in `[metadata.files]` keyed by
 * "<name> <version>" and may come after the packages.
 */
import type { LockedDependency, ParsedFile, RequiresPython } from '../../model';
import { normalizeName } from '../../names';
import { parseRequirement } from '../../pep508';
import { tableRegion } from './entry-spans';
import { entrySpan, hasInvalidToml, readLockDocument, requiresPythonAt, START_OF_FILE } from './lock-document';
import type { TomlTable } from './lock-toml';
import { asArray, asString, asStrings, asTable, asTables, indexFromFileUrl, invalidLockfile, lockedPackage, normalizedExtras } from './lock-values';

/** The newest lock_version major this parser knows. */
const KNOWN_LOCK_VERSION_MAJOR = 4;

export function parsePdmLock(text: string, path: string): ParsedFile {
  const { file, document, entries, locations } = readLockDocument(text, path, 'pdm-lock', 'package');
  const metadata = asTable(document.metadata);
  checkMetadata(text, metadata, file);
  file.requiresPython = readRequiresPython(text, metadata);
  file.lockMetadata = {};
  const lockVersion = asString(metadata?.lock_version);
  if (lockVersion !== undefined) file.lockMetadata.lockVersion = lockVersion;
  const groups = asStrings(metadata?.groups);
  if (groups !== undefined) file.lockMetadata.groups = groups;
  const filesByPackage = asTable(metadata?.files) ?? {};
  entries.forEach((entry, index) => {
    const name = asString(entry?.name);
    if (!entry || name === undefined) return;
    const version = asString(entry.version) ?? '';
    const span = entrySpan(locations[index]);
    const locked = lockedPackage({
      name,
      version,
      source: pdmSource(entry, filesByPackage[`${name} ${version}`]),
      marker: asString(entry.marker) ?? null,
      groups: asStrings(entry.groups) ?? asStrings(entry.sections),
      dependencies: pdmDependencies(entry, (message) =>
        file.errors.push({ code: 'invalid-requirement', severity: 'warning', message, span, package: normalizeName(name) }),
      ),
      span: locations[index].name,
    });
    // One entry per extras combination asked for, besides the plain one (see LockedPackage.extras).
    const extras = normalizedExtras(entry.extras);
    if (extras.length > 0) locked.extras = extras;
    file.locked.push(locked);
  });
  return file;
}

function checkMetadata(text: string, metadata: TomlTable | undefined, file: ParsedFile): void {
  if (hasInvalidToml(file)) return;
  if (!metadata) {
    file.errors.push(invalidLockfile('pdm.lock has no [metadata] table', START_OF_FILE));
    return;
  }
  const region = tableRegion(text, '[metadata]');
  const span = region ?? START_OF_FILE;
  const lockVersion = asString(metadata.lock_version);
  if (lockVersion === undefined) {
    file.errors.push(invalidLockfile('pdm.lock [metadata] has no `lock_version`', span, 'warning'));
  } else if (Number.parseInt(lockVersion, 10) > KNOWN_LOCK_VERSION_MAJOR) {
    file.errors.push(invalidLockfile(`pdm.lock lock_version ${lockVersion} is newer than the versions Pipsight reads (up to ${KNOWN_LOCK_VERSION_MAJOR}.x)`, span, 'warning'));
  }
}

/** The first `[[metadata.targets]]` requires_python (PDM ≥ 2.17), else `[metadata] requires_python`. */
function readRequiresPython(text: string, metadata: TomlTable | undefined): RequiresPython | null {
  const target = asTables(metadata?.targets)[0];
  const fromTarget = asString(target?.requires_python);
  if (fromTarget !== undefined) return requiresPythonAt(text, fromTarget, 'requires_python', tableRegion(text, '[[metadata.targets]]'));
  return requiresPythonAt(text, asString(metadata?.requires_python), 'requires_python', tableRegion(text, '[metadata]'));
}

/**
 * `git = URL` → the URL; `url = URL` → the URL; `path = P` → P ('editable:P' with `editable = true`).
 * Otherwise PDM does not record the index, but file entries written as `{url = ...}` show where the
 * files come from: the index is the directory of the first such URL (null for PyPI's file host).
 */
function pdmSource(entry: TomlTable, oldStyleFiles: unknown): string | null {
  const remote = asString(entry.git) ?? asString(entry.url);
  if (remote !== undefined) return remote;
  const localPath = asString(entry.path);
  if (localPath !== undefined) return entry.editable === true ? `editable:${localPath}` : localPath;
  const files = Array.isArray(entry.files) ? entry.files : asArray(oldStyleFiles);
  for (const fileEntry of asTables(files)) {
    const url = asString(fileEntry.url);
    if (url !== undefined) return indexFromFileUrl(url);
  }
  return null;
}

function pdmDependencies(entry: TomlTable, reportInvalid: (message: string) => void): LockedDependency[] {
  const edges: LockedDependency[] = [];
  for (const text of asStrings(entry.dependencies) ?? []) {
    const { value } = parseRequirement(text);
    if (!value) {
      reportInvalid(`dependency "${text}" is not a valid PEP 508 requirement`);
      continue;
    }
    edges.push({ name: value.name, specifier: value.specifier, marker: value.marker?.text ?? null, extras: normalizedExtras(value.extras) });
  }
  return edges;
}
