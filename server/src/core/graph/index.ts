/**
 * Dependency graph public API (pure). Build a graph once per source, then query it:
 *
 *   graphFromLock(lockFile, manifest?)                    poetry.lock, uv.lock, pdm.lock, pylock.toml
 *   graphFromCompiledRequirements(compiledTxt, manifest?) pip-compile output (`# via` → edges)
 *   graphFromInstalled(environment, manifest?)            an InstalledEnvironment (Requires-Dist)
 *
 *   dependencyTree(graph, query)                 forward tree from the roots (TreeNode, plain data)
 *   reverseDependencyTree(graph, name, query)    every path from the roots to `name`, inverted
 *   findPackage(graph, name)                     the nodes of a name (several versions possible)
 *   dependentsOf(graph, name, query)             who requires `name` (one level), with the edges
 */
export type { DependencyGraph, FileLocation, GraphEdge, GraphNode, GraphRoot, GraphSourceKind } from './types';
export type { DependencyTree, PlainTreeNode, TreeNode, TreeProblem, TreeQuery } from './tree-types';
export { plainTreeNode } from './tree-types';
export { describeInstallSource, type InstallSource } from './install-source';
export { directReferenceOf, type DirectReference } from './direct-reference';
export { graphFromLock } from './from-lock';
export { graphFromCompiledRequirements } from './from-requirements';
export { graphFromInstalled } from './from-installed';
export { dependencyTree } from './forward-tree';
export { reverseDependencyTree } from './reverse-tree';
export { dependentsOf, findPackage, type Dependent } from './lookup';
export { versionSatisfies } from '../pep440';
export { MarkerActivation } from './activation';
