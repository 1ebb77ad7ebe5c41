/**
 * Core's TreeNode (spans into files) → the `pipsight/dependencyTree` items (LSP locations): one
 * group label for every tool, direct references, declarations made twice; and the optional name
 * filter.
 */
import { plainTreeNode, type DependencyGraph, type FileLocation, type TreeNode } from '../core/graph';
import { redactCredentials } from '../core/indexes/index-url';
import { normalizeName } from '../core/names';
import type { DependencyTreeItem, TreeLocation } from '../protocol';
import { OtherFileRanges } from './positions';
import { pathToFileUri } from './uris';

const START_OF_FILE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export class TreeItemConverter {
  private readonly ranges: OtherFileRanges;
  /** Declarations of the graph's roots by group and normalized name (forward roots carry only the package's location). */
  private readonly declarations = new Map<string, FileLocation>();

  constructor(graph: DependencyGraph, private readonly read: (path: string) => string | undefined) {
    this.ranges = new OtherFileRanges(read);
    for (const root of graph.roots) {
      const key = `${root.group}\0${root.normalizedName}`;
      if (root.declaration && !this.declarations.has(key)) this.declarations.set(key, root.declaration);
    }
  }

  /** Forward roots get `declaredAt` (and `duplicates`); reverse trees have declaration leaves instead. */
  convert(nodes: readonly TreeNode[], forwardRoots: boolean): DependencyTreeItem[] {
    const items = nodes.map((node) => {
      const item = this.item(node);
      if (forwardRoots && node.group !== undefined) {
        const declared = node.declaredAt ?? this.declarations.get(`${node.group}\0${normalizeName(node.name)}`);
        if (declared) item.declaredAt = this.location(declared);
      }
      return item;
    });
    if (forwardRoots) markDuplicates(nodes, items, (location) => this.location(location), this.read);
    return items;
  }

  private item(node: TreeNode): DependencyTreeItem {
    const item: DependencyTreeItem = plainTreeNode(node, (child) => this.item(child));
    if (node.group !== undefined) {
      const { label, detail } = groupPresentation(node.group);
      item.groupLabel = label;
      item.groupDetail = detail;
    }
    if (node.declaration) item.declaredAt = this.location(node.declaration);
    if (node.location) item.location = this.location(node.location);
    // A direct reference may carry credentials (`https://user:token@host/…`): never sent.
    if (node.reference) item.reference = { ...node.reference, url: redactCredentials(node.reference.url) };
    return item;
  }

  /** A span's range; a dist-info folder (no span) opens its METADATA at the top. */
  private location(location: FileLocation): TreeLocation {
    if (!location.span) {
      const path = /\.dist-info\/?$/.test(location.path) ? `${location.path.replace(/\/$/, '')}/METADATA`
        : /\.egg-info\/?$/.test(location.path) ? `${location.path.replace(/\/$/, '')}/PKG-INFO` : location.path;
      return { uri: pathToFileUri(path), range: START_OF_FILE };
    }
    return { uri: pathToFileUri(location.path), range: this.ranges.rangeOf(location.path, location.span) ?? START_OF_FILE };
  }
}

/**
 * The label of a requirement group, the same for every tool: `main`, `<name> (group)` for PEP 735
 * groups, Poetry groups, uv and PDM dev-dependencies, `<name> (extra)` for extras; `detail` says
 * what the tool itself calls it (the group id as the CLI prints it, and the table).
 */
export function groupPresentation(group: string): { label: string; detail: string } {
  const code = `\`${group}\``;
  if (group === 'main') return { label: 'main', detail: `${code}: the project's dependencies (\`[project] dependencies\`, \`[tool.poetry.dependencies]\` or a requirements file)` };
  if (group === 'uv-dev') return { label: 'dev (group)', detail: `${code}: uv dev-dependencies (\`[tool.uv] dev-dependencies\`), installed as the \`dev\` group` };
  const [kind, name] = group.includes(':') ? [group.slice(0, group.indexOf(':')), group.slice(group.indexOf(':') + 1)] : ['', group];
  const named = `\`${name}\``;
  switch (kind) {
    case 'group':
      return { label: `${name} (group)`, detail: `${code}: dependency group ${named} (PEP 735 \`[dependency-groups]\`)` };
    case 'poetry-group':
      return { label: `${name} (group)`, detail: `${code}: Poetry group ${named} (\`[tool.poetry.group.${name}.dependencies]\`${name === 'dev' ? ' or \`[tool.poetry.dev-dependencies]\`' : ''})` };
    case 'pdm-dev':
      return { label: `${name} (group)`, detail: `${code}: PDM development group ${named} (\`[tool.pdm.dev-dependencies]\`)` };
    case 'extra':
      return { label: `${name} (extra)`, detail: `${code}: extra ${named} (optional dependencies, installed with \`<project>[${name}]\`)` };
    default:
      return { label: group || 'packages', detail: group ? code : 'packages nothing else requires' };
  }
}

/**
 * Forward roots that the manifest declares more than once in the same group for the same marker
 * (`pillow>=10.4` and `Pillow>=10.0`): each such item gets every one of those declarations. Roots
 * of one declaration resolved to several versions (uv forks) are one declaration.
 */
function markDuplicates(nodes: readonly TreeNode[], items: DependencyTreeItem[], toLocation: (location: FileLocation) => TreeLocation, read: (path: string) => string | undefined): void {
  const declarations = new Map<string, Map<string, { location: FileLocation; requirement: string }>>();
  const keyOf = (node: TreeNode) => `${node.group}\0${normalizeName(node.name)}\0${node.marker ?? ''}`;
  for (const node of nodes) {
    if (node.group === undefined || !node.declaredAt) continue;
    const key = keyOf(node);
    const places = declarations.get(key) ?? new Map<string, { location: FileLocation; requirement: string }>();
    declarations.set(key, places);
    const place = `${node.declaredAt.path}\0${node.declaredAt.span?.start ?? ''}`;
    if (!places.has(place)) places.set(place, { location: node.declaredAt, requirement: requirementText(node, node.declaredAt, read) });
  }
  nodes.forEach((node, position) => {
    const places = node.group !== undefined && node.declaredAt ? declarations.get(keyOf(node)) : undefined;
    if (!places || places.size < 2) return;
    items[position].duplicates = [...places.values()].map((place) => ({ at: toLocation(place.location), requirement: place.requirement }));
  });
}

/** The declaration as written (`Pillow>=10.0`, `attrs = "~24.2"`), else `name[extras]specifier`. */
function requirementText(node: TreeNode, location: FileLocation, read: (path: string) => string | undefined): string {
  const written = location.span ? read(location.path)?.slice(location.span.start, location.span.end).replace(/\s+/g, ' ').trim() : undefined;
  if (written) return redactCredentials(written);
  const extras = node.extras && node.extras.length > 0 ? `[${node.extras.join(',')}]` : '';
  return redactCredentials(`${node.name}${extras}${node.reference ? ` @ ${node.reference.url}` : node.specifier}`);
}

/**
 * Keeps the branches that lead to a package whose name contains `filter` (case-insensitive, `-`,
 * `_` and `.` alike): a matching node keeps its whole subtree, other nodes only their kept children.
 */
export function filterTree(items: readonly DependencyTreeItem[], filter: string): DependencyTreeItem[] {
  const wanted = normalizeName(filter.trim());
  if (wanted === '') return [...items];
  const kept: DependencyTreeItem[] = [];
  for (const item of items) {
    if (!item.declaration && normalizeName(item.name).includes(wanted)) {
      kept.push(item);
      continue;
    }
    const children = filterTree(item.children, filter);
    if (children.length > 0) kept.push({ ...item, children });
  }
  return kept;
}
