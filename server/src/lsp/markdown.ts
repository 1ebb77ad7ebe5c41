/** Markdown pieces shared by the hovers. */

export function row(label: string, value: string): string {
  return `- ${label}: ${value}`;
}

/** Inline code that survives backticks inside the value. */
export function code(value: string): string {
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** Items joined by ', ', the first `max` of them and then `… and N more`. */
export function listed(items: readonly string[], max: number): string {
  const shown = items.slice(0, max);
  if (items.length > max) shown.push(`… and ${items.length - max} more`);
  return shown.join(', ');
}
