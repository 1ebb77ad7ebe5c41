/**
 * Requirements / constraints / `.in` files, read the way pip reads them (pip `req_file.py`):
 * continuations and comments are handled first (logical-lines.ts), then each line is split like
 * pip's break_args_options: everything before the first space-separated word starting with `-`
 * is the requirement, the rest are options parsed like optparse (options.ts).
 */
import type { Finding, IndexDeclaration, ParsedFile, Requirement } from '../../model';
import { emptyParsedFile } from '../../model';
import { normalizeName } from '../../names';
import { parseRequirement } from '../../pep508';
import type { RequirementError } from '../../pep508';
import type { Span } from '../../span';
import { isDirectReferenceText, isUrl, markerSeparatorIndex, parseDirectReference } from './direct-reference';
import { detectGenerator } from './generator';
import type { DirectReference } from './direct-reference';
import { readLogicalLines, toOriginalSpan } from './logical-lines';
import type { LogicalLine } from './logical-lines';
import { parseOptionTokens, splitShellWords } from './options';
import type { ParsedOption } from './options';
import { ViaAnnotationCollector } from './via-annotations';

export interface RequirementsParseOptions {
  /**
   * The environment, for `${VAR}` (pip's expand_env_variables: `${NAME}` with NAME of upper-case
   * letters, digits and `_`; unset or empty variables stay as written). Lines are read expanded,
   * as pip reads them, but the values shown (URLs, include paths, option values) keep the text as
   * written; the expanded ones are kept beside them for what is fetched or read
   * (IndexDeclaration.requestUrl, Include.expandedTarget).
   */
  variables?: Readonly<Record<string, string | undefined>>;
  /** The file is a constraints file (included with -c): requirements get group "constraint". */
  asConstraints?: boolean;
}

/** pip accepts only these hash algorithms in --hash. */
const ALLOWED_HASH_ALGORITHMS = new Set(['sha256', 'sha384', 'sha512']);
/** Options kept on a requirement rather than in the file's option list. */
const REQUIREMENT_ONLY_OPTIONS = new Set(['--hash', '--editable', '--requirement', '--constraint']);
const INDEX_ROLES: Record<string, string> = { '--index-url': 'index-url', '--extra-index-url': 'extra-index-url', '--find-links': 'find-links' };

interface LineContext {
  file: ParsedFile;
  line: LogicalLine;
  group: string;
  /** The whole file's text (for values as written). */
  source: string;
}

function finding(span: Span, message: string, code: Finding['code'] = 'invalid-requirement'): Finding {
  return { code, severity: 'error', message, span };
}

function mapSpan(context: LineContext, start: number, end: number): Span {
  return toOriginalSpan(context.line, start, end);
}

/** [start, end) of the line as written in the file, when `${VAR}` was expanded there; else null (the line's text is the written text). */
function writtenText(context: LineContext, start: number, end: number): string | null {
  if (!context.line.segments.some((segment) => segment.replaced && segment.at < end && segment.at + segment.length > start)) return null;
  const span = mapSpan(context, start, end);
  return context.source.slice(span.start, span.end);
}

/** An option's value as written (`${VAR}` kept), and as pip uses it (expanded) when that differs. */
function optionValue(context: LineContext, option: ParsedOption): { written: string | null; expanded?: string } {
  if (option.value === null) return { written: null };
  const written = writtenText(context, option.valueStart ?? option.start, option.valueEnd ?? option.end);
  return written === null || written === option.value ? { written: option.value } : { written, expanded: option.value };
}

function reportRequirementErrors(context: LineContext, errors: RequirementError[], toLine: (start: number, end: number) => Span): void {
  for (const error of errors) context.file.errors.push(finding(toLine(error.span.start, error.span.end), error.message, error.code));
}

/** Validates `--hash` values and returns them. */
function collectHashes(context: LineContext, options: ParsedOption[]): string[] {
  const hashes: string[] = [];
  for (const option of options) {
    if (option.definition.long !== '--hash' || option.value === null) continue;
    const colon = option.value.indexOf(':');
    const algorithm = colon > 0 ? option.value.slice(0, colon) : '';
    const span = mapSpan(context, option.valueStart ?? option.start, option.valueEnd ?? option.end);
    if (colon <= 0 || colon === option.value.length - 1) {
      context.file.errors.push(finding(span, 'A --hash value is an algorithm and a digest, like --hash=sha256:abcd…'));
    } else if (!ALLOWED_HASH_ALGORITHMS.has(algorithm)) {
      context.file.errors.push(finding(span, `pip allows only sha256, sha384 and sha512 in --hash, not ${algorithm}`));
    }
    hashes.push(option.value);
  }
  return hashes;
}

function recordOptions(context: LineContext, options: ParsedOption[]): void {
  for (const option of options) {
    const name = option.definition.long;
    if (REQUIREMENT_ONLY_OPTIONS.has(name)) continue;
    const span = mapSpan(context, option.start, option.end);
    const value = optionValue(context, option);
    context.file.options!.push({ name, value: value.written, span });
    const role = INDEX_ROLES[name];
    if (role && value.written !== null) {
      const urlSpan = mapSpan(context, option.valueStart ?? option.start, option.valueEnd ?? option.end);
      const index: IndexDeclaration = { name: null, url: value.written, role, tool: 'pip', span: urlSpan };
      if (value.expanded !== undefined) index.requestUrl = value.expanded;
      context.file.indexes.push(index);
    }
  }
}

/** pip follows only the first -r of a line, and a -c only when there is no -r. */
function recordInclude(context: LineContext, options: ParsedOption[]): void {
  const include = options.find((o) => o.definition.long === '--requirement') ?? options.find((o) => o.definition.long === '--constraint');
  if (!include || include.value === null) return;
  const value = optionValue(context, include);
  context.file.includes.push({
    kind: include.definition.long === '--requirement' ? 'requirement' : 'constraint',
    target: value.written ?? include.value,
    ...(value.expanded !== undefined ? { expandedTarget: value.expanded } : {}),
    span: mapSpan(context, 0, context.line.text.length),
    targetSpan: mapSpan(context, include.valueStart ?? include.start, include.valueEnd ?? include.end),
  });
}

function fromPep508(context: LineContext, text: string): Requirement | null {
  const parsed = parseRequirement(text);
  const toLine = (start: number, end: number): Span => mapSpan(context, start, end);
  reportRequirementErrors(context, parsed.errors, toLine);
  const value = parsed.value;
  if (!value) return null;
  const optional = (span: Span | undefined): Span | undefined => (span ? toLine(span.start, span.end) : undefined);
  return {
    name: value.name,
    normalizedName: normalizeName(value.name),
    extras: value.extras,
    specifier: value.specifier,
    constraint: value.specifierSpan ? text.slice(value.specifierSpan.start, value.specifierSpan.end).trim() : '',
    marker: value.marker?.text ?? null,
    url: value.url,
    group: context.group,
    index: null,
    spans: {
      whole: toLine(0, text.length),
      name: toLine(value.nameSpan.start, value.nameSpan.end),
      extras: optional(value.extrasSpan),
      specifier: optional(value.specifierSpan),
      marker: optional(value.markerSpan),
      url: optional(value.urlSpan),
    },
  };
}

function fromDirectReference(context: LineContext, reference: DirectReference, toLine: (start: number, end: number) => Span, editable: boolean, wholeEnd: number): Requirement {
  const requirement: Requirement = {
    name: reference.name.text,
    normalizedName: normalizeName(reference.name.text),
    extras: reference.extras,
    specifier: '',
    constraint: '',
    marker: reference.marker?.text ?? null,
    url: reference.url.text,
    group: context.group,
    index: null,
    spans: {
      whole: toLine(0, wholeEnd),
      name: toLine(reference.name.start, reference.name.end),
      url: toLine(reference.url.start, reference.url.end),
    },
  };
  if (reference.localProject !== undefined) requirement.localProject = reference.localProject;
  if (editable) requirement.editable = true;
  if (reference.extrasLocation) requirement.spans.extras = toLine(reference.extrasLocation.start, reference.extrasLocation.end);
  if (reference.marker) requirement.spans.marker = toLine(reference.marker.start, reference.marker.end);
  return requirement;
}

function fromRequirementText(context: LineContext, text: string): Requirement | null {
  const separator = markerSeparatorIndex(text);
  const head = (separator ? text.slice(0, separator.index) : text).trim();
  if (!isDirectReferenceText(head)) return fromPep508(context, text);
  const toLine = (start: number, end: number): Span => mapSpan(context, start, end);
  const parsed = parseDirectReference(text, context.file.path, true);
  reportRequirementErrors(context, parsed.errors, toLine);
  return parsed.value ? fromDirectReference(context, parsed.value, toLine, false, text.length) : null;
}

function fromEditable(context: LineContext, option: ParsedOption): Requirement | null {
  const value = option.value ?? '';
  const valueStart = option.valueStart ?? option.start;
  const valueEnd = option.valueEnd ?? option.end;
  // Offsets in `value` equal offsets in the line unless shell quoting changed the text.
  const verbatim = context.line.text.slice(valueStart, valueEnd) === value;
  const toLine = (start: number, end: number): Span => (verbatim ? mapSpan(context, valueStart + start, valueStart + end) : mapSpan(context, valueStart, valueEnd));
  if (isUrl(value) && /^(https?|ftp):/i.test(value)) {
    context.file.errors.push(finding(toLine(0, value.length), `${value} is not a valid editable requirement: use a local project path or a VCS URL (git+https://…)`));
    return null;
  }
  const parsed = parseDirectReference(value, context.file.path, false);
  reportRequirementErrors(context, parsed.errors, toLine);
  return parsed.value ? fromDirectReference(context, parsed.value, toLine, true, value.length) : null;
}

/** pip's break_args_options: options start at the first space-separated word beginning with '-'. */
function optionsStart(text: string): number {
  if (text.startsWith('-')) return 0;
  const index = text.indexOf(' -');
  return index < 0 ? text.length : index + 1;
}

function readLine(context: LineContext): Requirement | null {
  const { line, file } = context;
  const split = optionsStart(line.text);
  const requirementText = line.text.slice(0, split).trimEnd();
  const words = splitShellWords(line.text, split);
  if (words.error) {
    // pip's shlex.split fails on the whole line.
    file.errors.push(finding(mapSpan(context, words.error.start, words.error.end), words.error.message));
    return null;
  }
  const parsedOptions = parseOptionTokens(line.text, words.tokens);
  for (const error of parsedOptions.errors) file.errors.push(finding(mapSpan(context, error.start, error.end), error.message));
  const options = parsedOptions.options;

  const editable = options.find((o) => o.definition.long === '--editable');
  let requirement: Requirement | null = null;
  if (requirementText !== '') requirement = fromRequirementText(context, requirementText);
  else if (editable) requirement = fromEditable(context, editable);
  else {
    recordInclude(context, options);
    recordOptions(context, options);
    return null;
  }
  // On a requirement line pip applies only the per-requirement options and ignores the others.
  recordOptions(context, options.filter((o) => o.definition.long === '--config-settings' || o.definition.long === '--global-option'));
  const hashes = collectHashes(context, options);
  if (requirement && hashes.length > 0) requirement.hashes = hashes;
  return requirement;
}

export function parseRequirementsTxt(text: string, path: string, options: RequirementsParseOptions = {}): ParsedFile {
  const file: ParsedFile = { ...emptyParsedFile(path, 'requirements'), options: [] };
  const group = options.asConstraints ? 'constraint' : 'main';
  const via = new ViaAnnotationCollector();
  for (const line of readLogicalLines(text, options.variables)) {
    if (line.text === '') {
      via.onCommentLine(line.comment);
      continue;
    }
    const requirement = readLine({ file, line, group, source: text });
    // A URL is shown as written: an expanded `${TOKEN}` never reaches messages, hovers or JSON.
    if (requirement?.url != null && requirement.spans.url && line.segments.some((segment) => segment.replaced)) {
      requirement.url = text.slice(requirement.spans.url.start, requirement.spans.url.end);
    }
    if (requirement) file.requirements.push(requirement);
    via.onContentLine(requirement, line.comment);
  }
  const generated = detectGenerator(text);
  if (generated) file.generator = generated.generator;
  if (generated?.purpose) file.purpose = generated.purpose;
  return file;
}
