/**
 * Marker text in packaging's style: `python_version >= "3.8" and (sys_platform == "linux" or ...)`.
 */
import { chainOperands } from './marker-tree';
import { formatMarkerString } from './quoted-string';
import type { MarkerNode, MarkerOperand } from './types';

export function formatOperand(operand: MarkerOperand): string {
  return operand.type === 'variable' ? operand.name : formatMarkerString(operand.value);
}

export function formatComparison(left: MarkerOperand, op: string, right: MarkerOperand): string {
  return `${formatOperand(left)} ${op} ${formatOperand(right)}`;
}

/**
 * Text of a marker tree with the fewest parentheses that keep its meaning (`and` binds tighter
 * than `or`; `a and (b and c)` is written `a and b and c`). Parsed markers carry packaging's text,
 * which keeps the user's own grouping; use this for trees built in code.
 */
export function markerToString(node: MarkerNode): string {
  if (node.type === 'compare') return formatComparison(node.left, node.op, node.right);
  return chainOperands(node)
    .map((operand) => (node.type === 'and' && operand.type === 'or' ? `(${markerToString(operand)})` : markerToString(operand)))
    .join(` ${node.type} `);
}
