/**
 * What a hover shows, as Markdown, from the parsed file alone (offline). Index data (latest
 * version, yanked releases, ...) is one more section appended by the hover handler (hover-insight.ts).
 */
import type { LockedPackage, ParsedFile, Requirement } from '../core/model';
import type { Span } from '../core/span';
import { code, escapeMarkdown, row } from './markdown';

export type HoverTarget =
  | { kind: 'requirement'; requirement: Requirement; span: Span }
  | { kind: 'locked-package'; lockedPackage: LockedPackage; span: Span };

const MAX_LISTED_DEPENDENCIES = 25;

/** The requirement whose name is under the offset, else the locked package whose entry contains it. */
export function findHoverTarget(file: ParsedFile, offset: number): HoverTarget | null {
  for (const requirement of file.requirements) {
    const name = requirement.spans.name;
    if (name.start <= offset && offset <= name.end) return { kind: 'requirement', requirement, span: name };
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

export function hoverMarkdown(target: HoverTarget): string {
  return target.kind === 'requirement' ? requirementMarkdown(target.requirement) : lockedPackageMarkdown(target.lockedPackage);
}

function requirementMarkdown(requirement: Requirement): string {
  const title = requirement.normalizedName === requirement.name
    ? `**${escapeMarkdown(requirement.name)}**`
    : `**${escapeMarkdown(requirement.name)}** (normalized: ${code(requirement.normalizedName)})`;
  const rows: string[] = [row('Group', code(requirement.group))];
  if (requirement.extras.length > 0) rows.push(row('Extras', requirement.extras.map(code).join(', ')));
  rows.push(row('Specifier (PEP 440)', requirement.specifier ? code(requirement.specifier) : 'any version'));
  if (requirement.constraint && requirement.constraint !== requirement.specifier) rows.push(row('As written', code(requirement.constraint)));
  if (requirement.marker) rows.push(row('Marker', code(requirement.marker)));
  if (requirement.url) rows.push(row(requirement.editable ? 'Editable from' : 'From', code(requirement.url)));
  if (requirement.index) rows.push(row('Index', code(requirement.index)));
  if (requirement.optional) rows.push(row('Optional', 'yes'));
  if (requirement.hashes && requirement.hashes.length > 0) rows.push(row('Hashes', String(requirement.hashes.length)));
  return [title, '', ...rows].join('\n');
}

function lockedPackageMarkdown(lockedPackage: LockedPackage): string {
  const rows: string[] = [row('Version', code(lockedPackage.version))];
  if (lockedPackage.source) rows.push(row('Source', code(lockedPackage.source)));
  if (lockedPackage.marker) rows.push(row('Marker', code(lockedPackage.marker)));
  if (lockedPackage.groups && lockedPackage.groups.length > 0) rows.push(row('Groups', lockedPackage.groups.map(code).join(', ')));
  const dependencies = lockedPackage.dependencies;
  if (dependencies.length === 0) {
    rows.push(row('Dependencies', 'none'));
  } else {
    rows.push(row('Dependencies', String(dependencies.length)));
    for (const dependency of dependencies.slice(0, MAX_LISTED_DEPENDENCIES)) {
      const extras = dependency.extras && dependency.extras.length > 0 ? `[${dependency.extras.join(',')}]` : '';
      const marker = dependency.marker ? ` ; ${dependency.marker}` : '';
      rows.push(`  - ${code(`${dependency.name}${extras}${dependency.specifier ? ` ${dependency.specifier}` : ''}${marker}`)}`);
    }
    if (dependencies.length > MAX_LISTED_DEPENDENCIES) rows.push(`  - … and ${dependencies.length - MAX_LISTED_DEPENDENCIES} more`);
  }
  return [`**${escapeMarkdown(lockedPackage.name)}** ${escapeMarkdown(lockedPackage.version)} (locked)`, '', ...rows].join('\n');
}
