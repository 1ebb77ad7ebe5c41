/**
 * The hover of a lockfile entry (its name or version line): the package and locked version, where
 * it comes from (the index, by the name the project gives it), the environments it is locked for
 * and the other versions locked for the rest, what is installed, what requires it and what it
 * requires. Long lists end in "… and N more" so the hover fits without scrolling.
 */
import type { IndexDeclaration, LockedDependency, LockedPackage, ParsedFile } from '../core/model';
import { basename } from '../core/paths';
import { trimTrailing } from '../core/trim';
import { code, escapeMarkdown, listed, row } from './markdown';

const MAX_LISTED_DEPENDENCIES = 10;

export interface LockedHoverInputs {
  /** The lockfile the entry is in (its name, the package's other entries). */
  lockfile?: ParsedFile;
  /** The project's declared indexes (to name a registry source). */
  indexes?: readonly IndexDeclaration[];
  installed?: string | null;
  requiredBy?: string | null;
}

export function lockedPackageMarkdown(lockedPackage: LockedPackage, inputs: LockedHoverInputs = {}): string {
  const where = inputs.lockfile ? ` (locked in ${escapeMarkdown(basename(inputs.lockfile.path))})` : ' (locked)';
  const title = `**${escapeMarkdown(lockedPackage.name)}** ${code(lockedPackage.version || '?')}${where}`;
  const rows: string[] = [row('Source', sourceText(lockedPackage.source, inputs.indexes ?? []))];
  if (lockedPackage.marker) rows.push(row('Marker', code(lockedPackage.marker)));
  const others = (inputs.lockfile?.locked ?? []).filter((other) => other !== lockedPackage && other.normalizedName === lockedPackage.normalizedName && !sameEntry(other, lockedPackage));
  if (others.length > 0) rows.push(row('Also locked', others.map((other) => `${code(other.version)}${other.marker ? ` for ${code(other.marker)}` : ''}`).join(', ')));
  if (lockedPackage.extras && lockedPackage.extras.length > 0) rows.push(row('Extras', lockedPackage.extras.map(code).join(', ')));
  if (lockedPackage.groups && lockedPackage.groups.length > 0) rows.push(row('Groups', lockedPackage.groups.map(code).join(', ')));
  if (inputs.installed) rows.push(inputs.installed);
  if (inputs.requiredBy) rows.push(inputs.requiredBy);
  const dependencies = lockedPackage.dependencies;
  rows.push(row(`Requires (${dependencies.length})`, dependencies.length === 0 ? 'nothing' : listed(dependencies.map(dependencyText), MAX_LISTED_DEPENDENCIES)));
  return [title, '', ...rows].join('\n');
}

/** A PDM extras entry repeats its plain entry's name and version: not another locked version. */
function sameEntry(a: LockedPackage, b: LockedPackage): boolean {
  return a.version === b.version && (a.marker ?? null) === (b.marker ?? null);
}

function dependencyText(dependency: LockedDependency): string {
  const extras = dependency.extras.length > 0 ? `[${dependency.extras.join(',')}]` : '';
  const marker = dependency.marker ? ` ; ${dependency.marker}` : '';
  return code(`${dependency.name}${extras}${dependency.specifier ? ` ${dependency.specifier}` : ''}${marker}`);
}

/** `pytorch-cu124 `https://…/cu124`` when the project names that index; the source as the lockfile says it otherwise. */
function sourceText(source: string | null, indexes: readonly IndexDeclaration[]): string {
  if (!source) return 'the default index';
  const key = indexKey(source);
  const named = indexes.find((index) => index.name && indexKey(index.url) === key);
  return named?.name ? `${escapeMarkdown(named.name)} ${code(source)}` : code(source);
}

function indexKey(url: string): string {
  return trimTrailing(url, '/').toLowerCase();
}
