/**
 * lock-stale: the lockfile was made from other declarations than the manifest now has.
 * - poetry.lock: `[metadata] content-hash` vs the hash of the pyproject (lock-poetry-hash.ts).
 *   A lock-version below 2.1 was written by Poetry 1.x, but Poetry 2.x reads it too: it is stale
 *   only when neither version's hash matches. From 2.1 on, only Poetry 2.x's hash counts.
 * - uv.lock: the project's `[package.metadata]` requires-dist / requires-dev vs the pyproject's
 *   declarations, compared as sets (name, extras, specifiers, and markers by their truth values);
 *   for a uv workspace member, the member's entry in the root's uv.lock. Extras that name the
 *   project itself are compared as written, or flattened when uv recorded a dynamic project's
 *   requirements that way (flattenSelfExtras). And the lock's
 *   `requires-python` vs the pyproject's, compared as the Python versions they allow.
 */
import { parse } from 'smol-toml';
import { findKeyValueSpan, tableRegion } from '../formats/locks/entry-spans';
import type { Finding, LockedPackage, ParsedFile, Requirement } from '../model';
import { normalizeExtra, normalizeName } from '../names';
import { basename } from '../paths';
import { normalizeVersion, parseSpecifierSet, versionSatisfies } from '../pep440';
import { defaultEnvironments, evaluateMarker, parseMarker, type MarkerEnvironment } from '../pep508';
import type { Span } from '../span';
import { poetryContentHashes } from './lock-poetry-hash';
import { lockRelated } from './lock-related';
import { flattenSelfExtras, recordsFlattenedSelfExtras, type RecordedForm } from './uv-self-extras';

const START: Span = { start: 0, end: 0 };

export function checkPoetryStale(manifestText: string, lock: ParsedFile): Finding[] {
  const recorded = lock.lockMetadata?.contentHash;
  if (!recorded) return [];
  const hashes = poetryContentHashes(manifestText);
  if (!hashes) return [];
  const [major, minor] = (lock.lockMetadata?.lockVersion ?? '1.0').split('.').map(Number);
  const writtenByPoetry2 = major > 2 || (major === 2 && (minor ?? 0) >= 1);
  const fresh = writtenByPoetry2 ? recorded.value === hashes.poetry2 : recorded.value === hashes.poetry1 || recorded.value === hashes.poetry2;
  if (fresh) return [];
  return [{
    code: 'lock-stale',
    severity: 'warning',
    message: 'poetry.lock is out of date: pyproject.toml changed since it was locked (content-hash differs); run `poetry lock`',
    span: headerSpan(manifestText, ['[tool.poetry.dependencies]', '[project]', '[tool.poetry]']),
    related: [lockRelated(lock, recorded.span, 'content-hash recorded by the lock')],
  }];
}

/** The first of these table headers found in the text (its line), else the start of the file. */
function headerSpan(text: string, headers: readonly string[]): Span {
  for (const header of headers) {
    const region = tableRegion(text, header);
    if (region) {
      const start = text.lastIndexOf(header, region.start);
      return { start, end: start + header.length };
    }
  }
  return START;
}

/** The local package uv locked for this pyproject: source `editable = "."` or `virtual = "."`. */
function uvProject(lock: ParsedFile): LockedPackage | undefined {
  return lock.locked.find((locked) => (locked.source === 'editable:.' || locked.source === 'virtual:.') && locked.metadata);
}

/** Which uv metadata list a manifest group is recorded in: 'dist' or a requires-dev group; null if none. */
function uvListOf(group: string): string | null {
  if (group === 'main' || group.startsWith('extra:')) return 'dist';
  if (group === 'uv-dev') return 'dev';
  if (group.startsWith('group:')) return normalizeName(group.slice('group:'.length));
  return null;
}

/**
 * @param member  a uv workspace member's entry in the workspace root's lock; undefined: the
 *                project uv locked at the lock's own folder
 */
export function checkUvStale(manifest: ParsedFile, manifestText: string, lock: ParsedFile, member?: LockedPackage): Finding[] {
  const project = member ?? uvProject(lock);
  if (!project?.metadata) return [];
  const extras = new Set<string>();
  for (const requirement of manifest.requirements) if (requirement.group.startsWith('extra:')) extras.add(normalizeExtra(requirement.group.slice(6)));
  // Workspace members, editable and path packages: any source that is not a URL (registry, git, url).
  const localPackages = new Set(lock.locked.filter((locked) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(locked.source ?? '')).map((locked) => locked.normalizedName));
  const signer = new RequirementSigner([...extras], localPackages);
  const recorded = new RequirementSet(signer);
  // `dynamic = ["dependencies"]`: the build backend supplies them, the file does not say what uv saw.
  const dynamicDist = (manifest.project?.dynamic ?? []).some((field) => field === 'dependencies' || field === 'optional-dependencies');
  if (!dynamicDist) for (const edge of project.metadata.requiresDist) recorded.add('dist', edge.name, edge.extras ?? [], edge.specifier, edge.marker);
  for (const [group, edges] of Object.entries(project.metadata.requiresDev)) {
    for (const edge of edges) recorded.add(normalizeName(group), edge.name, edge.extras ?? [], edge.specifier, edge.marker);
  }
  const document = parseToml(manifestText);
  const includedBy = groupsIncluding(document);
  const groupPythons = new Map(Object.entries(manifest.uvGroupRequiresPython ?? {}).map(([group, specifier]) => [normalizeName(group), specifier]));
  let forms: RecordedForm[] = [];
  for (const requirement of manifest.requirements) {
    const list = uvListOf(requirement.group);
    if (list === null || (list === 'dist' && dynamicDist)) continue;
    for (const target of [list, ...(includedBy.get(list) ?? [])]) {
      forms.push({ list: target, name: requirement.name, extras: requirement.extras, specifier: requirement.specifier, marker: declaredMarker(requirement, groupPythons.get(target)), requirement });
    }
  }
  const self = manifest.project?.normalizedName ?? project.normalizedName;
  if (recordsFlattenedSelfExtras(project, self, forms)) forms = flattenSelfExtras(forms, self, (marker) => signer.truths(marker), hasUvSource(document, self));
  const declared = new RequirementSet(signer);
  const formsByKey = new Map<string, RecordedForm[]>();
  for (const form of forms) {
    const key = declared.add(form.list, form.name, form.extras, form.specifier, form.marker);
    formsByKey.set(key, [...(formsByKey.get(key) ?? []), form]);
  }

  const related = [lockRelated(lock, project.span, `requirements recorded for ${project.name}`)];
  const stale = new Set<Requirement>();
  for (const [key, keyForms] of formsByKey) {
    const recordedMarker = recorded.markerOf(key);
    if (recordedMarker === declared.markerOf(key)) continue;
    // The same requirement recorded under other markers: blame the entries the lock does not cover (a flattened one: its self-reference).
    const uncovered = recordedMarker === undefined ? [] : keyForms.filter((form) => !coversTruths(recordedMarker, signer.truths(form.marker)));
    for (const form of uncovered.length > 0 ? uncovered : keyForms) stale.add(uncovered.length > 0 ? (form.via ?? form.requirement) : form.requirement);
  }
  const findings: Finding[] = [...stale].sort((a, b) => a.spans.whole.start - b.spans.whole.start).map((requirement) => ({
    code: 'lock-stale', severity: 'warning', package: requirement.normalizedName, span: requirement.spans.whole, related,
    message: 'uv.lock is out of date: it was locked without this requirement as written; run `uv lock`',
  }));
  // A recorded requirement whose name the same list still declares (changed, reported above) is not "removed".
  const declaredNames = new Set(declared.keys().map((key) => key.split('|').slice(0, 2).join('|')));
  const removed = recorded
    .keys()
    .filter((key) => declared.markerOf(key) === undefined && !declaredNames.has(key.split('|').slice(0, 2).join('|')))
    .map((key) => key.split('|')[1]);
  if (removed.length > 0) {
    findings.push({
      code: 'lock-stale', severity: 'warning', span: dependenciesKeySpan(manifestText), related,
      message: `uv.lock is out of date: it records requirements the pyproject no longer declares (${[...new Set(removed)].join(', ')}); run \`uv lock\``,
    });
  }
  return findings;
}

/** Does the marker `outer` (truth values) hold wherever `inner` does? Unreadable markers only cover themselves. */
function coversTruths(outer: string, inner: string): boolean {
  if (outer.length !== inner.length || /[^01]/.test(outer + inner)) return outer === inner;
  for (let i = 0; i < inner.length; i++) if (inner[i] === '1' && outer[i] !== '1') return false;
  return true;
}

/** `[tool.uv.sources] <name>` exists (any source: workspace, path, git, url, index). */
function hasUvSource(document: Record<string, unknown> | null, normalizedName: string): boolean {
  const sources = tableOf(tableOf(tableOf(document, 'tool'), 'uv'), 'sources');
  return sources !== null && Object.keys(sources).some((name) => normalizeName(name) === normalizedName);
}

function tableOf(table: Record<string, unknown> | null, key: string): Record<string, unknown> | null {
  const value = table?.[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function parseToml(text: string): Record<string, unknown> | null {
  try {
    return parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** A workspace member that the root's uv.lock does not have yet (added after the last `uv lock`). */
export function uvMemberNotLocked(manifest: ParsedFile, manifestText: string, lock: ParsedFile): Finding[] {
  const name = manifest.project?.name ?? 'this workspace member';
  return [{
    code: 'lock-stale', severity: 'warning', span: headerSpan(manifestText, ['[project]']),
    message: `${basename(lock.path)} of the uv workspace does not lock ${name} yet; run \`uv lock\``,
    related: [lockRelated(lock, undefined, 'the workspace lock')],
  }];
}

/**
 * uv.lock records the requires-python it was resolved for; a pyproject whose requires-python now
 * allows other Pythons (`>=3.9` → `>=3.10`) needs `uv lock`. Compared by the versions they allow
 * (uv rewrites `~=3.10` as `>=3.10, <4`), on the requires-python value.
 */
export function checkUvRequiresPython(manifest: ParsedFile, lock: ParsedFile): Finding[] {
  const declared = manifest.requiresPython;
  const recorded = lock.requiresPython;
  if (!declared || !recorded || sameAllowedPythons(declared.specifier, recorded.specifier)) return [];
  return [{
    code: 'lock-stale', severity: 'warning', span: declared.span,
    message: `uv.lock is out of date: it was locked for requires-python ${recorded.specifier}, the pyproject now says ${declared.specifier}; run \`uv lock\``,
    related: [lockRelated(lock, recorded.span, 'requires-python recorded by the lock')],
  }];
}

/** Do two specifiers allow the same Pythons? Tried on every 3.x release series and the versions either names (and their neighbours). */
function sameAllowedPythons(a: string, b: string): boolean {
  const named = [a, b].flatMap((specifier) => (parseSpecifierSet(specifier).value?.specifiers ?? []).map((clause) => clause.version.replace(/\.\*$/, '')));
  const candidates = new Set<string>(['2.7', '2.7.18', '4.0']);
  for (let minor = 0; minor <= 30; minor++) for (const patch of ['', '.0', '.1', '.99']) candidates.add(`3.${minor}${patch}`);
  for (const version of named) {
    const parts = version.split('.').map(Number);
    if (parts.some(Number.isNaN)) continue;
    candidates.add(version);
    const last = parts.length - 1;
    for (const delta of [-1, 1]) candidates.add([...parts.slice(0, last), parts[last] + delta].filter((part) => part >= 0).join('.'));
  }
  return [...candidates].every((version) => versionSatisfies(a, version) === versionSatisfies(b, version));
}

/**
 * Requirements keyed by list, name, extras and specifiers; the markers of entries with one key
 * are or-ed (uv splits a requirement whose `[tool.uv.sources]` entries have markers into one
 * entry per source marker).
 */
class RequirementSet {
  private readonly markers = new Map<string, string>();

  constructor(private readonly signer: RequirementSigner) {}

  add(list: string, name: string, extras: readonly string[], specifier: string, marker: string | null): string {
    const key = this.signer.key(list, name, extras, specifier);
    const truths = this.signer.truths(marker);
    const previous = this.markers.get(key);
    this.markers.set(key, previous === undefined ? truths : orTruths(previous, truths));
    return key;
  }

  markerOf(key: string): string | undefined {
    return this.markers.get(key);
  }

  keys(): string[] {
    return [...this.markers.keys()];
  }
}

function orTruths(a: string, b: string): string {
  if (a.length !== b.length) return a === b ? a : `${a}|${b}`;
  let out = '';
  for (let i = 0; i < a.length; i++) out += a[i] === '1' || b[i] === '1' ? '1' : '0';
  return out;
}

/** PEP 735 `{ include-group = "x" }`: group → the groups that include it (transitively), normalized. */
function groupsIncluding(document: Record<string, unknown> | null): Map<string, string[]> {
  const groups = tableOf(document, 'dependency-groups') ?? {};
  const includes = new Map<string, string[]>();
  for (const [group, items] of Object.entries(groups)) {
    for (const item of Array.isArray(items) ? items : []) {
      const included = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['include-group'] : undefined;
      if (typeof included === 'string') includes.set(normalizeName(group), [...(includes.get(normalizeName(group)) ?? []), normalizeName(included)]);
    }
  }
  const includedBy = new Map<string, string[]>();
  for (const group of includes.keys()) {
    const pending = [...(includes.get(group) ?? [])];
    const seen = new Set<string>();
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      includedBy.set(next, [...(includedBy.get(next) ?? []), group]);
      pending.push(...(includes.get(next) ?? []));
    }
  }
  return includedBy;
}

/** A requirement of an extra is recorded by uv with `extra == "<name>"` added to its marker. */
/**
 * The marker uv records for a declaration: an extra's requirements get `extra == "x"`, a group
 * with its own requires-python (`[tool.uv.dependency-groups]`) gets that Python range.
 */
function declaredMarker(requirement: Requirement, groupRequiresPython: string | undefined): string | null {
  const parts = [requirement.marker];
  if (requirement.group.startsWith('extra:')) parts.push(`extra == "${requirement.group.slice('extra:'.length)}"`);
  if (groupRequiresPython) parts.push(pythonRangeMarker(groupRequiresPython));
  const present = parts.filter((part): part is string => !!part);
  if (present.length === 0) return null;
  return present.length === 1 ? present[0] : present.map((part) => `(${part})`).join(' and ');
}

/** `>=3.12,<3.14` → `python_full_version >= "3.12" and python_full_version < "3.14"`. */
function pythonRangeMarker(specifier: string): string | null {
  const set = parseSpecifierSet(specifier).value;
  if (!set || set.specifiers.length === 0) return null;
  return set.specifiers.map((clause) => `python_full_version ${clause.operator} "${clause.version}"`).join(' and ');
}

function dependenciesKeySpan(text: string): Span {
  const region = tableRegion(text, '[project]');
  const value = region && findKeyValueSpan(text, 'dependencies', region);
  if (value) return { start: value.start, end: Math.min(value.end, value.start + 1) };
  return headerSpan(text, ['[project]']);
}

/**
 * A comparable text for a requirement: list, name, sorted extras, sorted normalized specifiers,
 * and the marker as its truth values over realistic environments (so uv's rewriting of markers,
 * e.g. python_version to python_full_version, compares equal).
 */
class RequirementSigner {
  private readonly environments: MarkerEnvironment[];
  private readonly markerTruths = new Map<string, string>();

  /**
   * `localPackages`: normalized names of the lock's workspace members and path packages. uv records
   * a requirement on one of them with its location and no version (`{ name = "core", editable =
   * "lib/core" }`, whatever `core==1.2` the pyproject says), so their versions are not compared.
   */
  constructor(extras: readonly string[], private readonly localPackages: ReadonlySet<string> = new Set()) {
    this.environments = defaultEnvironments().flatMap((env) => ['', ...extras].map((extra) => ({ ...env, extra })));
  }

  key(list: string, name: string, extras: readonly string[], specifier: string): string {
    const extrasKey = [...new Set(extras.map(normalizeExtra))].sort().join(',');
    const normalized = normalizeName(name);
    return `${list}|${normalized}|${extrasKey}|${this.localPackages.has(normalized) ? '' : specifierKey(specifier)}`;
  }

  /** '1'/'0' per environment; an unreadable marker is its own text. */
  truths(marker: string | null): string {
    const text = marker?.trim() ?? '';
    let truths = this.markerTruths.get(text);
    if (truths === undefined) {
      const parsed = text === '' ? null : parseMarker(text).value;
      if (text === '') truths = '1'.repeat(this.environments.length);
      else truths = parsed ? this.environments.map((env) => (evaluateMarker(parsed, env) ? '1' : '0')).join('') : text;
      this.markerTruths.set(text, truths);
    }
    return truths;
  }
}

function specifierKey(specifier: string): string {
  const parsed = parseSpecifierSet(specifier).value;
  if (!parsed) return specifier;
  return parsed.specifiers
    .map((item) => {
      const wildcard = item.version.endsWith('.*');
      const version = wildcard ? item.version.slice(0, -2) : item.version;
      return `${item.operator}${normalizeVersion(version) ?? version}${wildcard ? '.*' : ''}`;
    })
    .sort()
    .join(',');
}
