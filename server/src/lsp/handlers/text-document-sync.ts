import type { ServerContext } from '../context';
import { guardNotification } from '../request-guards';
import { fileUriToPath } from '../uris';

/**
 * `textDocument/didOpen`, `didChange` (incremental), `didClose`, through TextDocuments. Opening
 * analyses at once; edits are debounced (push mode); documents including the edited file follow.
 * Index data is loaded in the background after the offline diagnostics (document-insights.ts).
 */
export function registerTextDocumentSync(context: ServerContext): void {
  const { documents, log } = context;

  documents.onDidOpen(
    guardNotification(log, 'textDocument/didOpen', ({ document }) => {
      context.publishIfPushing(document.uri, true);
      context.insights.schedule(document.uri, true);
      dependentsOf(context, document.uri);
    }),
  );

  documents.onDidChangeContent(
    guardNotification(log, 'textDocument/didChange', ({ document }) => {
      // TextDocuments also fires this right after didOpen, which was handled above.
      if (context.analyses.analyzedVersion(document.uri) === document.version) return;
      context.publishIfPushing(document.uri);
      context.insights.schedule(document.uri);
      dependentsOf(context, document.uri);
    }),
  );

  documents.onDidClose(
    guardNotification(log, 'textDocument/didClose', ({ document }) => {
      context.analyses.forget(document.uri);
      context.insights.forget(document.uri);
      if (!context.client.pullDiagnostics) context.publisher.clear(document.uri);
      // The file is read from disk again now, which may differ from the closed editor's text.
      dependentsOf(context, document.uri);
    }),
  );

  documents.listen(context.connection);
}

function dependentsOf(context: ServerContext, uri: string): void {
  const path = fileUriToPath(uri);
  if (path !== null) context.dependentsChanged([path]);
}
