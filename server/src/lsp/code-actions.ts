/**
 * The code actions of a document, assembled in one place for the `textDocument/codeAction`
 * handler (and the corpus check of fixes):
 *
 *   quick fixes   from the data of the diagnostics the client sends (stateless fixes; data computed
 *                 for another version of the document is replaced by the data of the same finding
 *                 now, or dropped when there is none)
 *   rewrites      `refactor.rewrite` for the requirement under the cursor, from cached index data
 *   update all    the source action, from the document's current outdated findings
 *
 * Every action passes the same check before it is offered (core FixChecker): applied, its edits
 * leave a file that parses without new errors and requires nothing twice.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { FixChecker } from '../core/fix-check';
import type { InsightMap } from '../core/insights/types';
import type { Finding, FixData } from '../core/model';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import { UPDATE_ALL_KIND } from './code-action-kinds';
import type { CachedAnalysis } from './document-analyses';
import { fixToSpanEdits, readFixes, readStampedFixes, spanEditsToTextEdits } from './fixes';
import { requirementRewrites } from './insight-sources';
import { positionToOffset } from './positions';

export interface CodeActionRequest {
  range: Range;
  diagnostics: readonly Diagnostic[];
  /** The kinds the client asks for (none: every kind). */
  only?: readonly string[];
}

export interface CodeActionInputs {
  /** The analysis of the document as it is now. */
  cached: CachedAnalysis;
  /** The document's diagnostics now (asked only when a client diagnostic is out of date). */
  currentDiagnostics(): Diagnostic[];
  /** Index data known for the document's requirements (rewrites). */
  insights(): InsightMap;
  /** Versions locked by a lockfile beside the document, by normalized name. */
  lockedVersions(): ReadonlyMap<string, string> | undefined;
  /** The document's fixes of several edits now ("update all"): the source action, and what diagnostics name by reference. */
  documentFixes(): FixData[];
}

export interface AssembledCodeActions {
  actions: CodeAction[];
  /** Fixes that failed the check, with the reason (logged, counted by the corpus check). */
  rejected: { title: string; problem: string }[];
}

const checkers = new WeakMap<CachedAnalysis, FixChecker>();

function checkerFor(cached: CachedAnalysis): FixChecker {
  let checker = checkers.get(cached);
  if (!checker) {
    checker = new FixChecker(cached.path, cached.analysis?.file.kind ?? null, cached.text);
    checkers.set(cached, checker);
  }
  return checker;
}

export function assembleCodeActions(inputs: CodeActionInputs, request: CodeActionRequest): AssembledCodeActions {
  const { cached } = inputs;
  const result: AssembledCodeActions = { actions: [], rejected: [] };
  const offer = (fix: FixData, kind: string, diagnostics?: Diagnostic[], preferred?: boolean) => {
    const edits = fixToSpanEdits(fix, cached.text);
    const problem = checkerFor(cached).problem(edits);
    if (problem !== null) {
      result.rejected.push({ title: fix.title, problem });
      return;
    }
    result.actions.push({
      title: fix.title,
      kind,
      ...(diagnostics ? { diagnostics } : {}),
      ...(preferred ? { isPreferred: true } : {}),
      edit: { changes: { [cached.uri]: spanEditsToTextEdits(edits, cached.lines) } },
    });
  };

  if (wants(request, CodeActionKind.QuickFix)) {
    let current: Diagnostic[] | undefined;
    let documentFixes: FixData[] | undefined;
    for (const diagnostic of request.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const fixes = fixesOf(diagnostic, cached, () => (current ??= inputs.currentDiagnostics()), () => (documentFixes ??= inputs.documentFixes()));
      // The first single-edit fix is the preferred one (not "update all").
      fixes.forEach((fix, rank) => offer(fix, CodeActionKind.QuickFix, [diagnostic], rank === 0 && fix.fix !== 'edits'));
    }
  }
  if (wants(request, CodeActionKind.RefactorRewrite) && cached.analysis) {
    const start = positionToOffset(cached.lines, request.range.start);
    const end = positionToOffset(cached.lines, request.range.end);
    const requirement = cached.analysis.file.requirements.find((candidate) => candidate.spans.whole.start <= start && end <= candidate.spans.whole.end);
    const insight = requirement && inputs.insights().get(requirement);
    if (requirement && insight) {
      const locked = inputs.lockedVersions()?.get(requirement.normalizedName) ?? null;
      for (const rewrite of requirementRewrites(requirement, cached.text, insight, locked)) offer(rewrite, CodeActionKind.RefactorRewrite);
    }
  }
  if (wants(request, UPDATE_ALL_KIND) && request.only) {
    const updateAll = inputs.documentFixes()[0];
    if (updateAll) offer(updateAll, UPDATE_ALL_KIND);
  }
  return result;
}

/**
 * The fixes of a diagnostic the client sent: its own data when computed for the document as it is
 * now; for data of an earlier version, the data of the same finding now (same code and message,
 * and the same range when several match); nothing otherwise. A fix of the whole document named in
 * the data is the document's fix of that title now.
 */
function fixesOf(diagnostic: Diagnostic, cached: CachedAnalysis, currentDiagnostics: () => Diagnostic[], documentFixes: () => FixData[]): FixData[] {
  let read = readStampedFixes(diagnostic.data, cached.version, cached.text);
  if (read.state === 'stale') {
    let matches = currentDiagnostics().filter((candidate) => candidate.code === diagnostic.code && candidate.message === diagnostic.message);
    if (matches.length > 1) matches = matches.filter((candidate) => sameRange(candidate.range, diagnostic.range));
    read = matches.length === 1 ? readStampedFixes(matches[0].data, cached.version, cached.text) : { state: 'none' };
  }
  if (read.state !== 'current') return [];
  return read.fixes.flatMap((fix) => (fix.fix === 'document' ? documentFixes().filter((candidate) => candidate.title === fix.title).slice(0, 1) : [fix]));
}

/** The fixes of several edits among these findings (each once, by title). */
export function documentFixes(findings: readonly Finding[], textLength: number): FixData[] {
  const fixes = findings.flatMap((finding) => readFixes(finding.data, textLength)).filter((fix) => fix.fix === 'edits');
  return fixes.filter((fix, index) => fixes.findIndex((other) => other.title === fix.title) === index);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The request's `only` filter admits actions of `kind` (no filter admits everything). */
function wants(request: CodeActionRequest, kind: string): boolean {
  const only = request.only;
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}
