/**
 * The hover of a `-r` / `-c` line: the included file (its path resolved as pip resolves it), how
 * many requirements it holds and how many more its own includes bring, whether it is a constraints
 * file, what is wrong with the include (missing, unreadable, a cycle, a limit) and a link to open it.
 */
import type { DocumentAnalysis } from '../core/analyze';
import type { Include, ParsedFile } from '../core/model';
import { basename, resolveRelativeTo } from '../core/paths';
import { code, escapeMarkdown, row } from './markdown';
import { pathToFileUri } from './uris';

/** pip fetches these instead of reading a file. */
const URL_TARGET = /^(http|https|file):/i;

const INCLUDE_FINDINGS: ReadonlySet<string> = new Set(['missing-include', 'include-cycle', 'include-limit', 'file-unreadable', 'file-too-large', 'invalid-encoding']);

export function includeHoverMarkdown(analysis: DocumentAnalysis, include: Include): string {
  const constraint = include.kind === 'constraint';
  const blocks: string[] = [`**${constraint ? 'Constraints file' : 'Requirements file'}** ${code(include.target)}`];
  const problems = analysis.findings.filter((finding) => INCLUDE_FINDINGS.has(finding.code) && finding.span.start < include.span.end && include.span.start < finding.span.end);
  for (const problem of problems) blocks.push(`⚠ ${escapeMarkdown(problem.message)} (${problem.code})`);
  const rows: string[] = [];
  const path = include.expandedTarget ?? include.target;
  if (URL_TARGET.test(path)) {
    rows.push(row('From', 'a URL: pip downloads it; it is not read here'));
    return [...blocks, rows.join('\n')].join('\n\n');
  }
  const resolved = resolveRelativeTo(analysis.file.path, path);
  // A path with ${VAR} expanded stays out of the hover: the variable's value is not shown.
  rows.push(row('File', include.expandedTarget === undefined ? code(resolved) : `${code(include.target)} with the environment's variables expanded`));
  const included = includedFile(analysis, include, resolved);
  if (included) rows.push(...contentsRows(analysis, included));
  if (constraint) rows.push(row('Constraints', 'its lines only limit the versions of what is installed for another reason; nothing is installed from it'));
  blocks.push(rows.join('\n'));
  if (included && include.expandedTarget === undefined) blocks.push(`[Open ${escapeMarkdown(basename(resolved))}](${pathToFileUri(resolved)})`);
  return blocks.join('\n\n');
}

/** The file this line brought in (or that an earlier line of the tree already read with the same kind). */
function includedFile(analysis: DocumentAnalysis, include: Include, resolved: string): ParsedFile | null {
  for (const [file, edge] of analysis.includedFrom) if (edge.include === include) return file;
  for (const [file, edge] of analysis.includedFrom) if (file.path === resolved && edge.include.kind === include.kind) return file;
  return null;
}

function contentsRows(analysis: DocumentAnalysis, included: ParsedFile): string[] {
  const nested = nestedFiles(analysis, included);
  const own = included.requirements.length;
  const more = nested.reduce((sum, file) => sum + file.requirements.length, 0);
  const rows = [row('Requirements', nested.length === 0 ? String(own) : `${own}, and ${more} more in ${nested.length} nested include${nested.length === 1 ? '' : 's'}`)];
  const problems = included.errors.length;
  if (problems > 0) rows.push(row('Problems in it', `${problems} (open it to see them)`));
  return rows;
}

/** The files included from `file`, directly or further down. */
function nestedFiles(analysis: DocumentAnalysis, file: ParsedFile): ParsedFile[] {
  const children = new Map<ParsedFile, ParsedFile[]>();
  for (const [child, edge] of analysis.includedFrom) {
    const list = children.get(edge.from);
    if (list) list.push(child);
    else children.set(edge.from, [child]);
  }
  const found = new Set<ParsedFile>();
  const pending = [file];
  while (pending.length > 0) {
    for (const child of children.get(pending.pop()!) ?? []) {
      if (child === file || found.has(child)) continue;
      found.add(child);
      pending.push(child);
    }
  }
  return [...found];
}
