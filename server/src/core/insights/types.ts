/**
 * Index intelligence for one requirement, as every front end shows it (hover, inlay hints,
 * completion, CLI `outdated`). Built in registry/ from index answers; the findings derived from
 * it are pure (core/insights/findings.ts). CONTRACT shared by the LSP and the CLI.
 */
import type { Requirement } from '../model';

export interface ReleaseSummary {
  version: string;
  /**
   * ISO 8601 upload time of the release's first file (PEP 700 gives `upload-time` per file; the
   * release date is when its first file was uploaded, as PyPI shows it), when the index gives one.
   */
  uploadTime: string | null;
  requiresPython: string | null;
  yanked: boolean;
  yankedReason: string | null;
  /** PEP 440 pre-release (or development release). */
  prerelease: boolean;
  /**
   * A PEP 700 `versions` entry whose files are all gone: listed (completion shows it, marked) but
   * not installable, so never a "latest", "newest satisfying" or a fix target.
   */
  withoutFiles: boolean;
  /** The index this version came from, when several indexes were merged (e.g. a uv marker array no environment decided). */
  index?: AnsweringIndex;
}

export interface AnsweringIndex {
  name: string | null;
  /** Redacted URL (no credentials). */
  url: string;
}

export type InsightStatus =
  /** The project was found on an index. */
  | 'found'
  /** Every index answered and none has the project. */
  | 'not-found'
  /** No index could be asked or answered (network, auth, offline without cache). */
  | 'unavailable'
  /** Not asked: direct references (URL/path), or pinned to an undeclared index. */
  | 'skipped';

export interface PackageInsight {
  normalizedName: string;
  status: InsightStatus;
  answeredBy: AnsweringIndex | null;
  /** Every known version, newest first (for completion), yanked included. */
  versions: ReleaseSummary[];
  latestStable: ReleaseSummary | null;
  /** Only when newer than latestStable. */
  latestPrerelease: ReleaseSummary | null;
  /** Newest release satisfying the requirement's specifier. */
  newestSatisfying: ReleaseSummary | null;
  /** Newest release supporting the project's requires-python (null when there is no requires-python). */
  newestForPython: ReleaseSummary | null;
  /** The release an exact pin (== / ===) names, when the requirement has one. */
  pinned: ReleaseSummary | null;
  /** From core metadata / the PyPI JSON API, when fetched. */
  summary: string | null;
  links: { label: string; url: string }[];
  /** Near names on the index, for unknown-package suggestions (e.g. pytorch → torch). */
  suggestions: string[];
  /** Why the status is 'unavailable' or 'skipped'. */
  problem: string | null;
  /**
   * Indexes that failed while answering (for the once-per-index index-unreachable finding).
   * `kind` is the registry's error kind ('unreachable', 'timeout', 'auth', 'offline', ...).
   */
  failedIndexes: { index: AnsweringIndex; message: string; kind?: string }[];
  /** The data came from the cache because the index failed or the client is offline. */
  stale?: boolean;
}

/** Insights for one document's requirements, keyed by the Requirement object of its ParsedFile. */
export type InsightMap = Map<Requirement, PackageInsight>;
