import { CodeActionKind, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { SERVER_ID, SERVER_NAME } from '../../protocol';
import type { ServerContext } from '../context';
import { readSettings } from '../settings';

/** `initialize`: records what the client supports and chooses pull or push diagnostics. */
export function registerInitialize(context: ServerContext): void {
  context.connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    context.client = {
      pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
      diagnosticRefresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
      configurationRequest: capabilities.workspace?.configuration === true,
      dynamicConfigurationRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      dynamicWatchedFilesRegistration: false,
    };
    // initializationOptions: `settings` for editors without workspace/configuration;
    // `clientWatchesFiles` when the client already sends watched-file events (our VS Code client).
    const options = params.initializationOptions as { settings?: unknown; clientWatchesFiles?: boolean } | undefined;
    context.client.dynamicWatchedFilesRegistration =
      capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true && options?.clientWatchesFiles !== true;
    context.settings = readSettings(options?.settings);
    context.log.setLevel(context.settings.logLevel);
    context.log.info(`${SERVER_NAME} server started (${context.client.pullDiagnostics ? 'pull' : 'push'} diagnostics)`);

    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: SERVER_NAME },
    };
    if (context.client.pullDiagnostics) {
      result.capabilities.diagnosticProvider = { identifier: SERVER_ID, interFileDependencies: true, workspaceDiagnostics: false };
    }
    return result;
  });
}
