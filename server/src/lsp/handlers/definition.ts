import type { Location } from 'vscode-languageserver/node';
import type { ParsedFile } from '../../core/model';
import { resolveRelativeTo } from '../../core/paths';
import type { Span } from '../../core/span';
import type { ServerContext } from '../context';
import { OtherFileRanges, positionToOffset } from '../positions';
import { documentForRequest, guardRequest } from '../request-guards';
import { pathKey, pathToFileUri } from '../uris';

/** pip fetches these instead of reading a file. */
const URL_TARGET = /^(http|https|file):/i;
const START_OF_FILE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * `textDocument/definition`: from a `-r` / `-c` line to the included file, and from a declared
 * requirement to its entry in the lockfile beside the manifest (every entry when several versions
 * are locked; the pinned line of a pip-compile output).
 */
export function registerDefinition(context: ServerContext): void {
  context.connection.onDefinition(
    guardRequest(context.log, 'textDocument/definition', null as Location[] | null, async (params, token) => {
      const opened = await documentForRequest(context, params.textDocument.uri, token);
      if (!opened) return null;
      const { cached } = opened;
      if (!cached.analysis) return null;
      const file = cached.analysis.file;
      const offset = positionToOffset(cached.lines, params.position);
      const inside = (span: Span) => span.start <= offset && offset <= span.end;

      const include = file.includes.find((candidate) => inside(candidate.span));
      if (include) {
        const path = include.expandedTarget ?? include.target;
        if (URL_TARGET.test(path)) return null;
        const target = resolveRelativeTo(file.path, path);
        return context.files.read(target) === undefined ? null : [{ uri: pathToFileUri(target), range: START_OF_FILE }];
      }

      const requirement = file.requirements.find((candidate) => inside(candidate.spans.whole));
      if (!requirement) return null;
      const lock = context.graphs.sourcesOf(cached.path)?.lock;
      if (!lock || pathKey(lock.path) === pathKey(file.path)) return null;
      const ranges = new OtherFileRanges((path) => context.files.read(path));
      const locations: Location[] = [];
      for (const span of lockEntrySpans(lock, requirement.normalizedName)) {
        const range = ranges.rangeOf(lock.path, span);
        if (range) locations.push({ uri: pathToFileUri(lock.path), range });
      }
      return locations.length > 0 ? locations : null;
    }),
  );
}

/** The spans of a package's entries in a lockfile, or of its pinned lines in a pip-compile output. */
function lockEntrySpans(lock: ParsedFile, normalizedName: string): Span[] {
  if (lock.kind === 'requirements') {
    return lock.requirements.filter((candidate) => candidate.normalizedName === normalizedName && candidate.group !== 'constraint').map((candidate) => candidate.spans.whole);
  }
  return lock.locked.filter((locked) => locked.normalizedName === normalizedName && locked.span).map((locked) => locked.span!);
}
