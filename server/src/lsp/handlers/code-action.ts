import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { FixData } from '../../core/model';
import { DIAGNOSTIC_SOURCE } from '../../protocol';
import { UPDATE_ALL_KIND } from '../code-action-kinds';
import type { ServerContext } from '../context';
import { fixToTextEdits, readFixes } from '../fixes';
import { requirementRewrites } from '../insight-sources';
import { LineIndex, positionToOffset } from '../positions';
import { guardRequest, throwIfCancelled, yieldToEventLoop } from '../request-guards';

/**
 * `textDocument/codeAction`: quick fixes built only from the diagnostics' data (one action per fix,
 * the preferred one first); `refactor.rewrite` actions for the requirement under the cursor (update
 * to the latest release keeping the operator, pin exactly, pin to the locked version) from the
 * document's cached index data; and the source action "Update all in this file" from the data of
 * the document's current outdated findings. Nothing is fetched: without cached data, no rewrites.
 */
export function registerCodeAction(context: ServerContext): void {
  context.connection.onCodeAction(
    guardRequest(context.log, 'textDocument/codeAction', [] as CodeAction[], async (params, token) => {
      await yieldToEventLoop();
      throwIfCancelled(token);
      const document = context.documents.get(params.textDocument.uri);
      if (!document) return [];
      // Fix spans are offsets into the text the diagnostics were computed for; after an edit they
      // wait for the next diagnostics rather than land in the wrong place.
      if (context.analyses.analyzedVersion(document.uri) !== document.version) return [];
      const text = document.getText();
      const lines = new LineIndex(text);
      const actions: CodeAction[] = [];
      const toAction = (fix: FixData, kind: string, diagnostics?: Diagnostic[], preferred?: boolean): CodeAction => ({
        title: fix.title,
        kind,
        ...(diagnostics ? { diagnostics } : {}),
        ...(preferred ? { isPreferred: true } : {}),
        edit: { changes: { [document.uri]: fixToTextEdits(fix, text, lines) } },
      });
      if (wants(params, CodeActionKind.QuickFix)) {
        for (const diagnostic of params.context.diagnostics) {
          if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
          readFixes(diagnostic.data, text.length).forEach((fix, rank) => actions.push(toAction(fix, CodeActionKind.QuickFix, [diagnostic], rank === 0 && fix.fix !== 'edits')));
        }
      }
      if (wants(params, CodeActionKind.RefactorRewrite)) {
        const cached = context.analyses.get(document);
        const start = positionToOffset(lines, params.range.start);
        const end = positionToOffset(lines, params.range.end);
        const requirement = cached.analysis?.file.requirements.find((candidate) => candidate.spans.whole.start <= start && end <= candidate.spans.whole.end);
        const insight = requirement && context.insights.insightsFor(cached).get(requirement);
        if (requirement && insight) {
          const locked = context.insights.lockedVersions(cached)?.get(requirement.normalizedName) ?? null;
          for (const rewrite of requirementRewrites(requirement, text, insight, locked)) actions.push(toAction(rewrite, CodeActionKind.RefactorRewrite));
        }
      }
      if (wants(params, UPDATE_ALL_KIND) && params.context.only) {
        const updateAll = context.insightFindingsFor(context.analyses.get(document))
          .flatMap((finding) => readFixes(finding.data, text.length))
          .find((fix) => fix.fix === 'edits');
        if (updateAll) actions.push(toAction(updateAll, UPDATE_ALL_KIND));
      }
      return actions;
    }),
  );
}

/** The request's `only` filter admits actions of `kind` (no filter admits everything). */
function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}
