import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE } from '../../protocol';
import type { ServerContext } from '../context';
import { fixToTextEdit, readFixData } from '../fixes';
import { LineIndex } from '../positions';
import { guardRequest, throwIfCancelled, yieldToEventLoop } from '../request-guards';

/** `textDocument/codeAction`: quick fixes built only from the diagnostics' data. */
export function registerCodeAction(context: ServerContext): void {
  context.connection.onCodeAction(
    guardRequest(context.log, 'textDocument/codeAction', [] as CodeAction[], async (params, token) => {
      await yieldToEventLoop();
      throwIfCancelled(token);
      const only = params.context.only;
      if (only && !only.some((kind) => CodeActionKind.QuickFix === kind || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
      const document = context.documents.get(params.textDocument.uri);
      if (!document) return [];
      // Fix spans are offsets into the text the diagnostics were computed for; after an edit they
      // wait for the next diagnostics rather than land in the wrong place.
      if (context.analyses.analyzedVersion(document.uri) !== document.version) return [];
      const text = document.getText();
      let lines: LineIndex | undefined;
      const actions: CodeAction[] = [];
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const fix = readFixData(diagnostic.data, text.length);
        if (!fix) continue;
        lines ??= new LineIndex(text);
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [document.uri]: [fixToTextEdit(fix, text, lines)] } },
        });
      }
      return actions;
    }),
  );
}
