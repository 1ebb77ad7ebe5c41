import type { CodeLens } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { spanToRange } from '../positions';
import { documentForRequest, guardRequest } from '../request-guards';
import { requirementAnnotations } from '../requirement-annotations';

/**
 * `textDocument/codeLens`, registered only for clients without inlay hints: the same `latest 2.5.1`
 * / `✓` text, as a lens without a command above the requirement.
 */
export function registerCodeLens(context: ServerContext): void {
  context.connection.onCodeLens(
    guardRequest(context.log, 'textDocument/codeLens', [] as CodeLens[], async (params, token) => {
      const opened = await documentForRequest(context, params.textDocument.uri, token);
      if (!opened) return [];
      if (!context.settings.enable || !context.settings.inlayHints.enabled) return [];
      const { cached } = opened;
      return requirementAnnotations(cached.text, context.insights.insightsFor(cached), context.settings.inlayHints.style).map((annotation) => ({
        range: spanToRange(cached.lines, annotation.requirement.spans.whole),
        command: { title: `${annotation.requirement.name}: ${annotation.label}`, command: '' },
      }));
    }),
  );
}
