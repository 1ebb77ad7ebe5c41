/**
 * The one "Index" row of a requirement's hover: the index that answered for it (name and URL),
 * else the index it is pinned to; for a package whose `[tool.uv.sources]` entries pick the index
 * by platform (`torch = [{ index = "pytorch-cpu", marker = "sys_platform == 'darwin'" }, …]`),
 * every index with the environments it serves, on one line.
 */
import type { AnsweringIndex } from '../core/insights/types';
import { readUvIndexSources, uvSourceApplies, uvSourceScope, uvSourcesLeaveGaps } from '../core/indexes/uv-sources';
import type { ParsedFile, Requirement } from '../core/model';
import { pinnedIndexRow } from './hover-content';
import { code, escapeMarkdown, row } from './markdown';

/** `text`: the document's text (the uv source entries are read from it). Null when nothing is known. */
export function indexRow(requirement: Requirement, file: ParsedFile, text: string, answeredBy: AnsweringIndex | null): string | null {
  const byPlatform = file.kind === 'pyproject' && requirement.index?.includes(' | ') ? platformIndexes(requirement, text) : null;
  if (byPlatform) return row('Index', byPlatform);
  if (answeredBy) return row('Index', `${answeredBy.name ? `${escapeMarkdown(answeredBy.name)} ` : ''}${code(answeredBy.url)}`);
  return pinnedIndexRow(requirement, file);
}

/** `` `pytorch-cpu` for `sys_platform == 'darwin'`; `pytorch-cu124` for `sys_platform == 'linux'` ``, null when the entries are not found. */
function platformIndexes(requirement: Requirement, text: string): string | null {
  const sources = readUvIndexSources(text).get(requirement.normalizedName);
  if (!sources) return null;
  const scope = uvSourceScope(requirement.group);
  const applying = sources.filter((source) => uvSourceApplies(source, scope));
  if (applying.length < 2) return null;
  const entries = applying.map((source) => `${code(source.index)}${source.marker ? ` for ${code(source.marker)}` : ''}`);
  if (uvSourcesLeaveGaps(sources, scope)) entries.push('the default index elsewhere');
  return entries.join('; ');
}
