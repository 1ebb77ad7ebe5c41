import type { InlayHint } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { guardRequest, throwIfCancelled, yieldToEventLoop } from '../request-guards';
import { requirementAnnotations } from '../requirement-annotations';

/** `textDocument/inlayHint`: `latest 2.5.1` / `✓` after each requirement whose index data is known. */
export function registerInlayHint(context: ServerContext): void {
  context.connection.languages.inlayHint.on(
    guardRequest(context.log, 'textDocument/inlayHint', [] as InlayHint[], async (params, token) => {
      await yieldToEventLoop();
      throwIfCancelled(token);
      const document = context.documents.get(params.textDocument.uri);
      if (!document || !context.settings.enable || !context.settings.inlayHints.enabled) return [];
      const cached = context.analyses.get(document);
      const start = cached.lines.offsetAt(params.range.start);
      const end = cached.lines.offsetAt(params.range.end);
      return requirementAnnotations(cached.text, context.insights.insightsFor(cached), context.settings.inlayHints.style)
        .filter((annotation) => annotation.offset >= start && annotation.offset <= end)
        .map((annotation) => ({ position: cached.lines.positionAt(annotation.offset), label: annotation.label, tooltip: annotation.tooltip, paddingLeft: true }));
    }),
  );
}
