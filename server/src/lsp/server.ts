import type { Connection } from 'vscode-languageserver/node';
import { ServerContext } from './context';
import { registerClearCache } from './handlers/clear-cache';
import { registerCodeAction } from './handlers/code-action';
import { registerCodeLens } from './handlers/code-lens';
import { registerCompletion } from './handlers/completion';
import { registerDefinition } from './handlers/definition';
import { registerDependencyTree } from './handlers/dependency-tree';
import { registerDidChangeConfiguration } from './handlers/did-change-configuration';
import { registerDidChangeWatchedFiles } from './handlers/did-change-watched-files';
import { registerDocumentDiagnostic } from './handlers/document-diagnostic';
import { registerHover } from './handlers/hover';
import { registerInlayHint } from './handlers/inlay-hint';
import { registerInitialize } from './handlers/initialize';
import { registerInitialized } from './handlers/initialized';
import { registerSemanticTokens } from './handlers/semantic-tokens';
import { registerSetInterpreter } from './handlers/set-interpreter';
import { registerShutdown } from './handlers/shutdown';
import { registerTextDocumentSync } from './handlers/text-document-sync';
import { logUncaughtErrors } from './process-errors';

/**
 * Starts the Pipsight language server on a connection the caller created (stdio / IPC from
 * main.ts or the CLI's `pipsight lsp`, in-memory streams in tests) and starts listening on it.
 */
export function startLanguageServer(connection: Connection): void {
  const context = new ServerContext(connection);
  logUncaughtErrors(context.log);
  registerInitialize(context);
  registerInitialized(context);
  registerTextDocumentSync(context);
  registerDocumentDiagnostic(context);
  registerCodeAction(context);
  registerHover(context);
  registerInlayHint(context);
  registerCodeLens(context);
  registerCompletion(context);
  registerClearCache(context);
  registerDefinition(context);
  registerSemanticTokens(context);
  registerDependencyTree(context);
  registerSetInterpreter(context);
  registerDidChangeConfiguration(context);
  registerDidChangeWatchedFiles(context);
  registerShutdown(context);
  connection.listen();
}
