import { CodeActionKind, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { SEMANTIC_TOKEN_GLOBS, SERVER_ID, SERVER_NAME, type InitializationOptions } from '../../protocol';
import { UPDATE_ALL_KIND } from '../code-action-kinds';
import { COMPLETION_TRIGGER_CHARACTERS } from '../completion-context';
import type { ServerContext } from '../context';
import { SEMANTIC_TOKENS_LEGEND } from '../semantic-tokens-encoding';
import { readSettings } from '../settings';
import { fileUriToPath } from '../uris';

/** `initialize`: records what the client supports and chooses pull or push diagnostics. */
export function registerInitialize(context: ServerContext): void {
  context.connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    const inlayHints = capabilities.textDocument?.inlayHint !== undefined;
    context.client = {
      pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
      diagnosticRefresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
      configurationRequest: capabilities.workspace?.configuration === true,
      dynamicConfigurationRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      dynamicWatchedFilesRegistration: false,
      inlayHints,
      inlayHintRefresh: capabilities.workspace?.inlayHint?.refreshSupport === true,
      codeLensRefresh: capabilities.workspace?.codeLens?.refreshSupport === true,
    };
    // See InitializationOptions in protocol.ts (all optional; other editors send none).
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    context.client.dynamicWatchedFilesRegistration =
      capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true && options.clientWatchesFiles !== true;
    context.indexAccess.options = options;
    context.settings = readSettings(options.settings);
    const folderUris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    context.environments.setWorkspaceFolders(folderUris.map(fileUriToPath).filter((path): path is string => path !== null));
    context.log.setLevel(context.settings.logLevel);
    context.log.info(`${SERVER_NAME} server started (${context.client.pullDiagnostics ? 'pull' : 'push'} diagnostics${context.indexAccess.workspaceTrusted ? '' : ', untrusted workspace'})`);

    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, UPDATE_ALL_KIND] },
        completionProvider: { triggerCharacters: [...COMPLETION_TRIGGER_CHARACTERS], resolveProvider: false },
      },
      serverInfo: { name: SERVER_NAME },
    };
    // Code lenses carry the same text as inlay hints, only for clients without inlay hints.
    if (inlayHints) result.capabilities.inlayHintProvider = { resolveProvider: false };
    else result.capabilities.codeLensProvider = { resolveProvider: false };
    if (options.semanticHighlighting !== false) {
      // Colours for pyproject.toml and the lockfiles only: requirements files have a TextMate grammar.
      result.capabilities.semanticTokensProvider = {
        legend: SEMANTIC_TOKENS_LEGEND,
        full: true,
        range: true,
        documentSelector: SEMANTIC_TOKEN_GLOBS.map((pattern) => ({ scheme: 'file', pattern })),
      };
    }
    if (context.client.pullDiagnostics) {
      result.capabilities.diagnosticProvider = { identifier: SERVER_ID, interFileDependencies: true, workspaceDiagnostics: false };
    }
    return result;
  });
}
