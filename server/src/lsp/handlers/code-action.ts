import type { CodeAction } from 'vscode-languageserver/node';
import { assembleCodeActions, documentFixes } from '../code-actions';
import type { ServerContext } from '../context';
import { documentForRequest, guardRequest } from '../request-guards';

/**
 * `textDocument/codeAction`: quick fixes from the diagnostics' data (data of an earlier version of
 * the document is replaced by the same finding's data now, or dropped), `refactor.rewrite` actions
 * for the requirement under the cursor and the source action "Update all in this file", from the
 * document's cached index data; every edit is checked before it is offered (code-actions.ts).
 * Nothing is fetched: without cached data, no rewrites.
 */
export function registerCodeAction(context: ServerContext): void {
  context.connection.onCodeAction(
    guardRequest(context.log, 'textDocument/codeAction', [] as CodeAction[], async (params, token) => {
      const opened = await documentForRequest(context, params.textDocument.uri, token);
      if (!opened) return [];
      const { document, cached } = opened;
      const { actions, rejected } = assembleCodeActions(
        {
          cached,
          currentDiagnostics: () => context.diagnosticsFor(document),
          insights: () => context.insights.insightsFor(cached),
          lockedVersions: () => context.insights.lockedVersions(cached),
          documentFixes: () => documentFixes([...(cached.analysis?.findings ?? []), ...context.insightFindingsFor(cached)], cached.text.length),
        },
        { range: params.range, diagnostics: params.context.diagnostics, only: params.context.only },
      );
      for (const { title, problem } of rejected) context.log.debug(`Code action "${title}" not offered: ${problem}`);
      return actions;
    }),
  );
}
