import { MarkupKind, type CancellationToken, type Hover } from 'vscode-languageserver/node';
import type { PackageInsight } from '../../core/insights/types';
import type { Requirement } from '../../core/model';
import { basename } from '../../core/paths';
import type { ServerContext } from '../context';
import type { CachedAnalysis } from '../document-analyses';
import { findHoverTarget, hoverMarkdown } from '../hover-content';
import { graphHoverSection } from '../hover-graph';
import { insightMarkdown } from '../hover-insight';
import { positionToOffset, spanToRange } from '../positions';
import { documentForRequest, guardRequest, throwIfCancelled } from '../request-guards';

/** How long a hover waits for index data before it shows what it has: longer when nothing is known yet. */
const INDEX_WAIT_MS = 3000;
const METADATA_WAIT_MS = 1000;

/** `textDocument/hover`: a requirement's name (with its index data) or a locked package entry. */
export function registerHover(context: ServerContext): void {
  context.connection.onHover(
    guardRequest(context.log, 'textDocument/hover', null as Hover | null, async (params, token) => {
      const opened = await documentForRequest(context, params.textDocument.uri, token);
      if (!opened) return null;
      const { cached } = opened;
      if (!cached.analysis) return null;
      const target = findHoverTarget(cached.analysis.file, positionToOffset(cached.lines, params.position));
      if (!target) return null;
      let value = hoverMarkdown(target);
      if (target.kind === 'requirement' && context.settings.enable) {
        const insight = await indexData(context, cached, target.requirement, token);
        throwIfCancelled(token);
        const lock = context.insights.lock(cached);
        const lockedVersion = lock?.versions.get(target.requirement.normalizedName);
        const forks = lock?.all.get(target.requirement.normalizedName);
        const locked = lockedVersion ? { version: lockedVersion, lockfile: basename(lock!.path), ...(forks ? { forks } : {}) } : null;
        const section = insightMarkdown(target.requirement, insight, locked, cached.analysis.file.requiresPython?.specifier ?? null);
        if (section) value += `\n\n---\n\n${section}`;
      }
      if (context.settings.enable) value += graphHoverSection(context, cached.path, target);
      return { contents: { kind: MarkupKind.Markdown, value }, range: spanToRange(cached.lines, target.span) };
    }),
  );
}

/**
 * The requirement's index data with its metadata (summary, links), waiting at most INDEX_WAIT_MS,
 * or METADATA_WAIT_MS when the background load already knows the versions (the hover then shows
 * what is known).
 */
async function indexData(context: ServerContext, cached: CachedAnalysis, requirement: Requirement, token: CancellationToken): Promise<PackageInsight | null> {
  const known = context.insights.insightsFor(cached).get(requirement) ?? null;
  const controller = new AbortController();
  const cancellation = token.onCancellationRequested(() => controller.abort());
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), known?.status === 'found' ? METADATA_WAIT_MS : INDEX_WAIT_MS);
  });
  try {
    const detailed = await Promise.race([context.insights.detailed(cached, requirement, controller.signal), deadline]);
    return detailed ?? context.insights.insightsFor(cached).get(requirement) ?? known;
  } finally {
    clearTimeout(timer);
    // Not aborted at the deadline: the answer is still stored for the next hover.
    cancellation.dispose();
  }
}
