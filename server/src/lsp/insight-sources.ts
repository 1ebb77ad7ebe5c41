/**
 * The one file of the language server that calls the index intelligence service (registry
 * collectInsights, core insightFindings / edits / popular names), so its API shows in one place.
 */
import type { IndexPlan } from '../core/indexes';
import { insightFindings } from '../core/insights/findings';
import { POPULAR_PACKAGES } from '../core/insights/popular-packages';
import { requirementRewrites } from '../core/insights/rewrites';
import type { InsightMap } from '../core/insights/types';
import type { Finding, ParsedFile } from '../core/model';
import type { OutdatedSeverity } from '../protocol';
import type { IndexClient } from '../registry';
import { collectInsights } from '../registry/insights';

export { POPULAR_PACKAGES, requirementRewrites };

export interface CollectOptions {
  signal: AbortSignal;
  /** Also fetch core metadata (summary, links): hovers only. */
  fetchMetadata: boolean;
}

export function collectDocumentInsights(client: IndexClient, plan: IndexPlan, file: ParsedFile, options: CollectOptions): Promise<InsightMap> {
  return collectInsights(client, plan, file, {
    signal: options.signal,
    requiresPython: file.requiresPython?.specifier ?? null,
    fetchMetadata: options.fetchMetadata,
  });
}

/** Findings from index data (unknown-package, yanked-version, outdated, ...), with fixes in `data`. */
export function documentInsightFindings(file: ParsedFile, text: string, insights: InsightMap, outdated: OutdatedSeverity, lockedVersions: Map<string, string> | undefined): Finding[] {
  if (insights.size === 0) return [];
  return insightFindings(file, text, insights, { outdated, lockedVersions });
}
