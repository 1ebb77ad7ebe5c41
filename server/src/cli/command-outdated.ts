/**
 * `pipsight outdated [PATH]`: each declared requirement with its specifier as written, the version
 * locked beside the manifest, the newest release the specifier allows and the newest release, as
 * a table or JSON (schema 1). Exit 0, or 2 on a usage error.
 */
import { DiskFileSource } from '../env/disk-file-source';
import type { PackageInsight } from '../core/insights/types';
import { hasKnownName, requirementLabel, type Requirement } from '../core/model';
import { analyzeTarget } from './analyze-target';
import { collectTargetFiles } from './collect-files';
import { createPainter } from './color';
import { CliIndexService, INDEX_HELP, INDEX_OPTIONS, indexFailureReason } from './index-checks';
import { EXIT_OK, stderrWarning, useColor, type CliIo } from './io';
import { JSON_SCHEMA_VERSION } from './json-diagnostic';
import { writeJson } from './json-output';
import { FILE_COMMAND_OPTIONS, parseCommandArgs, parseFormat, parseKind } from './parse-options';
import { formatTable } from './text-table';

export const OUTDATED_HELP = `Usage: pipsight outdated [PATH...] [--format text|json] [--kind KIND]
                         [--index-url URL] [--extra-index-url URL]... [--offline] [--cache-dir DIR]

Lists the declared requirements of each pyproject.toml and requirements file with the version
specifier as written, the version locked in the lockfile beside it (uv.lock, poetry.lock,
pdm.lock, pylock.toml; requirements.txt beside a requirements.in), the newest release the
specifier allows, and the newest release on the project's indexes. PATH defaults to the current
directory (walked like \`pipsight check\`).

Options:
  -f, --format text|json  output format (default: text); JSON is documented in the README
      --kind KIND         parser for file arguments whose name is not recognized
${INDEX_HELP}  -h, --help              show this help

Exit status: 0, or 2 on a usage error.
`;

export const OUTDATED_OPTIONS = { ...FILE_COMMAND_OPTIONS, ...INDEX_OPTIONS } as const;

export interface OutdatedPackage {
  /** null for a local project whose name is unknown (shown by its path in text). */
  name: string | null;
  /** Where the file declares it: "main", "group:dev", "extra:test", ... (as in `pipsight deps`). */
  group: string;
  /** The version constraint as written ('' when none). */
  specifier: string;
  locked: string | null;
  /** Newest release the specifier allows (a yanked exact pin's own release: installers take it, PEP 592). */
  latestCompatible: string | null;
  /** The compatible release is yanked (only for an exact pin to a yanked release). */
  latestCompatibleYanked: boolean;
  /** Newest stable release (else the newest pre-release). */
  latest: string | null;
  /** URL (redacted) of the index that answered. */
  index: string | null;
  /** 'found', 'not-found', 'unavailable' or 'skipped' (direct references, undeclared index pins). */
  status: PackageInsight['status'] | 'unknown';
  /** The indexes that could not answer for it, and why ("unreachable: connection refused"). */
  unavailableIndexes: { index: string; reason: string }[];
}

export interface OutdatedFile {
  path: string;
  packages: OutdatedPackage[];
}

function packageRow(requirement: Requirement, insight: PackageInsight | undefined, locked: Map<string, string> | null): OutdatedPackage {
  const compatible = insight?.newestSatisfying ?? (insight?.pinned?.yanked ? insight.pinned : null);
  return {
    name: hasKnownName(requirement) ? requirement.name : null,
    group: requirement.group,
    specifier: requirement.constraint || requirement.specifier,
    locked: locked?.get(requirement.normalizedName) ?? null,
    latestCompatible: compatible?.version ?? null,
    latestCompatibleYanked: compatible?.yanked ?? false,
    latest: (insight?.latestStable ?? insight?.latestPrerelease)?.version ?? null,
    index: insight?.answeredBy?.url ?? null,
    status: insight?.status ?? 'unknown',
    unavailableIndexes: (insight?.failedIndexes ?? []).map((failure) => ({ index: failure.index.url, reason: indexFailureReason(failure) })),
  };
}

export async function runOutdated(argv: string[], io: CliIo, cwd: string): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OUTDATED_OPTIONS, 'outdated');
  if (values.help) {
    io.stdout.write(OUTDATED_HELP);
    return EXIT_OK;
  }
  const format = parseFormat(values.format);
  const targets = collectTargetFiles(positionals.length > 0 ? positionals : ['.'], cwd, parseKind(values.kind), stderrWarning(io)).filter((target) => target.kind === 'pyproject' || target.kind === 'requirements');
  const files = new DiskFileSource();
  const indexes = new CliIndexService(values, io, cwd);
  const report: OutdatedFile[] = [];
  /** Text labels of the rows without a name (local projects whose name is unknown): their paths. */
  const labels = new Map<OutdatedPackage, string>();
  try {
    for (const target of targets) {
      const { analysis, text } = analyzeTarget(target, files, { environmentVariables: io.env ?? process.env });
      if (!analysis) continue;
      const { insights, lockedVersions } = await indexes.insightsFor(analysis, files, target.displayPath, { text });
      indexes.recordFailures(insights, target.displayPath);
      report.push({
        path: target.displayPath,
        packages: analysis.file.requirements.map((requirement) => {
          const row = packageRow(requirement, insights.get(requirement), lockedVersions);
          if (row.name === null) labels.set(row, requirementLabel(requirement));
          return row;
        }),
      });
    }
    indexes.finish();
  } finally {
    await indexes.close();
  }
  if (format === 'json') writeJson(io.stdout, { schema: JSON_SCHEMA_VERSION, files: report, unavailableIndexes: indexes.unavailableIndexes() });
  else writeOutdatedText(report, io, labels);
  return EXIT_OK;
}

const STATUS_TEXT: Record<string, string> = { 'not-found': 'not on the indexes', unavailable: 'index unavailable', skipped: 'not from an index' };

function writeOutdatedText(report: OutdatedFile[], io: CliIo, labels: ReadonlyMap<OutdatedPackage, string>): void {
  const paint = createPainter(useColor(io));
  for (const file of report) {
    io.stdout.write(`${paint.bold(file.path)}\n`);
    if (file.packages.length === 0) {
      io.stdout.write('  no requirements\n');
      continue;
    }
    const rows = file.packages.map((entry) => [
      entry.name ?? labels.get(entry) ?? '',
      entry.group,
      entry.specifier || '*',
      entry.locked ?? '',
      entry.latestCompatible ? `${entry.latestCompatible}${entry.latestCompatibleYanked ? ' (yanked)' : ''}` : '',
      entry.latest ?? STATUS_TEXT[entry.status] ?? '',
      entry.index ?? entry.unavailableIndexes.map((failed) => `${failed.index} (${failed.reason})`).join(', '),
    ]);
    io.stdout.write(formatTable(['package', 'group', 'specifier', 'locked', 'compatible', 'latest', 'index'], rows));
  }
}
