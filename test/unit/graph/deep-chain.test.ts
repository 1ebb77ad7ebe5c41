/** A dependency chain of 20,000 packages: the trees stop at MAX_TREE_DEPTH instead of overflowing the stack. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../server/src/core/parse';
import { dependencyTree, graphFromLock, reverseDependencyTree } from '../../../server/src/core/graph';
import { MAX_TREE_DEPTH } from '../../../server/src/core/graph/forward-tree';
import type { TreeNode } from '../../../server/src/core/graph';

const PACKAGES = 20_000;

function chainLock(): string {
  const lines = ['version = 1', 'revision = 3', 'requires-python = ">=3.10"', ''];
  for (let i = 0; i < PACKAGES; i++) {
    lines.push('[[package]]', `name = "p${i}"`, 'version = "1.0"', 'source = { registry = "https://pypi.org/simple" }');
    if (i + 1 < PACKAGES) lines.push(`dependencies = [{ name = "p${i + 1}" }]`);
    lines.push('');
  }
  lines.push('[[package]]', 'name = "app"', 'version = "0.1.0"', 'source = { editable = "." }', 'dependencies = [{ name = "p0" }]', '');
  return lines.join('\n');
}

function depth(node: TreeNode): { levels: number; last: TreeNode } {
  let levels = 0;
  let last = node;
  while (last.children.length > 0) {
    last = last.children[0];
    levels++;
  }
  return { levels, last };
}

describe('a very deep dependency chain', () => {
  const graph = graphFromLock(parseDocument('/p/uv.lock', chainLock(), 'uv-lock')!);

  it('gives a forward tree cut at the depth limit (before: RangeError, maximum call stack size exceeded)', () => {
    const tree = dependencyTree(graph, { target: null });
    const { levels, last } = depth(tree.roots[0]);
    expect(levels).toBe(MAX_TREE_DEPTH);
    expect(last.truncated).toBe(true);
  });

  it('gives a reverse tree cut at the depth limit', () => {
    const tree = reverseDependencyTree(graph, `p${PACKAGES - 1}`, { target: null });
    const { levels, last } = depth(tree.roots[0]);
    expect(levels).toBe(MAX_TREE_DEPTH);
    expect(last.truncated).toBe(true);
  });
});
