import type { InlayHint } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { documentForRequest, guardRequest } from '../request-guards';
import { requirementAnnotations } from '../requirement-annotations';

/** `textDocument/inlayHint`: `latest 2.5.1` / `✓` after each requirement whose index data is known. */
export function registerInlayHint(context: ServerContext): void {
  context.connection.languages.inlayHint.on(
    guardRequest(context.log, 'textDocument/inlayHint', [] as InlayHint[], async (params, token) => {
      const opened = await documentForRequest(context, params.textDocument.uri, token);
      if (!opened) return [];
      if (!context.settings.enable || !context.settings.inlayHints.enabled) return [];
      const { cached } = opened;
      const start = cached.lines.offsetAt(params.range.start);
      const end = cached.lines.offsetAt(params.range.end);
      return requirementAnnotations(cached.text, context.insights.insightsFor(cached), context.settings.inlayHints.style)
        .filter((annotation) => annotation.offset >= start && annotation.offset <= end)
        .map((annotation) => ({ position: cached.lines.positionAt(annotation.offset), label: annotation.label, tooltip: annotation.tooltip, paddingLeft: true }));
    }),
  );
}
