/**
 * Small helpers shared by the lockfile parsers: typed reads of untyped TOML values, findings, and
 * building LockedPackage entries.
 */
import type { Finding, LockedDependency, LockedPackage, Severity } from '../../model';
import { normalizeExtra, normalizeName } from '../../names';
import type { Span } from '../../span';
import type { TomlTable } from './lock-toml';

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asTable(value: unknown): TomlTable | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
    ? (value as TomlTable)
    : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The tables of an array (skipping anything else). */
export function asTables(value: unknown): TomlTable[] {
  return asArray(value).map(asTable).filter((table): table is TomlTable => table !== undefined);
}

/** The strings of an array (skipping anything else); undefined when the value is not an array. */
export function asStrings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/** Extras as the model keeps them: the strings of `value` (an array), PEP 685 normalized, distinct, sorted. */
export function normalizedExtras(value: unknown): string[] {
  return [...new Set((asStrings(value) ?? []).map(normalizeExtra))].sort();
}

export function invalidLockfile(message: string, span: Span, severity: Severity = 'error', packageName?: string): Finding {
  const finding: Finding = { code: 'invalid-lockfile', severity, message, span };
  if (packageName) finding.package = normalizeName(packageName);
  return finding;
}

export interface LockedPackageFields {
  name: string;
  version: string;
  source: string | null;
  dependencies: LockedDependency[];
  marker?: string | null;
  groups?: string[];
  span?: Span;
}

/** A LockedPackage with its normalized name; optional fields are left out when absent. */
export function lockedPackage(fields: LockedPackageFields): LockedPackage {
  const entry: LockedPackage = {
    name: fields.name,
    normalizedName: normalizeName(fields.name),
    version: fields.version,
    source: fields.source,
    dependencies: fields.dependencies,
  };
  if (fields.marker !== undefined) entry.marker = fields.marker;
  if (fields.groups !== undefined) entry.groups = fields.groups;
  if (fields.span !== undefined) entry.span = fields.span;
  return entry;
}

/** A marker expression that can be joined with ` and ` without changing its meaning. */
function parenthesizeForAnd(marker: string): string {
  return / or /.test(marker) ? `(${marker})` : marker;
}

/** `a and b` for markers, dropping absent ones; null when none is left. */
export function andMarkers(...markers: (string | null | undefined)[]): string | null {
  const present = markers.filter((marker): marker is string => !!marker && marker.trim() !== '');
  if (present.length === 0) return null;
  if (present.length === 1) return present[0];
  return present.map(parenthesizeForAnd).join(' and ');
}

/** `a or b` for markers (distinct ones only); null when there is none. */
export function orMarkers(markers: readonly string[]): string | null {
  const distinct = [...new Set(markers.filter((marker) => marker.trim() !== ''))];
  if (distinct.length === 0) return null;
  if (distinct.length === 1) return distinct[0];
  return distinct.join(' or '); // `or` is associative and binds loosest: no parentheses needed
}

/**
 * The index a file URL was served from: the URL's directory, unless the file is on PyPI's file
 * host (then null: the default index). Used where a lockfile records files but not their index.
 */
export function indexFromFileUrl(url: string): string | null {
  if (/^https?:\/\/files\.pythonhosted\.org\//.test(url)) return null;
  const path = url.split(/[?#]/, 1)[0];
  const slash = path.lastIndexOf('/');
  return slash > path.indexOf('://') + 2 ? path.slice(0, slash) : null;
}
