/**
 * Core's TreeNode (spans into files) → the `pipsight/dependencyTree` items (LSP locations), with
 * the optional name filter applied.
 */
import { plainTreeNode, type DependencyGraph, type FileLocation, type TreeNode } from '../core/graph';
import { normalizeName } from '../core/names';
import type { DependencyTreeItem, TreeLocation } from '../protocol';
import { OtherFileRanges } from './positions';
import { pathToFileUri } from './uris';

const START_OF_FILE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export class TreeItemConverter {
  private readonly ranges: OtherFileRanges;
  /** Declarations of the graph's roots by group and normalized name (forward roots carry only the package's location). */
  private readonly declarations = new Map<string, FileLocation>();

  constructor(graph: DependencyGraph, read: (path: string) => string | undefined) {
    this.ranges = new OtherFileRanges(read);
    for (const root of graph.roots) {
      const key = `${root.group}\0${root.normalizedName}`;
      if (root.declaration && !this.declarations.has(key)) this.declarations.set(key, root.declaration);
    }
  }

  /** Forward roots get `declaredAt`; reverse trees have declaration leaves instead. */
  convert(nodes: readonly TreeNode[], forwardRoots: boolean): DependencyTreeItem[] {
    return nodes.map((node) => {
      const item = this.item(node);
      if (forwardRoots && node.group !== undefined) {
        const declared = this.declarations.get(`${node.group}\0${normalizeName(node.name)}`);
        if (declared) item.declaredAt = this.location(declared);
      }
      return item;
    });
  }

  private item(node: TreeNode): DependencyTreeItem {
    const item: DependencyTreeItem = plainTreeNode(node, (child) => this.item(child));
    if (node.declaration) item.declaredAt = this.location(node.declaration);
    if (node.location) item.location = this.location(node.location);
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
