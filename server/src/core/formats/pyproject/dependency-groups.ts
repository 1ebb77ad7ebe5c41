/**
 * PEP 735 `[dependency-groups]`: each group is a list of PEP 508 strings and `{include-group = "x"}`
 * tables. Included requirements are not copied into the including group; includes are only
 * validated: an unknown group (`unknown-include-group`) and cycles (`include-cycle`, reported at
 * the include that closes the cycle). Group names compare PEP 503-normalized.
 */
import type { Span } from '../../span';
import { normalizeName } from '../../names';
import { entryAt, expectArray, expectTable, report, valueSpan, type PyprojectContext } from './context';
import { requirementFromValue } from './requirement-strings';

interface GroupInclude {
  target: string;
  span: Span;
}

export function processDependencyGroups(context: PyprojectContext): void {
  const groups = expectTable(context, entryAt(context.root, 'dependency-groups'), '[dependency-groups]');
  if (!groups) return;
  const includesByGroup = new Map<string, GroupInclude[]>();
  for (const [name, entry] of groups.entries) {
    const includes: GroupInclude[] = [];
    includesByGroup.set(normalizeName(name), includes);
    const array = expectArray(context, entry, `dependency group "${name}"`);
    for (const item of array?.items ?? []) {
      if (item.type !== 'table') {
        const requirement = requirementFromValue(context, item, `group:${name}`);
        if (requirement) context.file.requirements.push(requirement);
        continue;
      }
      const target = item.entries.get('include-group')?.value;
      if (target?.type === 'string' && item.entries.size === 1) includes.push({ target: target.value, span: target.contentSpan });
      else report(context, 'invalid-requirement', 'A dependency group item must be a requirement string or {include-group = "<name>"}', target ? valueSpan(target) : item.span);
    }
  }
  checkIncludes(context, includesByGroup);
}

function checkIncludes(context: PyprojectContext, includesByGroup: Map<string, GroupInclude[]>): void {
  for (const [group, includes] of includesByGroup) {
    for (const include of includes) {
      if (!includesByGroup.has(normalizeName(include.target))) {
        report(context, 'unknown-include-group', `Dependency group "${include.target}" is not defined (included from "${group}")`, include.span);
      }
    }
  }
  // Depth-first search; an include reaching a group still on the path closes a cycle. An explicit
  // stack and one shared path: a chain of thousands of groups neither overflows the call stack nor
  // copies the path at every step.
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const positionOnPath = new Map<string, number>();
  const enter = (group: string, stack: { group: string; next: number }[]) => {
    state.set(group, 'visiting');
    positionOnPath.set(group, path.length);
    path.push(group);
    stack.push({ group, next: 0 });
  };
  for (const start of includesByGroup.keys()) {
    if (state.has(start)) continue;
    const stack: { group: string; next: number }[] = [];
    enter(start, stack);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const includes = includesByGroup.get(frame.group) ?? [];
      if (frame.next >= includes.length) {
        state.set(frame.group, 'done');
        positionOnPath.delete(frame.group);
        path.pop();
        stack.pop();
        continue;
      }
      const include = includes[frame.next++];
      const target = normalizeName(include.target);
      if (!includesByGroup.has(target)) continue;
      const targetState = state.get(target);
      if (targetState === 'visiting') {
        const cycle = [...path.slice(positionOnPath.get(target)), target].join(' → ');
        report(context, 'include-cycle', `Dependency group include cycle: ${cycle}`, include.span);
      } else if (targetState === undefined) {
        enter(target, stack);
      }
    }
  }
}
