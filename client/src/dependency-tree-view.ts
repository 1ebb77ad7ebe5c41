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
  DEPENDENCY_TREE_METHOD, SETTING_NAMES,
  type DependencyTreeItem, type DependencyTreeParams, type DependencyTreeResult, type DependencyTreeSource, type TreeLocation,
} from '../../server/src/protocol';
import { groupHeadings, itemRow, viewNotice, type ActionRow, type GroupHeading, type RowIcon } from './dependency-tree-rows';

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
/** Quiet time after the project's diagnostics change before the tree is asked again. */
const DIAGNOSTICS_REFRESH_DELAY_MS = 500;
const PYTHON_EXTENSION_ID = 'ms-python.python';

/**
 * A node of the view: a group heading, a package / declaration of the answered tree, or an action
 * offered when there is nothing to show (clear the filter, select an interpreter).
 */
export type DependencyNode =
  | { kind: 'group'; id: string; heading: GroupHeading }
  | { kind: 'item'; id: string; item: DependencyTreeItem; isRoot: boolean }
  | { kind: 'action'; id: string; action: ActionRow };

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
    if (element?.kind === 'group') return element.heading.items.map((item, position) => this.itemNode(item, `${element.id}/${position}`, true));
    if (element?.kind === 'item') return element.item.children.map((item, position) => this.itemNode(item, `${element.id}/${position}`, false));
    if (element) return [];
    const result = await this.tree();
    const actions = this.describe(result);
    // Nothing to show: what to do about it (clear the filter, select an interpreter, ...).
    if (!result || result.roots.length === 0) return actions.map((action, position) => ({ kind: 'action', id: `action/${position}/${action.command}`, action }));
    const headings = groupHeadings(result.roots);
    if (this.reverse || headings.length <= 1) return result.roots.map((item, position) => this.itemNode(item, `root/${position}`, !this.reverse));
    return headings.map((heading) => ({ kind: 'group', id: `group/${heading.label}`, heading }));
  }

  getTreeItem(node: DependencyNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.heading.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.description = `${node.heading.items.length}`;
      if (node.heading.tooltip) item.tooltip = new vscode.MarkdownString(node.heading.tooltip);
      item.iconPath = new vscode.ThemeIcon('folder-library');
      item.contextValue = 'group';
      return item;
    }
    if (node.kind === 'action') {
      const item = new vscode.TreeItem(node.action.label, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.tooltip = node.action.tooltip;
      item.iconPath = new vscode.ThemeIcon(node.action.icon);
      item.command = { command: node.action.command, title: node.action.label, arguments: node.action.arguments };
      item.contextValue = 'action';
      return item;
    }
    const entry = node.item;
    const expandable = entry.children.length > 0;
    // Reverse answers (a few paths) open fully; forward trees expand on demand.
    const state = !expandable ? vscode.TreeItemCollapsibleState.None
      : this.reverse ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const row = itemRow(entry, this.source);
    const item = new vscode.TreeItem(row.label, state);
    item.id = node.id;
    item.description = row.description;
    const tooltip = new vscode.MarkdownString(row.tooltip);
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
    item.iconPath = themeIcon(row.icon);
    item.contextValue = row.contextValue;
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

  /**
   * The view's description (where the tree comes from) and message (why it is empty, the mode);
   * answers the action rows to show when the tree is empty.
   */
  private describe(result: DependencyTreeResult | null): ActionRow[] {
    const notice = viewNotice({
      project: this.project !== null,
      running: this.client.state === State.Running,
      result,
      reverse: this.reverse,
      filter: this.filter,
      pythonExtension: vscode.extensions.getExtension(PYTHON_EXTENSION_ID) !== undefined,
    });
    if (this.view) {
      const from = result?.path ? basename(result.path) : this.source === 'env' ? 'installed' : 'lockfile';
      this.view.description = this.project ? `${basename(dirname(this.project.fsPath))} · ${from}` : undefined;
      this.view.message = notice.message;
    }
    return notice.actions;
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.source, this.source);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.reverse, this.reverse !== null);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filtered, this.filter !== null);
  }
}

function themeIcon(icon: RowIcon): vscode.ThemeIcon {
  return icon.color ? new vscode.ThemeIcon(icon.id, new vscode.ThemeColor(icon.color)) : new vscode.ThemeIcon(icon.id);
}

function basename(path: string): string {
  return path.split(/[\\/]/).filter((part) => part !== '').pop() ?? path;
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
    // An interpreter set in the settings (the "Select Python Interpreter" row of an empty view).
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (provider.source === 'env' && event.affectsConfiguration(SETTING_NAMES.pythonPath)) provider.refresh(true);
    }),
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) provider.refresh();
    }),
  ];
  provider.followEditor(vscode.window.activeTextEditor);
  void provider.detectProject();
  return { provider, disposables };
}
