/** Helpers over marker trees that stay shallow on the call stack for long `and` / `or` chains. */
import type { MarkerNode } from './types';

/**
 * The operands, left to right, of the chain of same-type `and`/`or` nodes rooted at node (a
 * compare node is its own single operand). Iterative: parsed chains are as deep as they are long.
 */
export function chainOperands(node: MarkerNode): MarkerNode[] {
  if (node.type === 'compare') return [node];
  const operands: MarkerNode[] = [];
  const pending: MarkerNode[] = [node];
  while (pending.length > 0) {
    const current = pending.pop() as MarkerNode;
    if (current.type === node.type) pending.push(current.right, current.left);
    else operands.push(current);
  }
  return operands;
}

/** Every comparison in the tree, in no particular order. */
export function comparisons(node: MarkerNode): Extract<MarkerNode, { type: 'compare' }>[] {
  const found: Extract<MarkerNode, { type: 'compare' }>[] = [];
  const pending: MarkerNode[] = [node];
  while (pending.length > 0) {
    const current = pending.pop() as MarkerNode;
    if (current.type === 'compare') found.push(current);
    else pending.push(current.right, current.left);
  }
  return found;
}
