import { MarkupKind, type CancellationToken, type Hover } from 'vscode-languageserver/node';
import { redactCredentials } from '../../core/indexes';
import type { PackageInsight } from '../../core/insights/types';
import type { Requirement } from '../../core/model';
import { basename } from '../../core/paths';
import type { ServerContext } from '../context';
import type { CachedAnalysis } from '../document-analyses';
import { findHoverTarget, requirementHoverMarkdown, type HoverTarget } from '../hover-content';
import { graphHoverRowsFor } from '../hover-graph';
import { includeHoverMarkdown } from '../hover-include';
import { indexRow } from '../hover-index';
import { insightParts } from '../hover-insight';
import { lockedPackageMarkdown } from '../hover-locked';
import { pythonHoverMarkdown } from '../hover-python';
import { positionToOffset, spanToRange } from '../positions';
import { documentForRequest, guardRequest, throwIfCancelled } from '../request-guards';

/** How long a hover waits for index data before it shows what it has: longer when nothing is known yet. */
const INDEX_WAIT_MS = 3000;
const METADATA_WAIT_MS = 1000;

/**
 * `textDocument/hover`: a requirement's name (with its index data, lock, environment and
 * requirers), an include line, a requires-python line, or a lockfile entry's name or version line.
 */
export function registerHover(context: ServerContext): void {
  context.connection.onHover(
    guardRequest(context.log, 'textDocument/hover', null as Hover | null, async (params, token) => {
      const opened = await documentForRequest(context, params.textDocument.uri, token);
      if (!opened) return null;
      const { cached } = opened;
      if (!cached.analysis) return null;
      const target = findHoverTarget(cached.analysis.file, positionToOffset(cached.lines, params.position), cached.text);
      if (!target) return null;
      const value = await hoverValue(context, cached, target, token);
      // URLs with credentials (direct references, lockfile sources, index pins) are shown masked.
      return { contents: { kind: MarkupKind.Markdown, value: redactCredentials(value) }, range: spanToRange(cached.lines, target.span) };
    }),
  );
}

async function hoverValue(context: ServerContext, cached: CachedAnalysis, target: HoverTarget, token: CancellationToken): Promise<string> {
  const analysis = cached.analysis!;
  const file = analysis.file;
  switch (target.kind) {
    case 'include':
      return includeHoverMarkdown(analysis, target.include);
    case 'python':
      return pythonHoverMarkdown(target.declaration, file.kind, new Date().toISOString().slice(0, 10));
    case 'locked-package': {
      if (!context.settings.enable) return lockedPackageMarkdown(target.lockedPackage, { lockfile: file });
      const graph = graphHoverRowsFor(context, cached.path, target);
      const indexes = context.graphs.sourcesOf(cached.path)?.manifest?.indexes ?? [];
      return lockedPackageMarkdown(target.lockedPackage, { lockfile: file, indexes, ...graph });
    }
    case 'requirement': {
      if (!context.settings.enable) return requirementHoverMarkdown(target.requirement, file);
      const insight = await indexData(context, cached, target.requirement, token);
      throwIfCancelled(token);
      const lock = context.insights.lock(cached);
      const lockedVersion = lock?.versions.get(target.requirement.normalizedName);
      const forks = lock?.all.get(target.requirement.normalizedName);
      const locked = lockedVersion ? { version: lockedVersion, lockfile: basename(lock!.path), ...(forks ? { forks } : {}) } : null;
      const parts = insightParts(target.requirement, insight, locked, file.requiresPython?.specifier ?? null);
      const index = indexRow(target.requirement, file, cached.text, insight?.answeredBy ?? null);
      return requirementHoverMarkdown(target.requirement, file, { ...parts, index, ...graphHoverRowsFor(context, cached.path, target) });
    }
  }
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
