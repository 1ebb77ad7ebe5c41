/**
 * PEP 508 requirement strings inside pyproject.toml: parsed with core's PEP 508 parser, spans
 * shifted from the decoded string value into the file, parser errors turned into findings.
 */
import type { Requirement, RequirementGroup, RequirementSpans } from '../../model';
import { normalizeName } from '../../names';
import { dirname } from '../../paths';
import { parseRequirement, type ParsedRequirement } from '../../pep508';
import { localProjectFolder, parseDirectReference } from '../requirements-txt/direct-reference';
import { expectArray, report, type PyprojectContext } from './context';
import type { TomlEntry, TomlString, TomlValue } from './toml-document';

export interface RequirementStringOptions {
  /**
   * Hatch: strings with `{...}` context fields (`{root:uri}`, `{env:VAR}`) are formatted by Hatch
   * before use; they are skipped rather than reported as invalid.
   */
  skipContextFields?: boolean;
  /** PDM dev-dependencies: `-e <requirement or path>` marks an editable requirement. */
  allowEditable?: boolean;
}

/** The requirement in one TOML value, or null (with findings) when it is not a valid PEP 508 string. */
export function requirementFromValue(context: PyprojectContext, value: TomlValue, group: RequirementGroup, options: RequirementStringOptions = {}): Requirement | null {
  if (value.type !== 'string') {
    report(context, 'invalid-requirement', 'Expected a PEP 508 requirement string', value.span);
    return null;
  }
  if (options.skipContextFields && /\{[^{}]*\}/.test(value.value)) return null;
  let offset = 0;
  let editable = false;
  if (options.allowEditable) {
    const flag = /^\s*(-e|--editable)(\s+|=)/.exec(value.value);
    if (flag) {
      offset = flag[0].length;
      editable = true;
    }
  }
  const text = value.value.slice(offset);
  const { value: parsed, errors } = parseRequirement(text);
  // An editable PDM entry may be a bare path or URL (`-e ./packages/foo`), which is not PEP 508: not an error.
  if (editable && !parsed) return editableReference(context, value, offset, group);
  for (const error of errors) {
    const span = value.mapSpan({ start: error.span.start + offset, end: error.span.end + offset });
    report(context, error.code, error.message, span);
  }
  if (!parsed) return null;
  const requirement = buildRequirement(value, parsed, offset, group);
  if (editable) requirement.editable = true;
  return requirement;
}

function buildRequirement(value: TomlString, parsed: ParsedRequirement, offset: number, group: RequirementGroup): Requirement {
  const map = (span: { start: number; end: number }) => value.mapSpan({ start: span.start + offset, end: span.end + offset });
  const spans: RequirementSpans = { whole: value.contentSpan, name: map(parsed.nameSpan) };
  if (parsed.extrasSpan) spans.extras = map(parsed.extrasSpan);
  if (parsed.specifierSpan) spans.specifier = map(parsed.specifierSpan);
  if (parsed.markerSpan) spans.marker = map(parsed.markerSpan);
  if (parsed.urlSpan) spans.url = map(parsed.urlSpan);
  const constraint = parsed.specifierSpan ? value.value.slice(parsed.specifierSpan.start + offset, parsed.specifierSpan.end + offset) : '';
  return {
    name: parsed.name,
    normalizedName: normalizeName(parsed.name),
    extras: parsed.extras,
    specifier: parsed.specifier,
    constraint,
    marker: parsed.marker?.text ?? null,
    url: parsed.url,
    group,
    index: null,
    spans,
  };
}

/**
 * PDM `-e <path or URL>` without a PEP 508 name: a local project (`./packages/foo`,
 * `file:///${PROJECT_ROOT}/packages/foo`), named later from its metadata, or a VCS URL named by `#egg=`.
 */
function editableReference(context: PyprojectContext, value: TomlString, offset: number, group: RequirementGroup): Requirement | null {
  const text = value.value.slice(offset);
  const reference = parseDirectReference(text, context.file.path, false).value;
  if (!reference) return null;
  const projectRoot = dirname(context.file.path);
  const location = reference.url.text.replace(/^file:\/\/\/?\$\{PROJECT_ROOT\}/, projectRoot).replace(/\$\{PROJECT_ROOT\}/g, projectRoot);
  // A name written with #egg= is the name; else a local folder is named by its metadata.
  const name = reference.name.text;
  const localProject = name !== '' ? undefined : location === reference.url.text ? reference.localProject : (localProjectFolder(location, context.file.path) ?? undefined);
  if (localProject === undefined && name === '') return null;
  const map = (located: { start: number; end: number }) => value.mapSpan({ start: located.start + offset, end: located.end + offset });
  const spans: RequirementSpans = { whole: value.contentSpan, name: map(reference.name), url: map(reference.url) };
  if (reference.extrasLocation) spans.extras = map(reference.extrasLocation);
  const requirement: Requirement = {
    name,
    normalizedName: normalizeName(name),
    extras: reference.extras,
    specifier: '',
    constraint: '',
    marker: null,
    url: reference.url.text,
    group,
    index: null,
    editable: true,
    spans,
  };
  if (localProject !== undefined) requirement.localProject = localProject;
  return requirement;
}

/** An array of requirement strings (e.g. `dependencies = [...]`) added to the file under `group`. */
export function addRequirementArray(context: PyprojectContext, entry: TomlEntry | undefined, group: RequirementGroup, what: string, options: RequirementStringOptions = {}): void {
  const array = expectArray(context, entry, what);
  if (!array) return;
  for (const item of array.items) {
    const requirement = requirementFromValue(context, item, group, options);
    if (requirement) context.file.requirements.push(requirement);
  }
}
