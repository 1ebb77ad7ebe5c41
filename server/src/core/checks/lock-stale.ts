/**
 * lock-stale: the lockfile was made from other declarations than the manifest now has.
 * - poetry.lock: `[metadata] content-hash` vs the hash of the pyproject (lock-poetry-hash.ts).
 *   A lock-version below 2.1 was written by Poetry 1.x, but Poetry 2.x reads it too: it is stale
 *   only when neither version's hash matches. From 2.1 on, only Poetry 2.x's hash counts.
 * - uv.lock: the project's `[package.metadata]` requires-dist / requires-dev vs the pyproject's
 *   declarations, compared as sets (name, extras, specifiers, and markers by their truth values).
 */
import { findKeyValueSpan, tableRegion } from '../formats/locks/entry-spans';
import type { Finding, LockedDependency, LockedPackage, ParsedFile, Requirement } from '../model';
import { normalizeExtra, normalizeName } from '../names';
import { normalizeVersion, parseSpecifierSet } from '../pep440';
import { defaultEnvironments, evaluateMarker, parseMarker, type MarkerEnvironment } from '../pep508';
import type { Span } from '../span';
import { poetryContentHashes } from './lock-poetry-hash';
import { lockRelated } from './lock-related';

const START: Span = { start: 0, end: 0 };

export function checkPoetryStale(manifest: ParsedFile, manifestText: string, lock: ParsedFile): Finding[] {
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

export function checkUvStale(manifest: ParsedFile, manifestText: string, lock: ParsedFile): Finding[] {
  const project = uvProject(lock);
  if (!project?.metadata) return [];
  const extras = new Set<string>();
  for (const requirement of manifest.requirements) if (requirement.group.startsWith('extra:')) extras.add(normalizeExtra(requirement.group.slice(6)));
  const signer = new RequirementSigner([...extras]);
  const recorded = new Map<string, string[]>();
  const add = (list: string, edges: readonly LockedDependency[]) => recorded.set(list, [...(recorded.get(list) ?? []), ...edges.map((edge) => signer.sign(list, edge.name, edge.extras ?? [], edge.specifier, edge.marker))]);
  add('dist', project.metadata.requiresDist);
  for (const [group, edges] of Object.entries(project.metadata.requiresDev)) add(normalizeName(group), edges);

  const findings: Finding[] = [];
  const related = [lockRelated(lock, project.span, `requirements recorded for ${project.name}`)];
  for (const requirement of manifest.requirements) {
    const list = uvListOf(requirement.group);
    if (list === null) continue;
    const signature = signer.sign(list, requirement.name, requirement.extras, requirement.specifier, declaredMarker(requirement));
    const remaining = recorded.get(list) ?? [];
    const position = remaining.indexOf(signature);
    if (position >= 0) {
      remaining.splice(position, 1);
      continue;
    }
    findings.push({
      code: 'lock-stale', severity: 'warning', package: requirement.normalizedName, span: requirement.spans.whole, related,
      message: `uv.lock is out of date: it was locked without this requirement as written; run \`uv lock\``,
    });
  }
  const leftOver = [...recorded.values()].flat();
  if (leftOver.length > 0) {
    const names = leftOver.map((signature) => signature.split('|')[1]);
    findings.push({
      code: 'lock-stale', severity: 'warning', span: dependenciesKeySpan(manifestText), related,
      message: `uv.lock is out of date: it records requirements the pyproject no longer declares (${[...new Set(names)].join(', ')}); run \`uv lock\``,
    });
  }
  return findings;
}

/** A requirement of an extra is recorded by uv with `extra == "<name>"` added to its marker. */
function declaredMarker(requirement: Requirement): string | null {
  if (!requirement.group.startsWith('extra:')) return requirement.marker;
  const extra = `extra == "${requirement.group.slice('extra:'.length)}"`;
  return requirement.marker ? `(${requirement.marker}) and ${extra}` : extra;
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
  private readonly markerKeys = new Map<string, string>();

  constructor(extras: readonly string[]) {
    this.environments = defaultEnvironments().flatMap((env) => ['', ...extras].map((extra) => ({ ...env, extra })));
  }

  sign(list: string, name: string, extras: readonly string[], specifier: string, marker: string | null): string {
    const extrasKey = [...new Set(extras.map(normalizeExtra))].sort().join(',');
    return `${list}|${normalizeName(name)}|${extrasKey}|${specifierKey(specifier)}|${this.markerKey(marker)}`;
  }

  private markerKey(marker: string | null): string {
    if (marker === null || marker.trim() === '') return 'always';
    let key = this.markerKeys.get(marker);
    if (key === undefined) {
      const parsed = parseMarker(marker).value;
      const truths = parsed ? this.environments.map((env) => (evaluateMarker(parsed, env) ? '1' : '0')).join('') : marker;
      key = /^1+$/.test(truths) ? 'always' : truths;
      this.markerKeys.set(marker, key);
    }
    return key;
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
