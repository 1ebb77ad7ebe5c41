/**
 * `pipsight tree [PATH]`: the dependency tree of a project from its lockfile or its installed
 * environment, forward from the declared requirements or reversed ("why is X here?").
 */
import { relative } from 'node:path';
import { dependencyTree, graphFromInstalled, plainTreeNode, reverseDependencyTree, type DependencyGraph, type DependencyTree, type PlainTreeNode, type TreeNode } from '../core/graph';
import { findInstalledEnvironment } from '../env';
import { createPainter } from './color';
import { EXIT_OK, UsageError, useColor, type CliIo } from './io';
import { JSON_SCHEMA_VERSION } from './json-diagnostic';
import { writeJson } from './json-output';
import { parseCommandArgs, parseFormat } from './parse-options';
import { renderTreeText } from './tree-text';
import { findTreeSources, lockGraph } from './tree-sources';

export const TREE_HELP = `Usage: pipsight tree [PATH] [--reverse NAME] [--source lock|env] [--depth N] [--format text|json]

Shows the dependency tree of the project at PATH (a folder, default ., or a manifest or
lockfile): the declared requirements of pyproject.toml (or a pip-compile .in file) and what each
resolves to in the lockfile next to it (poetry.lock, uv.lock, pdm.lock, pylock.toml, the compiled
.txt) or in the installed environment. A lockfile is shown for every environment it covers;
an installed environment for its own interpreter.

Options:
  -r, --reverse NAME      show every path from the declared requirements to NAME ("why is it here?")
      --source lock|env   read the lockfile (default) or the installed environment
                          (.venv, venv, VIRTUAL_ENV, or --python)
      --python PATH       the interpreter or environment folder for --source env
  -d, --depth N           levels shown below the roots (default: all)
  -f, --format text|json  output format (default: text); JSON is documented in the README
  -h, --help              show this help
`;

export const TREE_OPTIONS = {
  reverse: { type: 'string', short: 'r' },
  source: { type: 'string' },
  python: { type: 'string' },
  depth: { type: 'string', short: 'd' },
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseDepth(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--depth must be a whole number, not "${value}"`);
  return Number(value);
}

export async function runTree(argv: string[], io: CliIo, cwd: string): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, TREE_OPTIONS, 'tree');
  if (values.help) {
    io.stdout.write(TREE_HELP);
    return EXIT_OK;
  }
  const format = parseFormat(values.format);
  const depth = parseDepth(values.depth);
  const source = values.source ?? 'lock';
  if (source !== 'lock' && source !== 'env') throw new UsageError(`--source must be "lock" or "env", not "${source}"`);
  if (positionals.length > 1) throw new UsageError('tree takes one PATH');
  const given = positionals[0] ?? '.';
  const sources = findTreeSources(given, cwd);

  let graph: DependencyGraph;
  if (source === 'env') {
    const environment = await findInstalledEnvironment({
      workspaceRoot: sources.root,
      pythonPath: values.python ?? null,
      explicitOrigin: 'cli',
      environmentVariables: io.env ?? process.env,
    });
    if (!environment) throw new UsageError(`${given}: no Python environment found (.venv, venv, VIRTUAL_ENV); pass --python PATH`);
    graph = graphFromInstalled(environment, sources.manifest);
  } else {
    graph = lockGraph(sources, given);
  }
  const query = { depth };
  const tree = values.reverse !== undefined ? reverseDependencyTree(graph, values.reverse, query) : dependencyTree(graph, query);
  if (format === 'json') writeJson(io.stdout, toJsonTree(tree, cwd));
  else io.stdout.write(renderTreeText(tree, createPainter(useColor(io))));
  return EXIT_OK;
}

/** The JSON of `pipsight tree --format json` (documented in the README). */
export interface JsonTree {
  schema: number;
  source: DependencyTree['source'];
  /** Lockfile / compiled requirements / environment prefix, relative to the working directory. */
  path: string;
  manifest: string | null;
  reverse: string | null;
  target: DependencyTree['target'];
  roots: JsonTreeNode[];
}

/** A tree node in `pipsight tree --format json`: the plain fields, no locations. */
export type JsonTreeNode = PlainTreeNode<JsonTreeNode>;

function toJsonNode(node: TreeNode): JsonTreeNode {
  return plainTreeNode(node, toJsonNode);
}

function toJsonTree(tree: DependencyTree, cwd: string): JsonTree {
  const shown = (path: string) => relative(cwd, path).replace(/\\/g, '/') || '.';
  return {
    schema: JSON_SCHEMA_VERSION,
    source: tree.source,
    path: shown(tree.path),
    manifest: tree.manifestPath ? shown(tree.manifestPath) : null,
    reverse: tree.reverse ?? null,
    target: tree.target,
    roots: tree.roots.map(toJsonNode),
  };
}
