/**
 * The "Python Dependencies" explorer view: the dependency tree of the project of the active
 * manifest or lockfile (else the first project found in the workspace), from its lockfile or its
 * installed environment, forward or reversed ("why is numpy here?"), optionally filtered. One
 * `pipsight/dependencyTree` request fetches the whole tree; children are handed to VS Code when a
 * node is expanded. Clicking a node reveals its declaration (roots) or its lock entry / METADATA.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  DEPENDENCY_TREE_METHOD,
  type DependencyTreeItem, type DependencyTreeParams, type DependencyTreeResult, type DependencyTreeSource, type TreeLocation,
} from '../../server/src/protocol';

export const DEPENDENCIES_VIEW_ID = 'pipsight.dependencies';
export const TREE_COMMANDS = {
  refresh: 'pipsight.dependencies.refresh',
  showInstalled: 'pipsight.dependencies.showInstalled',
  showLock: 'pipsight.dependencies.showLock',
  whyInstalled: 'pipsight.dependencies.why',
  whyThisNode: 'pipsight.dependencies.whyThis',
  exitReverse: 'pipsight.dependencies.exitReverse',
  filter: 'pipsight.dependencies.filter',
  clearFilter: 'pipsight.dependencies.clearFilter',
  reveal: 'pipsight.dependencies.reveal',
} as const;
const CONTEXT_KEYS = {
  projectDetected: 'pipsight.projectDetected',
  source: 'pipsight.dependencies.source',
  reverse: 'pipsight.dependencies.reverse',
  filtered: 'pipsight.dependencies.filtered',
} as const;

/** Names of the files a tree can start from (the server decides the rest). */
const PROJECT_FILE = /(^|[\\/])(pyproject\.toml|poetry\.lock|uv\.lock|pdm\.lock|pylock(\.[^\\/]+)?\.toml|[^\\/]*requirements[^\\/]*\.(in|txt))$/i;
const PROJECT_SEARCH = '**/{pyproject.toml,requirements.in,uv.lock,poetry.lock,pdm.lock,pylock.toml,requirements.txt}';
const SEARCH_EXCLUDE = '**/{node_modules,.venv,venv,.git,.tox,site-packages}/**';
const ERROR_CODES = new Set(['lock-mismatch', 'lock-conflict', 'installed-conflict', 'env-mismatch']);
/** A newer release exists (the server marks roots from the index data it holds). */
const OUTDATED_CODE = 'outdated';
const GROUP_LABELS: Record<string, string> = { main: 'dependencies' };
/** Quiet time after the project's diagnostics change before the tree is asked again. */
const DIAGNOSTICS_REFRESH_DELAY_MS = 500;
/** Longest marker shown in a row's description (the tooltip has it whole). */
const MARKER_DESCRIPTION_LENGTH = 40;

/** A node of the view: a group heading or a package / declaration of the answered tree. */
export type DependencyNode =
  | { kind: 'group'; id: string; group: string; items: DependencyTreeItem[] }
  | { kind: 'item'; id: string; item: DependencyTreeItem; isRoot: boolean };

export class DependencyTreeProvider implements vscode.TreeDataProvider<DependencyNode> {
  private readonly changed = new vscode.EventEmitter<DependencyNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  source: DependencyTreeSource = 'lock';
  reverse: string | null = null;
  filter: string | null = null;
  /** The manifest / lockfile (or folder) the tree is of. */
  project: vscode.Uri | null = null;
  private result: Promise<DependencyTreeResult | null> | null = null;
  private rescan = false;
  view: vscode.TreeView<DependencyNode> | undefined;

  constructor(private readonly client: LanguageClient, private readonly log: vscode.LogOutputChannel) {}

  /** Fetch again on the next look (`rescan`: the installed environment is read again too). */
  refresh(rescan = false): void {
    this.result = null;
    this.rescan ||= rescan;
    void this.updateContext();
    this.changed.fire(undefined);
  }

  /** The answer for the current project and mode (one request, shared until the next refresh). */
  tree(): Promise<DependencyTreeResult | null> {
    this.result ??= this.fetch();
    return this.result;
  }

  async getChildren(element?: DependencyNode): Promise<DependencyNode[]> {
    if (element?.kind === 'group') return element.items.map((item, position) => this.itemNode(item, `${element.id}/${position}`, true));
    if (element) return element.item.children.map((item, position) => this.itemNode(item, `${element.id}/${position}`, false));
    const result = await this.tree();
    this.describe(result);
    if (!result) return [];
    const groups = [...new Set(result.roots.map((item) => item.group ?? ''))];
    if (this.reverse || groups.length <= 1) return result.roots.map((item, position) => this.itemNode(item, `root/${position}`, !this.reverse));
    return groups.map((group) => ({ kind: 'group', id: `group/${group}`, group, items: result.roots.filter((item) => (item.group ?? '') === group) }));
  }

  getTreeItem(node: DependencyNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(groupLabel(node.group), vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.description = `${node.items.length}`;
      item.iconPath = new vscode.ThemeIcon('folder-library');
      item.contextValue = 'group';
      return item;
    }
    const entry = node.item;
    const expandable = entry.children.length > 0;
    // Reverse answers (a few paths) open fully; forward trees expand on demand.
    const state = !expandable ? vscode.TreeItemCollapsibleState.None
      : this.reverse ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const label = entry.extras && entry.extras.length > 0 ? `${entry.name}[${entry.extras.join(',')}]` : entry.name;
    const item = new vscode.TreeItem(label, state);
    item.id = node.id;
    item.description = describeItem(entry, this.source);
    item.tooltip = tooltipOf(entry, this.source);
    item.iconPath = iconOf(entry);
    item.contextValue = entry.declaration ? 'declaration' : entry.version === null ? 'missingPackage' : 'package';
    const target = entry.declaredAt && (node.isRoot || entry.declaration) ? entry.declaredAt : entry.location ?? entry.declaredAt;
    if (target) item.command = { command: TREE_COMMANDS.reveal, title: 'Reveal', arguments: [target] };
    return item;
  }

  /** Follows the active editor: a manifest or lockfile there becomes the project. */
  followEditor(editor: vscode.TextEditor | undefined): void {
    const uri = editor?.document.uri;
    if (!uri || uri.scheme !== 'file' || !PROJECT_FILE.test(uri.fsPath)) return;
    if (this.project && sameProject(this.project, uri)) return;
    this.project = uri;
    this.refresh();
  }

  /** The first project of the workspace (shallowest pyproject.toml first), when no editor chose one. */
  async detectProject(): Promise<void> {
    if (!this.project) {
      const found = await vscode.workspace.findFiles(PROJECT_SEARCH, SEARCH_EXCLUDE, 50);
      const ranked = found.sort((a, b) => depth(a) - depth(b) || rank(a) - rank(b));
      if (ranked.length > 0 && !this.project) this.project = ranked[0];
    }
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.projectDetected, this.project !== null);
    if (this.project) this.refresh();
  }

  /** Every package name of the forward tree (for the "why is it here?" quick pick). */
  async packageNames(): Promise<string[]> {
    const forward = await this.request({ reverse: undefined, filter: undefined });
    const names = new Set<string>();
    const visit = (items: DependencyTreeItem[]) => items.forEach((item) => {
      if (!item.declaration) names.add(item.name);
      visit(item.children);
    });
    visit(forward?.roots ?? []);
    return [...names].sort((a, b) => a.localeCompare(b));
  }

  private itemNode(item: DependencyTreeItem, id: string, isRoot: boolean): DependencyNode {
    return { kind: 'item', id: `${this.source}:${this.reverse ?? ''}:${id}:${item.name}`, item, isRoot };
  }

  private async fetch(): Promise<DependencyTreeResult | null> {
    const rescan = this.rescan;
    this.rescan = false;
    return this.request({ reverse: this.reverse ?? undefined, filter: this.filter ?? undefined, rescan: rescan || undefined });
  }

  private async request(overrides: Partial<DependencyTreeParams>): Promise<DependencyTreeResult | null> {
    if (!this.project) return null;
    try {
      // Not yet (or no longer) running: the view refreshes when the server is up.
      if (this.client.state !== State.Running) return null;
      const params: DependencyTreeParams = { uri: this.project.toString(), source: this.source, ...overrides };
      return await this.client.sendRequest<DependencyTreeResult | null>(DEPENDENCY_TREE_METHOD, params);
    } catch (error) {
      this.log.error(`The dependency tree request failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  /** The view's description (where the tree comes from) and message (why it is empty, the mode). */
  private describe(result: DependencyTreeResult | null): void {
    if (!this.view) return;
    const from = result?.path ? basename(result.path) : this.source === 'env' ? 'installed' : 'lockfile';
    this.view.description = this.project ? `${basename(dirname(this.project.fsPath))} · ${from}` : undefined;
    const notes: string[] = [];
    if (!this.project) notes.push('No Python project found in the workspace.');
    else if (!result) notes.push(this.client.state === State.Running ? 'The dependency tree is not available (see the Pipsight log).' : 'Waiting for the Pipsight server…');
    else if (result.message) notes.push(result.message);
    if (this.reverse) notes.push(`Why is ${this.reverse} here? ${result && result.roots.length > 0 ? 'Every path from the declared requirements.' : 'It is not in this tree.'}`);
    if (this.filter) notes.push(`Filtered by "${this.filter}".`);
    this.view.message = notes.length > 0 ? notes.join(' ') : undefined;
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.source, this.source);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.reverse, this.reverse !== null);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filtered, this.filter !== null);
  }
}

function groupLabel(group: string): string {
  if (GROUP_LABELS[group]) return GROUP_LABELS[group];
  const [kind, name] = group.includes(':') ? group.split(/:(.*)/s) : ['', group];
  return kind === 'group' ? `${name} (group)` : kind === 'extra' ? `${name} (extra)` : group || 'packages';
}

/**
 * `2.6.0+cu124 ; sys_platform == 'linux'`: the version, how it was installed (editable, URL) and
 * the edge's marker, so that fork duplicates of one package are told apart.
 */
function describeItem(entry: DependencyTreeItem, source: DependencyTreeSource): string {
  if (entry.declaration) return entry.specifier || 'any version';
  const version = entry.version ?? (source === 'env' ? 'not installed' : 'not locked');
  const marks = [entry.source?.label ?? '', entry.repeated ? '(*)' : '', entry.cycle ? '(cycle)' : ''].filter(Boolean).join(' ');
  const described = marks ? `${version} ${marks}` : version;
  return entry.marker ? `${described} ; ${shortMarker(entry.marker)}` : described;
}

/** The marker on one line, cut at MARKER_DESCRIPTION_LENGTH with an ellipsis. */
function shortMarker(marker: string): string {
  const oneLine = marker.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MARKER_DESCRIPTION_LENGTH ? oneLine : `${oneLine.slice(0, MARKER_DESCRIPTION_LENGTH - 1).trimEnd()}…`;
}

function tooltipOf(entry: DependencyTreeItem, source: DependencyTreeSource): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  if (entry.declaration) {
    markdown.appendMarkdown(`Declared in **${escape(entry.name)}**${entry.group ? ` (${escape(entry.group)})` : ''}`);
  } else {
    markdown.appendMarkdown(`**${escape(entry.name)}** ${entry.version ? escape(entry.version) : source === 'env' ? '(not installed)' : '(not in the lockfile)'}`);
  }
  if (entry.specifier) markdown.appendMarkdown(`\n\nRequires: \`${entry.specifier}\``);
  if (entry.marker) markdown.appendMarkdown(`\n\nMarker: \`${entry.marker}\``);
  if (entry.source) markdown.appendMarkdown(`\n\nInstalled ${entry.source.editable ? 'as editable' : 'from'}: \`${entry.source.url}\``);
  if (entry.extras && entry.extras.length > 0) markdown.appendMarkdown(`\n\nExtras: ${entry.extras.map((extra) => `\`${extra}\``).join(', ')}`);
  if (entry.repeated) markdown.appendMarkdown('\n\nIts dependencies are shown where it first appears.');
  if (entry.cycle) markdown.appendMarkdown('\n\nDependency cycle: already on this path.');
  for (const problem of entry.problems ?? []) markdown.appendMarkdown(`\n\n$(${problemIcon(problem.code)}) ${escape(problem.message)} (\`${problem.code}\`)`);
  markdown.supportThemeIcons = true;
  return markdown;
}

function problemIcon(code: string): string {
  return ERROR_CODES.has(code) ? 'error' : code === OUTDATED_CODE ? 'arrow-up' : 'warning';
}

/** Conflicts and mismatches (error), other problems (warning), a newer release only (arrow up). */
function iconOf(entry: DependencyTreeItem): vscode.ThemeIcon {
  const codes = (entry.problems ?? []).map((problem) => problem.code);
  if (codes.some((code) => ERROR_CODES.has(code))) return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  if (codes.some((code) => code !== OUTDATED_CODE)) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  if (codes.length > 0) return new vscode.ThemeIcon('arrow-up', new vscode.ThemeColor('problemsInfoIcon.foreground'));
  if (entry.declaration) return new vscode.ThemeIcon('file-code');
  if (entry.cycle) return new vscode.ThemeIcon('sync');
  return new vscode.ThemeIcon('package');
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function basename(path: string): string {
  return path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? path;
}

function dirname(path: string): string {
  return path.replace(/[\\/][^\\/]*$/, '');
}

function sameProject(a: vscode.Uri, b: vscode.Uri): boolean {
  return dirname(a.fsPath) === dirname(b.fsPath);
}

function depth(uri: vscode.Uri): number {
  return uri.path.split('/').length;
}

function rank(uri: vscode.Uri): number {
  const order = ['pyproject.toml', 'requirements.in', 'uv.lock', 'poetry.lock', 'pdm.lock', 'pylock.toml', 'requirements.txt'];
  const position = order.indexOf(basename(uri.path));
  return position < 0 ? order.length : position;
}

/** Reveals a location from the server in an editor. */
async function reveal(location: TreeLocation): Promise<void> {
  const { start, end } = location.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), { selection: range, preview: true });
}

/** Creates the view and its commands. */
export function registerDependencyTreeView(client: LanguageClient, log: vscode.LogOutputChannel): { provider: DependencyTreeProvider; disposables: vscode.Disposable[] } {
  const provider = new DependencyTreeProvider(client, log);
  const view = vscode.window.createTreeView(DEPENDENCIES_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  const venvWatcher = vscode.workspace.createFileSystemWatcher('**/pyvenv.cfg', false, true, true);
  let diagnosticsRefresh: NodeJS.Timeout | undefined;
  const setReverse = (name: string | null) => {
    provider.reverse = name;
    provider.refresh();
  };
  const whyIsItHere = async () => {
    const picked = await vscode.window.showQuickPick(provider.packageNames(), { title: 'Why is this package here?', placeHolder: 'Package name' });
    if (picked) setReverse(picked);
  };
  const disposables: vscode.Disposable[] = [
    view,
    vscode.commands.registerCommand(TREE_COMMANDS.refresh, () => provider.refresh(true)),
    vscode.commands.registerCommand(TREE_COMMANDS.showInstalled, () => {
      provider.source = 'env';
      provider.refresh();
    }),
    vscode.commands.registerCommand(TREE_COMMANDS.showLock, () => {
      provider.source = 'lock';
      provider.refresh();
    }),
    vscode.commands.registerCommand(TREE_COMMANDS.whyInstalled, (name?: unknown) => (typeof name === 'string' && name !== '' ? setReverse(name) : whyIsItHere())),
    vscode.commands.registerCommand(TREE_COMMANDS.whyThisNode, (node?: DependencyNode) => {
      if (node?.kind === 'item') setReverse(node.item.name);
    }),
    vscode.commands.registerCommand(TREE_COMMANDS.exitReverse, () => setReverse(null)),
    vscode.commands.registerCommand(TREE_COMMANDS.filter, async (text?: unknown) => {
      const value = typeof text === 'string' ? text : await vscode.window.showInputBox({ title: 'Filter the dependency tree', prompt: 'Show only the branches leading to packages whose name contains this text', value: provider.filter ?? '' });
      if (value === undefined) return;
      provider.filter = value.trim() === '' ? null : value.trim();
      provider.refresh();
    }),
    vscode.commands.registerCommand(TREE_COMMANDS.clearFilter, () => {
      provider.filter = null;
      provider.refresh();
    }),
    vscode.commands.registerCommand(TREE_COMMANDS.reveal, (location: TreeLocation) => reveal(location)),
    vscode.window.onDidChangeActiveTextEditor((editor) => provider.followEditor(editor)),
    // A saved manifest or lockfile may change the tree.
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (provider.project && PROJECT_FILE.test(document.uri.fsPath) && sameProject(provider.project, document.uri)) provider.refresh();
    }),
    // The project's diagnostics changed: index data (outdated roots) or the environment arrived.
    vscode.languages.onDidChangeDiagnostics((event) => {
      if (!provider.project || !event.uris.some((uri) => uri.scheme === 'file' && sameProject(provider.project!, uri))) return;
      clearTimeout(diagnosticsRefresh);
      diagnosticsRefresh = setTimeout(() => provider.refresh(), DIAGNOSTICS_REFRESH_DELAY_MS);
    }),
    new vscode.Disposable(() => clearTimeout(diagnosticsRefresh)),
    // A venv created after start-up: the server discovers it too; the installed tree reads it now.
    venvWatcher,
    venvWatcher.onDidCreate(() => {
      if (provider.source === 'env') provider.refresh(true);
    }),
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) provider.refresh();
    }),
  ];
  provider.followEditor(vscode.window.activeTextEditor);
  void provider.detectProject();
  return { provider, disposables };
}
