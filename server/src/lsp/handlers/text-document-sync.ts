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
  /** The version each open document was opened with (its didChangeContent event repeats the open). */
  const openedVersions = new Map<string, number>();

  documents.onDidOpen(
    guardNotification(log, 'textDocument/didOpen', ({ document }) => {
      openedVersions.set(document.uri, document.version);
      context.publishIfPushing(document.uri, true);
      context.insights.schedule(document.uri, true);
      dependentsOf(context, document.uri);
    }),
  );

  documents.onDidChangeContent(
    guardNotification(log, 'textDocument/didChange', ({ document }) => {
      // TextDocuments also fires this right after didOpen, which was handled above.
      if (openedVersions.get(document.uri) === document.version) return;
      openedVersions.delete(document.uri);
      context.publishIfPushing(document.uri);
      context.insights.schedule(document.uri);
      dependentsOf(context, document.uri);
    }),
  );

  documents.onDidClose(
    guardNotification(log, 'textDocument/didClose', ({ document }) => {
      openedVersions.delete(document.uri);
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
