/**
 * The serializable result of tree queries: plain JSON-friendly data. The language server returns
 * it for `pipsight/dependencyTree`; the CLI prints it (`pipsight tree`) or writes it as JSON.
 */
import type { MarkerEnvironment } from '../pep508';
import type { DirectReference } from './direct-reference';
import type { InstallSource } from './install-source';
import type { FileLocation, GraphSourceKind } from './types';

export interface TreeProblem {
  /** A diagnostic code: lock-mismatch, lock-missing, lock-conflict (lockfiles); env-mismatch, env-missing, installed-conflict (installed). */
  code: string;
  message: string;
}

/** A node of a tree query's result: the plain fields plus where things are (see PlainTreeNode). */
export interface TreeNode extends Omit<PlainTreeNode<TreeNode>, 'declaration'> {
  /** Reverse trees: this leaf is the manifest's declaration, not a package (name = manifest file name). */
  declaration?: FileLocation;
  /** The lockfile entry / dist-info folder of this package. */
  location?: FileLocation;
  /** Forward roots: the requirement in the manifest that this root stands for. */
  declaredAt?: FileLocation;
  /** A package from a repository, a local path or an archive URL rather than an index. */
  reference?: DirectReference;
}

export interface DependencyTree {
  source: GraphSourceKind;
  /** Lockfile, compiled requirements file, or environment prefix. */
  path: string;
  manifestPath: string | null;
  /** Reverse trees: the package asked about. */
  reverse?: string;
  /** The environment markers were evaluated for; null = any environment. */
  target: MarkerEnvironment | null;
  roots: TreeNode[];
  /** Tree nodes produced (for budgets and "too large" decisions). */
  nodeCount: number;
}

export interface TreeQuery {
  /** Environment for markers; undefined = the graph's default (installed graphs: their interpreter), null = any. */
  target?: MarkerEnvironment | null;
  /** Levels shown below the roots (0 = roots only); undefined = unlimited. */
  depth?: number;
  /** Only roots of these manifest groups (e.g. ["main"]); undefined = all. */
  groups?: readonly string[];
}

/**
 * The location-free fields of a tree node: what the CLI's JSON and the language server's
 * `pipsight/dependencyTree` result share (each adds its own locations, if any). Optional fields
 * appear only when they apply.
 */
export interface PlainTreeNode<Child> {
  name: string;
  /** The resolved version (local tags kept); null when the package is not in the source. */
  version: string | null;
  /**
   * Forward trees: the specifier of the edge (or declaration) that leads to this package.
   * Reverse trees: what this package requires of its child (`[requires: child<spec>]`).
   */
  specifier: string;
  /** Marker of that edge / declaration. */
  marker: string | null;
  /** Extras requested of this package by that edge. */
  extras?: string[];
  /** Declared requirements (forward roots, reverse declaration leaves): the manifest group. */
  group?: string;
  /** Reverse trees: this leaf is the manifest's declaration. */
  declaration?: true;
  children: Child[];
  /** The package is already an ancestor on this path: not expanded again. */
  cycle?: true;
  /** Shown expanded elsewhere in the tree: children left out (`(*)`). */
  repeated?: true;
  /** Has children, left out because of the depth limit. */
  truncated?: true;
  problems?: TreeProblem[];
  /** Installed trees: an editable or URL install (direct_url.json). */
  source?: InstallSource;
}

/** Copies a node's plain fields over children converted by `convertChild`. */
export function plainTreeNode<Child>(node: TreeNode, convertChild: (child: TreeNode) => Child): PlainTreeNode<Child> {
  const plain: PlainTreeNode<Child> = { name: node.name, version: node.version, specifier: node.specifier, marker: node.marker, children: node.children.map(convertChild) };
  if (node.extras) plain.extras = node.extras;
  if (node.group !== undefined) plain.group = node.group;
  if (node.declaration) plain.declaration = true;
  if (node.cycle) plain.cycle = true;
  if (node.repeated) plain.repeated = true;
  if (node.truncated) plain.truncated = true;
  if (node.problems) plain.problems = node.problems;
  if (node.source) plain.source = node.source;
  return plain;
}
