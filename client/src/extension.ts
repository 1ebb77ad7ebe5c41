/**
 * The VS Code side of Pipsight: starts dist/server.js over IPC and wires its output, commands and
 * crash recovery, and tells it what only VS Code knows (workspace trust, proxy, cache folder).
 * Everything about files, indexes and findings lives in the server.
 */
// First import: its module records when the bundle started loading (activation-timing.ts).
import { activationMessage, activationTiming, type ActivationTiming } from './activation-timing';
import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  CLEAR_CACHE_METHOD, COMMAND_IDS, DOCUMENT_GLOBS, REQUIREMENTS_LANGUAGE_ID, SERVER_ID, SERVER_NAME,
  type ClearCacheResult, type InitializationOptions,
} from '../../server/src/protocol';
import { registerDependencyTreeView, type DependencyTreeProvider } from './dependency-tree-view';
import { RestartingErrorHandler } from './error-handler';
import { forwardPythonInterpreter } from './python-extension';
import { SEMANTIC_HIGHLIGHTING_SETTING, semanticHighlightingWanted } from './semantic-highlighting';

// Every import above has been evaluated: the end of code loading.
const moduleLoaded = performance.now();

let client: LanguageClient | undefined;

/** What activate returns (the e2e tests read the dependency view and the activation time through it). */
export interface PipsightExtensionApi {
  dependencyTree: DependencyTreeProvider;
  activation: ActivationTiming;
}

export async function activate(context: vscode.ExtensionContext): Promise<PipsightExtensionApi> {
  const activateEntered = performance.now();
  const log = vscode.window.createOutputChannel(SERVER_NAME, { log: true });
  context.subscriptions.push(log);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };

  // VS Code has no TOML language (package.json gives these files the id `toml` when no extension
  // does), so pyproject.toml and lockfiles are selected by pattern.
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
    // Read at every (re)start, so a restart picks up trust and proxy changes.
    initializationOptions: () => initializationOptions(context),
    outputChannel: log,
    traceOutputChannel: log,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: new RestartingErrorHandler(log),
  };

  const languageClient = new LanguageClient(SERVER_ID, SERVER_NAME, serverOptions, clientOptions);
  client = languageClient;
  const dependencyView = registerDependencyTreeView(languageClient, log);
  context.subscriptions.push(...dependencyView.disposables, forwardPythonInterpreter(languageClient, log));

  const restart = async () => {
    try {
      if (languageClient.isRunning()) await languageClient.restart();
      else await languageClient.start();
    } catch (error) {
      log.error(`Restarting the Pipsight server failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMAND_IDS.showLog, () => log.show(true)),
    vscode.commands.registerCommand(COMMAND_IDS.restartServer, restart),
    vscode.commands.registerCommand(COMMAND_IDS.clearCache, () => clearCache(languageClient, log)),
    // The server learns these only at start (initializationOptions).
    vscode.workspace.onDidGrantWorkspaceTrust(restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('http.proxy') || event.affectsConfiguration('http.proxyStrictSSL')) void restart();
      else if (event.affectsConfiguration(SEMANTIC_HIGHLIGHTING_SETTING)) void restart();
    }),
    // A TOML extension installed or removed: semantic tokens are offered (or not) again.
    vscode.extensions.onDidChange(() => {
      if (semanticHighlightingWanted(context.extension.id) !== offeredSemanticTokens) void restart();
    }),
  );

  // VS Code's "activate() call" ends when activate() returns its promise: here, at the first await,
  // after start()'s own synchronous part.
  const starting = languageClient.start();
  const activated = performance.now();
  let serverReady: number | null = null;
  try {
    await starting;
    serverReady = performance.now();
  } catch (error) {
    // The error handler and the log already tell the story; activation itself must not fail.
    log.error(`Starting the Pipsight server failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const activation = activationTiming({ moduleLoaded, activateEntered, activated, serverReady });
  log.info(activationMessage(activation));
  return { dependencyTree: dependencyView.provider, activation };
}

/** Whether the running server was told to offer semantic tokens (see semantic-highlighting.ts). */
let offeredSemanticTokens = true;

/** What the server cannot ask for itself: workspace trust, VS Code's proxy settings, where to cache, whether to colour TOML. */
function initializationOptions(context: vscode.ExtensionContext): InitializationOptions {
  const http = vscode.workspace.getConfiguration('http');
  offeredSemanticTokens = semanticHighlightingWanted(context.extension.id);
  return {
    semanticHighlighting: offeredSemanticTokens,
    // The client already watches files, so the server does not register its own watchers.
    clientWatchesFiles: true,
    workspaceTrusted: vscode.workspace.isTrusted,
    http: { proxy: http.get<string>('proxy') || null, proxyStrictSSL: http.get<boolean>('proxyStrictSSL', true) },
    cacheDirectory: vscode.Uri.joinPath(context.globalStorageUri, 'index-cache').fsPath,
  };
}

async function clearCache(languageClient: LanguageClient, log: vscode.LogOutputChannel): Promise<void> {
  const clear = 'Clear Cache';
  const choice = await vscode.window.showWarningMessage(
    'Clear the Pipsight package index cache? Index data is downloaded again for open files.',
    { modal: true },
    clear,
  );
  if (choice !== clear) return;
  try {
    const result = await languageClient.sendRequest<ClearCacheResult>(CLEAR_CACHE_METHOD);
    if (result.cleared) void vscode.window.showInformationMessage('Pipsight: package index cache cleared.');
    else void vscode.window.showWarningMessage('Pipsight: the package index cache could not be cleared (see the log).');
  } catch (error) {
    log.error(`Clearing the index cache failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function deactivate(): Promise<void> {
  if (!client) return;
  const stopping = client;
  client = undefined;
  await stopping.stop();
}
