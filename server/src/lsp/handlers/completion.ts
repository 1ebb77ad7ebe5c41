import { CompletionItemKind, CompletionItemTag, type CancellationToken, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver/node';
import type { PackageInsight } from '../../core/insights/types';
import type { Requirement } from '../../core/model';
import { normalizeName } from '../../core/names';
import { isPrerelease } from '../../core/pep440';
import { completionSite, type CompletionSite } from '../completion-context';
import type { ServerContext } from '../context';
import type { CachedAnalysis } from '../document-analyses';
import { documentKind } from '../documents';
import { POPULAR_PACKAGES } from '../insight-sources';
import { documentForRequest, guardRequest, throwIfCancelled } from '../request-guards';

const MAX_NAME_ITEMS = 100;
const EMPTY: CompletionList = { isIncomplete: false, items: [] };
/** How long a completion waits for index data (like a hover): then it answers with what is known, marked incomplete. */
const INDEX_WAIT_MS = 3000;
const TIMED_OUT = Symbol('timed out');

/**
 * `textDocument/completion`: package names (popular PyPI projects and names seen on the indexes),
 * versions after an operator (newest first, yanked ones marked and last) and extras inside `[`.
 */
export function registerCompletion(context: ServerContext): void {
  context.connection.onCompletion(
    guardRequest(context.log, 'textDocument/completion', EMPTY, async (params, token): Promise<CompletionList> => {
      const opened = await documentForRequest(context, params.textDocument.uri, token);
      if (!opened) return EMPTY;
      if (!context.settings.enable) return EMPTY;
      const { document, cached } = opened;
      const offset = cached.lines.offsetAt(params.position);
      const site = completionSite(cached.text, offset, documentKind(document));
      if (!site) return EMPTY;
      const range: Range = { start: cached.lines.positionAt(site.start), end: params.position };
      if (site.kind === 'name') return nameItems(context, site.prefix, range);
      const requirement = requirementFor(cached, offset, site.name);
      const signal = abortOn(token);
      if (site.kind === 'version') {
        const answer = await withDeadline(context.insights.lookUp(cached, requirement, signal));
        throwIfCancelled(token);
        const insight = answer === TIMED_OUT ? (context.insights.insightsFor(cached).get(requirement) ?? null) : answer;
        return { isIncomplete: answer === TIMED_OUT, items: insight ? versionItems(insight, range) : [] };
      }
      const extras = await withDeadline(context.insights.extrasOf(cached, requirement, signal));
      throwIfCancelled(token);
      return extras === TIMED_OUT ? { isIncomplete: true, items: [] } : { isIncomplete: false, items: extraItems(extras, site, range) };
    }),
  );
}

function nameItems(context: ServerContext, prefix: string, range: Range): CompletionList {
  const typed = normalizeName(prefix);
  const names: string[] = [];
  const seen = new Set<string>();
  // Popular names in popularity order, then the ones seen on the indexes.
  for (const name of [...POPULAR_PACKAGES, ...context.insights.knownNames()]) {
    if (seen.has(name) || !name.startsWith(typed)) continue;
    seen.add(name);
    names.push(name);
  }
  const items = names.slice(0, MAX_NAME_ITEMS).map((name, rank): CompletionItem => ({
    label: name,
    kind: CompletionItemKind.Module,
    sortText: String(rank).padStart(4, '0'),
    textEdit: { range, newText: name },
  }));
  return { isIncomplete: names.length > MAX_NAME_ITEMS || typed === '', items };
}

/**
 * Newest first by sortText; yanked releases and PEP 700 versions without files (nothing to
 * install) after every other one, marked deprecated with the reason.
 */
function versionItems(insight: PackageInsight, range: Range): CompletionItem[] {
  return insight.versions.map((release, rank): CompletionItem => {
    const details = [release.uploadTime ? release.uploadTime.slice(0, 10) : null, isPrerelease(release.version) ? 'pre-release' : null, release.yanked ? `yanked${release.yankedReason ? `: ${release.yankedReason}` : ''}` : null, release.withoutFiles ? 'no files' : null, release.index ? `from ${release.index.name ?? release.index.url}` : null];
    const unusable = release.yanked || release.withoutFiles;
    const item: CompletionItem = {
      label: release.version,
      kind: CompletionItemKind.Constant,
      sortText: `${unusable ? 1 : 0}${String(rank).padStart(5, '0')}`,
      textEdit: { range, newText: release.version },
    };
    const detail = details.filter(Boolean).join(' · ');
    if (detail) item.detail = detail;
    if (unusable) item.tags = [CompletionItemTag.Deprecated];
    if (rank === 0 && !unusable) item.preselect = true;
    return item;
  });
}

function extraItems(extras: string[], site: Extract<CompletionSite, { kind: 'extra' }>, range: Range): CompletionItem[] {
  const typed = new Set(site.typed.map(normalizeName));
  return extras
    .filter((extra) => !typed.has(normalizeName(extra)))
    .map((extra, rank) => ({ label: extra, kind: CompletionItemKind.EnumMember, sortText: String(rank).padStart(4, '0'), textEdit: { range, newText: extra } }));
}

/** The parsed requirement under the cursor when there is one (it carries the index pin), else one made from the typed name. */
function requirementFor(cached: CachedAnalysis, offset: number, name: string): Requirement {
  const normalizedName = normalizeName(name);
  const parsed = cached.analysis?.file.requirements.find((requirement) => requirement.normalizedName === normalizedName && requirement.spans.whole.start <= offset && offset <= requirement.spans.whole.end);
  if (parsed) return parsed;
  const span = { start: offset, end: offset };
  return { name, normalizedName, extras: [], specifier: '', constraint: '', marker: null, url: null, group: 'main', index: null, spans: { whole: span, name: span } };
}

/** The answer, or TIMED_OUT after INDEX_WAIT_MS (the work goes on: its answer is stored for the next request). */
async function withDeadline<T>(work: Promise<T>): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), INDEX_WAIT_MS);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function abortOn(token: CancellationToken): AbortSignal {
  const controller = new AbortController();
  token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
