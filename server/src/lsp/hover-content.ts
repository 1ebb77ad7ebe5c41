/**
 * What a hover shows, as Markdown. A requirement's hover puts what matters first: the title (name,
 * specifier), its status (a yanked pin, an index problem), the versions (latest, allowed, locked,
 * installed), the one index that answers, what requires it; then the details of the declaration.
 * The parts from the index (hover-insight.ts), the index choice (hover-index.ts) and the
 * dependency graph (hover-graph.ts) are given by the hover handler; without them this is the
 * offline hover. Include lines, Python ranges and lockfile entries have files of their own.
 */
import { lockedEntryAtLine } from '../core/formats/locks/entry-lines';
import { hasKnownName, requirementGroups, requirementLabel, type Include, type LockedPackage, type ParsedFile, type Requirement } from '../core/model';
import { pythonDeclarationAt, type PythonDeclaration } from '../core/python-declarations';
import type { Span } from '../core/span';
import { lockedPackageMarkdown } from './hover-locked';
import { code, escapeMarkdown, row } from './markdown';

export type HoverTarget =
  | { kind: 'requirement'; requirement: Requirement; span: Span }
  | { kind: 'locked-package'; lockedPackage: LockedPackage; span: Span }
  | { kind: 'include'; include: Include; span: Span }
  | { kind: 'python'; declaration: PythonDeclaration; span: Span };

/** What the hover handler adds to a requirement's offline hover, each part in its place. */
export interface RequirementHoverParts {
  /** Rows first under the title: a yanked pin, a project no index has, an index problem. */
  status?: string[];
  /** Rows: latest, newest allowed, newest for the project's Python, locked. */
  versions?: string[];
  /** The installed row. */
  installed?: string | null;
  /** The one index row (hover-index.ts); the pin alone when not given. */
  index?: string | null;
  requiredBy?: string | null;
  /** The project's summary, from the index. */
  summary?: string | null;
  /** Links, one line. */
  links?: string | null;
}

/**
 * What is under the offset: a requirement's name, an include line, a requires-python (or Poetry
 * `python`) line, a lockfile entry's name or version line (these need the document's `text`), else
 * the locked package whose entry span holds it.
 */
export function findHoverTarget(file: ParsedFile, offset: number, text?: string): HoverTarget | null {
  for (const requirement of file.requirements) {
    const name = requirement.spans.name;
    if (name.start <= offset && offset <= name.end) return { kind: 'requirement', requirement, span: name };
  }
  const include = file.includes.find((candidate) => candidate.span.start <= offset && offset <= candidate.span.end);
  if (include) return { kind: 'include', include, span: include.span };
  if (text !== undefined) {
    const declaration = pythonDeclarationAt(file, text, offset);
    if (declaration) return { kind: 'python', declaration, span: declaration.span };
    const entry = file.locked.length > 0 ? lockedEntryAtLine(text, file.locked, offset) : null;
    if (entry) return { kind: 'locked-package', lockedPackage: entry.lockedPackage, span: entry.span };
  }
  let best: HoverTarget | null = null;
  for (const lockedPackage of file.locked) {
    const span = lockedPackage.span;
    if (!span || offset < span.start || offset > span.end) continue;
    // Innermost entry wins when spans nest.
    if (!best || span.end - span.start < best.span.end - best.span.start) best = { kind: 'locked-package', lockedPackage, span };
  }
  return best;
}

/**
 * The offline hover of a requirement or a locked package ('' for include and Python lines, whose
 * hovers need the analysis and the date: hover-include.ts, hover-python.ts). `file`: the document
 * the target is in (what the file is for is noted under a requirement; a lockfile's name is in its
 * entries' title).
 */
export function hoverMarkdown(target: HoverTarget, file?: ParsedFile): string {
  if (target.kind === 'locked-package') return lockedPackageMarkdown(target.lockedPackage, { lockfile: file });
  if (target.kind !== 'requirement') return '';
  return requirementHoverMarkdown(target.requirement, file);
}

/** A requirement's hover: the offline parts and what `parts` adds, in the order the file comment gives. */
export function requirementHoverMarkdown(requirement: Requirement, file: ParsedFile | undefined, parts: RequirementHoverParts = {}): string {
  const blocks: string[] = [requirementTitle(requirement)];
  const index = parts.index !== undefined ? parts.index : pinnedIndexRow(requirement, file);
  const rows = [...(parts.status ?? []), ...(parts.versions ?? []), parts.installed, index, parts.requiredBy].filter((line): line is string => !!line);
  if (rows.length > 0) blocks.push(rows.join('\n'));
  blocks.push('---');
  if (parts.summary) blocks.push(escapeMarkdown(parts.summary));
  blocks.push(requirementDetails(requirement));
  if (parts.links) blocks.push(parts.links);
  const note = file ? purposeNote(file) : '';
  if (note) blocks.push(note);
  return blocks.join('\n\n');
}

/** `- Index: name `url`` of the index a requirement is pinned to, from the file's declarations; null when not pinned. */
export function pinnedIndexRow(requirement: Requirement, file: ParsedFile | undefined): string | null {
  if (!requirement.index) return null;
  const declared = file?.indexes.find((index) => index.name === requirement.index);
  return row('Index', declared ? `${escapeMarkdown(requirement.index)} ${code(declared.url)}` : code(requirement.index));
}

function purposeNote(file: ParsedFile): string {
  if (file.purpose !== 'build-dependencies') return '';
  // Tool names are the generator module's own constants: nothing to escape.
  const tool = file.generator ? ` (${file.generator.tool})` : '';
  return `Build-dependency manifest${tool}: each package's build requirements are installed in their own environment; contradictions and duplicates are not checked, nor is the installed environment.`;
}

/** Name and constraint as written: `**Requests** `>=2.8` (normalized: `requests`)`. */
export function requirementTitle(requirement: Requirement): string {
  if (!hasKnownName(requirement)) {
    return `**${code(requirementLabel(requirement))}** (local project; its name is unknown: no static name in its pyproject.toml, setup.cfg or setup.py)`;
  }
  const written = requirement.constraint || requirement.specifier;
  const constraint = written ? ` ${code(written)}` : '';
  const normalized = requirement.normalizedName === requirement.name ? '' : ` (normalized: ${code(requirement.normalizedName)})`;
  return `**${escapeMarkdown(requirement.name)}**${constraint}${normalized}`;
}

/** What the declaration says, below the line: group, extras, PEP 440 specifier, marker, URL. */
function requirementDetails(requirement: Requirement): string {
  const groups = requirementGroups(requirement);
  const rows: string[] = [row(groups.length > 1 ? 'Groups' : 'Group', groups.map(code).join(', '))];
  if (requirement.extras.length > 0) rows.push(row('Extras', requirement.extras.map(code).join(', ')));
  rows.push(row('Specifier (PEP 440)', requirement.specifier ? code(requirement.specifier) : 'any version'));
  if (requirement.marker) rows.push(row('Marker', code(requirement.marker)));
  if (requirement.url) rows.push(row(requirement.editable ? 'Editable from' : 'From', code(requirement.url)));
  if (requirement.optional) rows.push(row('Optional', 'yes'));
  if (requirement.hashes && requirement.hashes.length > 0) rows.push(row('Hashes', String(requirement.hashes.length)));
  return rows.join('\n');
}
