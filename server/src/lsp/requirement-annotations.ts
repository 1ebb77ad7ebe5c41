/**
 * The short text shown after each requirement once its index data is known (`latest 2.5.1`, or
 * `✓` when the requirement allows the latest release and the style is 'check'): inlay hints, or
 * code lenses for clients without inlay hints.
 */
import type { InsightMap, PackageInsight } from '../core/insights/types';
import type { Requirement } from '../core/model';
import type { InlayHintStyle } from '../protocol';

export interface RequirementAnnotation {
  requirement: Requirement;
  /** Offset the hint goes to: after the requirement (its closing quote and comma in TOML arrays). */
  offset: number;
  label: string;
  tooltip: string;
}

export function requirementAnnotations(text: string, insights: InsightMap, style: InlayHintStyle): RequirementAnnotation[] {
  const annotations: RequirementAnnotation[] = [];
  for (const [requirement, insight] of insights) {
    const latest = insight.latestStable ?? insight.latestPrerelease;
    if (insight.status !== 'found' || !latest) continue;
    const upToDate = allowsLatest(insight, latest.version);
    const label = style === 'check' && upToDate ? '✓' : `latest ${latest.version}`;
    annotations.push({ requirement, offset: annotationOffset(text, requirement), label, tooltip: tooltipOf(insight, latest.version, upToDate) });
  }
  return annotations.sort((a, b) => a.offset - b.offset);
}

/** The newest release the specifier allows is the latest one. */
function allowsLatest(insight: PackageInsight, latestVersion: string): boolean {
  return insight.newestSatisfying?.version === latestVersion;
}

function tooltipOf(insight: PackageInsight, latestVersion: string, upToDate: boolean): string {
  const index = insight.answeredBy ? ` on ${insight.answeredBy.name ?? insight.answeredBy.url}` : '';
  const state = upToDate ? 'the requirement allows it' : `the requirement allows up to ${insight.newestSatisfying?.version ?? 'no release'}`;
  return `${insight.normalizedName} ${latestVersion} is the latest release${index}; ${state}`;
}

function annotationOffset(text: string, requirement: Requirement): number {
  let offset = requirement.spans.whole.end;
  if (text[offset] === '"' || text[offset] === "'") offset += 1;
  if (text[offset] === ',') offset += 1;
  return offset;
}
