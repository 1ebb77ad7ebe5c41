/**
 * The interpreter selected in the ms-python Python extension, told to the server
 * (`pipsight/setInterpreter`) at start, after every server restart and whenever the selection
 * changes. Uses the extension's public API (`exports.environments.getActiveEnvironmentPath` and
 * `onDidChangeActiveEnvironmentPath`); when the extension is missing, fails to activate or its
 * API has another shape, nothing is sent and the server discovers on its own (.venv, venv,
 * VIRTUAL_ENV, pipsight.pythonPath).
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { SET_INTERPRETER_METHOD, type SetInterpreterParams } from '../../server/src/protocol';

const PYTHON_EXTENSION_ID = 'ms-python.python';

/** The part of the Python extension's API we use, checked at run time. */
interface EnvironmentsApi {
  getActiveEnvironmentPath(resource?: vscode.Uri | vscode.WorkspaceFolder): { path?: unknown } | undefined;
  onDidChangeActiveEnvironmentPath?: vscode.Event<{ path?: unknown; resource?: vscode.WorkspaceFolder | vscode.Uri | null }>;
}

function environmentsApi(exports: unknown): EnvironmentsApi | null {
  const environments = (exports as { environments?: unknown } | undefined)?.environments as Partial<EnvironmentsApi> | undefined;
  return environments && typeof environments.getActiveEnvironmentPath === 'function' ? (environments as EnvironmentsApi) : null;
}

function folderUriOf(resource: vscode.WorkspaceFolder | vscode.Uri | null | undefined): string | null {
  if (!resource) return null;
  return resource instanceof vscode.Uri ? resource.toString() : resource.uri.toString();
}

/** Starts forwarding the selected interpreter; disposing stops it. Never throws. */
export function forwardPythonInterpreter(client: LanguageClient, log: vscode.LogOutputChannel): vscode.Disposable {
  const subscriptions: vscode.Disposable[] = [];
  void (async () => {
    try {
      const extension = vscode.extensions.getExtension(PYTHON_EXTENSION_ID);
      if (!extension) return;
      const api = environmentsApi(extension.isActive ? extension.exports : await extension.activate());
      if (!api) {
        log.info('The Python extension is installed but its environments API is not available; discovering environments without it.');
        return;
      }
      const send = (params: SetInterpreterParams) => {
        if (client.state !== State.Running) return;
        client.sendNotification(SET_INTERPRETER_METHOD, params).catch((error: unknown) => log.warn(`Sending the interpreter failed: ${String(error)}`));
      };
      const sendAll = () => {
        const folders = vscode.workspace.workspaceFolders ?? [];
        if (folders.length === 0) send({ workspaceFolder: null, pythonPath: pathOf(api.getActiveEnvironmentPath()) });
        for (const folder of folders) send({ workspaceFolder: folder.uri.toString(), pythonPath: pathOf(api.getActiveEnvironmentPath(folder.uri)) });
      };
      sendAll();
      // A restarted server knows nothing: tell it again.
      subscriptions.push(client.onDidChangeState((event) => {
        if (event.newState === State.Running) sendAll();
      }));
      subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders(sendAll));
      if (typeof api.onDidChangeActiveEnvironmentPath === 'function') {
        subscriptions.push(api.onDidChangeActiveEnvironmentPath((event) => send({ workspaceFolder: folderUriOf(event.resource), pythonPath: pathOf(event) })));
      }
    } catch (error) {
      log.info(`Not using the Python extension's interpreter: ${error instanceof Error ? error.message : String(error)}`);
    }
  })();
  return new vscode.Disposable(() => subscriptions.forEach((subscription) => subscription.dispose()));
}

function pathOf(environment: { path?: unknown } | undefined): string | null {
  return typeof environment?.path === 'string' && environment.path !== '' ? environment.path : null;
}
