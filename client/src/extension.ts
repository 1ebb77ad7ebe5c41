/**
 * The VS Code side of Pipsight: starts dist/server.js over IPC and wires its output, commands and
 * crash recovery. Everything about files and findings lives in the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { COMMAND_IDS, DOCUMENT_GLOBS, REQUIREMENTS_LANGUAGE_ID, SERVER_ID, SERVER_NAME } from '../../server/src/protocol';
import { RestartingErrorHandler } from './error-handler';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel(SERVER_NAME, { log: true });
  context.subscriptions.push(log);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };

  // VS Code has no TOML language, so pyproject.toml and lockfiles are selected by pattern.
  const documentSelector: DocumentSelector = [
    ...DOCUMENT_GLOBS.map((pattern) => ({ scheme: 'file', pattern })),
    { scheme: 'file', language: REQUIREMENTS_LANGUAGE_ID },
    { scheme: 'untitled', language: REQUIREMENTS_LANGUAGE_ID },
  ];

  const watchers = DOCUMENT_GLOBS.map((pattern) => vscode.workspace.createFileSystemWatcher(pattern));
  context.subscriptions.push(...watchers);

  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { fileEvents: watchers },
    // The client already watches files, so the server does not register its own watchers.
    initializationOptions: { clientWatchesFiles: true },
    outputChannel: log,
    traceOutputChannel: log,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: new RestartingErrorHandler(log),
  };

  const languageClient = new LanguageClient(SERVER_ID, SERVER_NAME, serverOptions, clientOptions);
  client = languageClient;

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMAND_IDS.showLog, () => log.show(true)),
    vscode.commands.registerCommand(COMMAND_IDS.restartServer, async () => {
      try {
        if (languageClient.isRunning()) await languageClient.restart();
        else await languageClient.start();
      } catch (error) {
        log.error(`Restarting the Pipsight server failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );

  try {
    await languageClient.start();
  } catch (error) {
    // The error handler and the log already tell the story; activation itself must not fail.
    log.error(`Starting the Pipsight server failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function deactivate(): Promise<void> {
  if (!client) return;
  const stopping = client;
  client = undefined;
  await stopping.stop();
}
