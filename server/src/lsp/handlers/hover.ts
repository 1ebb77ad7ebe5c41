import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { findHoverTarget, hoverMarkdown } from '../hover-content';
import { positionToOffset, spanToRange } from '../positions';
import { guardRequest, throwIfCancelled, yieldToEventLoop } from '../request-guards';

/** `textDocument/hover`: a requirement's name or a locked package entry. */
export function registerHover(context: ServerContext): void {
  context.connection.onHover(
    guardRequest(context.log, 'textDocument/hover', null as Hover | null, async (params, token) => {
      await yieldToEventLoop();
      throwIfCancelled(token);
      const document = context.documents.get(params.textDocument.uri);
      if (!document) return null;
      const cached = context.analyses.get(document);
      if (!cached.analysis) return null;
      const target = findHoverTarget(cached.analysis.file, positionToOffset(cached.lines, params.position));
      if (!target) return null;
      return { contents: { kind: MarkupKind.Markdown, value: hoverMarkdown(target) }, range: spanToRange(cached.lines, target.span) };
    }),
  );
}
