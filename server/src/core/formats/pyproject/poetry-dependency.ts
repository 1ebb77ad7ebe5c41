/**
 * One Poetry dependency (`name = "^1.2"`, `name = { version = "^1.2", python = "^3.8", ... }`, or an
 * array of such tables for multiple constraints) → model requirements. Constraints are translated
 * to PEP 440 (`constraint` keeps the text as written); `python`, `platform` and `markers` are merged
 * into one marker joined by `and`.
 * Spans: whole = the key/value pair (for an array: the inline table), name = the key, specifier =
 * the version string contents.
 */
import type { Requirement, RequirementGroup } from '../../model';
import { normalizeName } from '../../names';
import { parseMarker } from '../../pep508';
import { poetryPlatformToMarker, poetryPythonToMarker, translatePoetryConstraint } from '../../poetry';
import type { Span } from '../../span';
import { booleanValue, report, stringValue, type PyprojectContext } from './context';
import type { TomlEntry, TomlString, TomlTable, TomlValue } from './toml-document';

export function poetryRequirements(context: PyprojectContext, entry: TomlEntry, group: RequirementGroup): Requirement[] {
  const value = entry.value;
  if (value.type === 'array') {
    const requirements: Requirement[] = [];
    for (const item of value.items) {
      const requirement = poetryRequirement(context, entry, item, item.span, group);
      if (requirement) requirements.push(requirement);
    }
    return requirements;
  }
  const requirement = poetryRequirement(context, entry, value, entry.span, group);
  return requirement ? [requirement] : [];
}

function poetryRequirement(context: PyprojectContext, entry: TomlEntry, value: TomlValue, whole: Span, group: RequirementGroup): Requirement | null {
  const requirement: Requirement = {
    name: entry.key,
    normalizedName: normalizeName(entry.key),
    extras: [],
    specifier: '',
    constraint: '',
    marker: null,
    url: null,
    group,
    index: null,
    spans: { whole, name: entry.keySpan },
  };
  if (value.type === 'string') {
    return applyVersion(context, requirement, value) ? requirement : null;
  }
  if (value.type !== 'table') {
    report(context, 'invalid-poetry-constraint', `Dependency "${entry.key}" must be a version string or a table`, value.span, 'error', requirement.normalizedName);
    return null;
  }
  const version = value.entries.get('version')?.value;
  if (version) {
    if (version.type !== 'string') report(context, 'invalid-poetry-constraint', 'version must be a string', version.span, 'error', requirement.normalizedName);
    else if (!applyVersion(context, requirement, version)) return null;
  }
  applyMarkers(context, requirement, value);
  applyTableFields(context, requirement, value);
  return requirement;
}

function applyVersion(context: PyprojectContext, requirement: Requirement, version: TomlString): boolean {
  const { value, errors } = translatePoetryConstraint(version.value);
  for (const error of errors) {
    report(context, error.code ?? 'invalid-poetry-constraint', error.message, version.mapSpan(error.span), 'error', requirement.normalizedName);
  }
  if (!value) return false;
  requirement.constraint = version.value;
  requirement.specifier = value.pep440;
  requirement.spans.specifier = version.contentSpan;
  return true;
}

function applyMarkers(context: PyprojectContext, requirement: Requirement, table: TomlTable): void {
  const parts: string[] = [];
  let markerSpan: Span | undefined;
  const python = stringValue(table, 'python');
  if (python) {
    const { value, errors } = poetryPythonToMarker(python.value);
    for (const error of errors) report(context, error.code ?? 'invalid-poetry-constraint', error.message, python.mapSpan(error.span), 'error', requirement.normalizedName);
    if (value) parts.push(value);
    markerSpan = python.contentSpan;
  }
  const platform = stringValue(table, 'platform');
  if (platform) {
    const marker = poetryPlatformToMarker(platform.value);
    if (marker) parts.push(marker);
    markerSpan ??= platform.contentSpan;
  }
  const markers = stringValue(table, 'markers');
  if (markers) {
    const { value, errors } = parseMarker(markers.value);
    for (const error of errors) report(context, error.code, error.message, markers.mapSpan(error.span), 'error', requirement.normalizedName);
    if (value) parts.push(value.text);
    markerSpan = markers.contentSpan;
  }
  if (parts.length === 0) return;
  requirement.marker = parts.length === 1 ? parts[0] : parts.map((part) => (/\bor\b/.test(part) ? `(${part})` : part)).join(' and ');
  if (markerSpan) requirement.spans.marker = markerSpan;
}

/** extras, optional, source (→ index), git/path/url (→ url), develop (→ editable). */
function applyTableFields(context: PyprojectContext, requirement: Requirement, table: TomlTable): void {
  const extras = table.entries.get('extras');
  if (extras?.value.type === 'array') {
    requirement.extras = extras.value.items.filter((item): item is TomlString => item.type === 'string').map((item) => item.value);
    requirement.spans.extras = extras.value.span;
  } else if (extras) {
    report(context, 'invalid-requirement', 'extras must be an array of strings', extras.value.span, 'error', requirement.normalizedName);
  }
  const optional = booleanValue(table, 'optional');
  if (optional !== undefined) requirement.optional = optional;
  const source = stringValue(table, 'source');
  if (source) requirement.index = source.value;
  for (const key of ['git', 'url', 'path'] as const) {
    const location = stringValue(table, key);
    if (!location) continue;
    requirement.url = location.value;
    requirement.spans.url = location.contentSpan;
    break;
  }
  const develop = booleanValue(table, 'develop');
  if (develop !== undefined) requirement.editable = develop;
}
