import { SET_INTERPRETER_METHOD, type SetInterpreterParams } from '../../protocol';
import type { ServerContext } from '../context';
import { guardNotification } from '../request-guards';
import { fileUriToPath } from '../uris';

/** `pipsight/setInterpreter`: the interpreter selected in the ms-python extension changed (or was first read). */
export function registerSetInterpreter(context: ServerContext): void {
  context.connection.onNotification(
    SET_INTERPRETER_METHOD,
    guardNotification(context.log, SET_INTERPRETER_METHOD, (params: SetInterpreterParams) => {
      const folder = params.workspaceFolder ? fileUriToPath(params.workspaceFolder) : null;
      if (params.workspaceFolder && !folder) return;
      const pythonPath = typeof params.pythonPath === 'string' && params.pythonPath !== '' ? params.pythonPath : null;
      context.log.debug(`Python extension interpreter${folder ? ` for ${folder}` : ''}: ${pythonPath ?? 'none'}`);
      context.environments.setInterpreter(folder, pythonPath);
    }),
  );
}
