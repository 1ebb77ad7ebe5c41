/**
 * Text rendering of a DependencyTree in the style of `uv tree` (`├── `, `│   `, `└── `, `(*)` for a
 * subtree shown before) with pipdeptree's `[requires: …]` in reverse mode:
 *
 *   accelerate==0.33.0 [required: >=0.30]
 *   ├── numpy==2.1.1
 *   └── torch==2.5.1+cu124 (*)
 *
 *   numpy==2.1.1
 *   └── accelerate==0.33.0 [requires: numpy>=1.17,<2.0.0]
 *       └── pyproject.toml (main) [requires: accelerate>=0.30]
 */
import type { DependencyTree, TreeNode } from '../core/graph';
import type { Painter } from './color';

function groupLabel(group: string): string {
  if (group === 'main') return '';
  const [kind, name] = group.includes(':') ? [group.slice(0, group.indexOf(':')), group.slice(group.indexOf(':') + 1)] : [group, ''];
  if (kind === 'extra') return `(extra: ${name})`;
  return name ? `(group: ${name})` : `(group: ${kind})`;
}

function label(node: TreeNode, parentName: string | null, reverse: boolean, paint: Painter): string {
  const parts: string[] = [];
  const extras = node.extras && node.extras.length > 0 ? `[${node.extras.join(',')}]` : '';
  if (node.declaration) parts.push(`${paint.dim(node.name)}${node.group ? ` (${node.group})` : ''}`);
  else parts.push(node.version === null ? `${node.name}${extras} ${paint.severity('error', '(missing)')}` : `${paint.bold(node.name)}${extras}==${node.version}`);
  if (node.source) parts.push(paint.dim(`(${node.source.label})`));
  parts.push(...requirementLabel(node, parentName, reverse));
  if (node.marker) parts.push(paint.dim(`; ${node.marker}`));
  if (!node.declaration && !reverse && node.group) {
    const text = groupLabel(node.group);
    if (text) parts.push(text);
  }
  if (node.repeated) parts.push('(*)');
  if (node.cycle) parts.push('(cycle)');
  if (node.truncated) parts.push('(…)');
  for (const problem of node.problems ?? []) parts.push(paint.severity('error', `✗ ${problem.code}: ${problem.message}`));
  return parts.join(' ');
}

/**
 * `[required: <spec>]` (forward) / `[requires: <parent><spec>]` (reverse). An edge the source
 * records without a specifier (uv and pylock edges, pip-compile `# via`) reads `[required: any]` /
 * `[requires: <parent>]`, as pipdeptree prints it; a root without a specifier gets no label.
 */
function requirementLabel(node: TreeNode, parentName: string | null, reverse: boolean): string[] {
  if (reverse && parentName) return [`[requires: ${parentName}${node.specifier}]`];
  if (node.specifier) return [`[required: ${node.specifier}]`];
  return parentName && !reverse ? ['[required: any]'] : [];
}

export function renderTreeText(tree: DependencyTree, paint: Painter): string {
  const reverse = tree.reverse !== undefined;
  const lines: string[] = [];
  const walk = (node: TreeNode, parentName: string | null, prefix: string, childPrefix: string) => {
    lines.push(`${prefix}${label(node, parentName, reverse, paint)}`);
    node.children.forEach((child, position) => {
      const last = position === node.children.length - 1;
      walk(child, node.name, `${childPrefix}${last ? '└── ' : '├── '}`, `${childPrefix}${last ? '    ' : '│   '}`);
    });
  };
  for (const root of tree.roots) walk(root, null, '', '');
  if (tree.roots.length === 0) lines.push(reverse ? `${tree.reverse} is not required by any root here` : '(no dependencies)');
  return `${lines.join('\n')}\n`;
}
