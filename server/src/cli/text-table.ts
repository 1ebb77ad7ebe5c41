/**
 * Left-aligned plain-text columns, two spaces apart, trailing spaces trimmed. Columns that are
 * empty in every row are left out.
 */
export function formatTable(header: string[], rows: string[][], indent = '  '): string {
  const kept = header.map((_, column) => column).filter((column) => rows.some((row) => (row[column] ?? '') !== ''));
  const widths = kept.map((column) => Math.max(header[column].length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    (indent + kept.map((column, position) => (cells[column] ?? '').padEnd(widths[position])).join('  ')).trimEnd();
  return [line(header), ...rows.map(line)].map((text) => `${text}\n`).join('');
}
