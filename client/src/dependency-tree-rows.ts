/**
 * What the "Python Dependencies" view shows, as plain data (no VS Code API, so it is unit-tested
 * directly): the text, tooltip (Markdown) and icon of each row, the group headings, and the
 * message and action rows of an empty view (no match for the filter, no environment, no
 * lockfile). dependency-tree-view.ts turns these into TreeItems.
 */
import type { DependencyTreeItem, DependencyTreeResult, DependencyTreeSource } from '../../server/src/protocol';

export const ERROR_CODES = new Set(['lock-mismatch', 'lock-conflict', 'installed-conflict', 'env-mismatch']);
/** A newer release exists (the server marks roots from the index data it holds). */
export const OUTDATED_CODE = 'outdated';
/** Longest marker shown in a row's description (the tooltip has it whole). */
export const MARKER_DESCRIPTION_LENGTH = 40;
/** The ms-python extension's command to pick an interpreter. */
export const PYTHON_SELECT_INTERPRETER = 'python.setInterpreter';

export interface RowIcon {
  /** A codicon id (`package`, `error`, `source-control`, ...). */
  id: string;
  /** A theme colour id, when the icon is coloured. */
  color?: string;
}

export interface Row {
  label: string;
  description: string;
  /** Markdown (theme icons `$(name)` allowed). */
  tooltip: string;
  icon: RowIcon;
  contextValue: 'declaration' | 'package' | 'missingPackage';
}

/** A heading of the forward tree: the roots of one group label ("main", "dev (group)", ...). */
export interface GroupHeading {
  label: string;
  /** What each tool calls the groups under this label (Markdown). */
  tooltip: string;
  items: DependencyTreeItem[];
}

/** A row that runs a command, shown when the view has nothing else to show. */
export interface ActionRow {
  label: string;
  command: string;
  arguments?: unknown[];
  icon: string;
  tooltip: string;
}

export interface ViewNotice {
  /** TreeView.message; undefined: none. */
  message?: string;
  actions: ActionRow[];
}

/** The label of an item's group (the server's; older servers send only the group id). */
export function groupLabelOf(item: DependencyTreeItem): string {
  return item.groupLabel ?? (item.group || 'packages');
}

/** Roots by group label, in the order the labels first appear. */
export function groupHeadings(roots: readonly DependencyTreeItem[]): GroupHeading[] {
  const headings = new Map<string, { items: DependencyTreeItem[]; details: Set<string> }>();
  for (const item of roots) {
    const label = groupLabelOf(item);
    const heading = headings.get(label) ?? { items: [], details: new Set<string>() };
    headings.set(label, heading);
    heading.items.push(item);
    if (item.groupDetail) heading.details.add(item.groupDetail);
  }
  return [...headings].map(([label, heading]) => ({ label, tooltip: [...heading.details].join('\n\n'), items: heading.items }));
}

/** One word for a direct reference: `git`, `path`, `editable path`, `URL`. */
export function referenceWord(reference: NonNullable<DependencyTreeItem['reference']>): string {
  if (reference.kind === 'vcs') return reference.vcs ?? 'vcs';
  if (reference.kind === 'path') return reference.editable ? 'editable path' : 'path';
  return 'URL';
}

function timesWord(count: number): string {
  return count === 2 ? 'twice' : `${count} times`;
}

/**
 * The label, description, tooltip, icon and context of a package or declaration row, e.g.
 * `torch` · `2.6.0+cu124 (*) ; sys_platform == 'linux'`, `money-utils` · `0.9.1 · git`,
 * `pillow` · `11.1.0 · declared twice`, `pyproject.toml · dev (group)` · `>=8.3`.
 */
export function itemRow(entry: DependencyTreeItem, source: DependencyTreeSource): Row {
  const marker = entry.marker ? ` ; ${shortMarker(entry.marker)}` : '';
  if (entry.declaration) {
    const group = entry.group !== undefined ? ` · ${groupLabelOf(entry)}` : '';
    return { label: `${entry.name}${group}`, description: `${entry.specifier || 'any version'}${marker}`, tooltip: tooltipOf(entry, source), icon: iconOf(entry), contextValue: 'declaration' };
  }
  const label = entry.extras && entry.extras.length > 0 ? `${entry.name}[${entry.extras.join(',')}]` : entry.name;
  const version = entry.version ?? (source === 'env' ? 'not installed' : 'not locked');
  const symbols = [entry.repeated ? '(*)' : '', entry.cycle ? '(cycle)' : ''].filter(Boolean).map((mark) => ` ${mark}`).join('');
  const how = entry.reference ? referenceWord(entry.reference) : (entry.source?.label ?? '');
  const words = [how, entry.duplicates ? `declared ${timesWord(entry.duplicates.length)}` : ''].filter(Boolean);
  const description = `${version}${symbols}${words.map((word) => ` · ${word}`).join('')}${marker}`;
  return { label, description, tooltip: tooltipOf(entry, source), icon: iconOf(entry), contextValue: entry.version === null ? 'missingPackage' : 'package' };
}

/** The marker on one line, cut at MARKER_DESCRIPTION_LENGTH with an ellipsis. */
export function shortMarker(marker: string): string {
  const oneLine = marker.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MARKER_DESCRIPTION_LENGTH ? oneLine : `${oneLine.slice(0, MARKER_DESCRIPTION_LENGTH - 1).trimEnd()}…`;
}

/** The whole marker: inline when it fits the row, else a code block with one clause per line. */
function markerMarkdown(marker: string): string {
  const oneLine = marker.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= MARKER_DESCRIPTION_LENGTH && !oneLine.includes('`')) return `Marker: \`${oneLine}\``;
  const lines = oneLine.replace(/ (and|or) /g, '\n$1 ');
  return `Marker:\n\n\`\`\`\n${lines.replace(/```/g, '`\u200b``')}\n\`\`\``;
}

export function tooltipOf(entry: DependencyTreeItem, source: DependencyTreeSource): string {
  const parts: string[] = [];
  if (entry.declaration) {
    parts.push(`Declared in **${escape(entry.name)}**${entry.group !== undefined ? `, ${escape(groupLabelOf(entry))}` : ''}`);
  } else {
    parts.push(`**${escape(entry.name)}** ${entry.version ? escape(entry.version) : source === 'env' ? '(not installed)' : '(not in the lockfile)'}`);
    if (entry.group !== undefined) parts.push(`Group: ${escape(groupLabelOf(entry))}`);
  }
  if (entry.groupDetail) parts.push(entry.groupDetail);
  if (entry.specifier) parts.push(`Requires: \`${entry.specifier}\``);
  if (entry.marker) parts.push(markerMarkdown(entry.marker));
  if (entry.reference) parts.push(`From ${entry.reference.kind === 'vcs' ? `a ${escape(referenceWord(entry.reference))} repository` : entry.reference.kind === 'path' ? `a local ${entry.reference.editable ? 'path (editable)' : 'path'}` : 'a URL'}: \`${entry.reference.url}\``);
  if (entry.source) parts.push(`Installed ${entry.source.editable ? 'as editable' : 'from'}: \`${entry.source.url}\``);
  if (entry.extras && entry.extras.length > 0) parts.push(`Extras: ${entry.extras.map((extra) => `\`${extra}\``).join(', ')}`);
  if (entry.duplicates) {
    const places = entry.duplicates.map((duplicate) => `- [${escape(fileName(duplicate.at.uri))}:${duplicate.at.range.start.line + 1}](${duplicate.at.uri}#L${duplicate.at.range.start.line + 1}) \`${duplicate.requirement.replace(/`/g, "'")}\``);
    parts.push(`$(warning) Declared ${timesWord(entry.duplicates.length)} in ${escape(groupLabelOf(entry))}:\n\n${places.join('\n')}`);
  }
  if (entry.repeated) parts.push('Its dependencies are shown where it first appears.');
  if (entry.cycle) parts.push('Dependency cycle: already on this path.');
  for (const problem of entry.problems ?? []) parts.push(`$(${problemIcon(problem.code)}) ${escape(problem.message)} (\`${problem.code}\`)`);
  return parts.join('\n\n');
}

function problemIcon(code: string): string {
  return ERROR_CODES.has(code) ? 'error' : code === OUTDATED_CODE ? 'arrow-up' : 'warning';
}

/** Conflicts and mismatches (error), other problems (warning), a newer release only (arrow up); else the kind of row. */
export function iconOf(entry: DependencyTreeItem): RowIcon {
  const codes = (entry.problems ?? []).map((problem) => problem.code);
  if (codes.some((code) => ERROR_CODES.has(code))) return { id: 'error', color: 'problemsErrorIcon.foreground' };
  if (codes.some((code) => code !== OUTDATED_CODE)) return { id: 'warning', color: 'problemsWarningIcon.foreground' };
  if (codes.length > 0) return { id: 'arrow-up', color: 'problemsInfoIcon.foreground' };
  if (entry.declaration) return { id: 'file-code' };
  if (entry.cycle) return { id: 'sync' };
  if (entry.reference?.kind === 'vcs') return { id: 'source-control' };
  if (entry.reference?.kind === 'path') return { id: 'folder' };
  if (entry.reference?.kind === 'url') return { id: 'link' };
  return { id: 'package' };
}

/**
 * The view's message and action rows: why it is empty (with what to do about it), the reverse
 * question, the filter.
 */
export function viewNotice(state: {
  project: boolean;
  running: boolean;
  result: DependencyTreeResult | null;
  reverse: string | null;
  filter: string | null;
  /** The ms-python extension is installed (its interpreter picker can be offered). */
  pythonExtension: boolean;
}): ViewNotice {
  const { result, reverse, filter } = state;
  const notes: string[] = [];
  const actions: ActionRow[] = [];
  if (!state.project) notes.push('No Python project found in the workspace.');
  else if (!result) notes.push(state.running ? 'The dependency tree is not available (see the Pipsight log).' : 'Waiting for the Pipsight server…');
  else if (result.message) notes.push(result.message);
  if (result?.reason === 'no-environment') {
    actions.push(state.pythonExtension
      ? { label: 'Select Python Interpreter', command: PYTHON_SELECT_INTERPRETER, icon: 'settings-gear', tooltip: 'Pick the interpreter with the Python extension; the installed tree follows it.' }
      : { label: 'Select Python Interpreter', command: 'workbench.action.openSettings', arguments: ['pipsight.pythonPath'], icon: 'settings-gear', tooltip: 'Set pipsight.pythonPath to an interpreter or an environment folder.' });
    actions.push({ label: 'Show Lockfile', command: 'pipsight.dependencies.showLock', icon: 'lock', tooltip: 'Show the tree of the lockfile instead.' });
  } else if (result?.reason === 'no-lockfile') {
    actions.push({ label: 'Show Installed Environment', command: 'pipsight.dependencies.showInstalled', icon: 'vm', tooltip: 'Show the tree of the installed environment instead.' });
  }
  const answered = result !== null && !result.message;
  if (reverse) notes.push(`Why is ${reverse} here? ${result && result.roots.length > 0 ? 'Every path from the declared requirements.' : 'It is not in this tree.'}`);
  if (filter && answered && result.roots.length === 0) {
    notes.push(`No package matches '${filter}'.`);
    actions.push({ label: 'Clear Filter', command: 'pipsight.dependencies.clearFilter', icon: 'clear-all', tooltip: 'Show the whole tree again.' });
  } else if (filter) {
    notes.push(`Filtered by "${filter}".`);
  }
  return { message: notes.length > 0 ? notes.join(' ') : undefined, actions };
}

export function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function fileName(uri: string): string {
  let path = uri;
  try {
    path = decodeURIComponent(uri);
  } catch {
    // a malformed escape: the URI as it is
  }
  return path.split(/[\\/]/).filter((part) => part !== '').pop() ?? path;
}
