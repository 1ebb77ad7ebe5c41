import type { ServerContext } from '../context';
import { guardNotification } from '../request-guards';
import { fileUriToPath } from '../uris';

/** `workspace/didChangeWatchedFiles`: documents that include a changed file are analysed again. */
export function registerDidChangeWatchedFiles(context: ServerContext): void {
  context.connection.onDidChangeWatchedFiles(
    guardNotification(context.log, 'workspace/didChangeWatchedFiles', (params) => {
      const paths = params.changes.map((change) => fileUriToPath(change.uri)).filter((path): path is string => path !== null);
      context.dependentsChanged(paths);
    }),
  );
}
