import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification } from 'vscode-languageserver/node';
import { CONFIGURATION_SECTION, DOCUMENT_GLOBS } from '../../protocol';
import type { ServerContext } from '../context';
import { guardNotification } from '../request-guards';
import { loadSettings } from './did-change-configuration';

/** `initialized`: dynamic registrations the client allows, then the first settings read. */
export function registerInitialized(context: ServerContext): void {
  context.connection.onInitialized(
    guardNotification(context.log, 'initialized', async () => {
      const client = context.connection.client;
      try {
        if (context.client.dynamicConfigurationRegistration) {
          await client.register(DidChangeConfigurationNotification.type, { section: CONFIGURATION_SECTION });
        }
        if (context.client.dynamicWatchedFilesRegistration) {
          // Includes (-r/-c targets) can be any file; watch the supported ones, which covers the usual layouts.
          await client.register(DidChangeWatchedFilesNotification.type, { watchers: DOCUMENT_GLOBS.map((globPattern) => ({ globPattern })) });
        }
        await loadSettings(context, undefined);
      } finally {
        // Index work waits for this, so it never uses the defaults before the real settings.
        context.markSettingsLoaded();
      }
    }),
  );
}
