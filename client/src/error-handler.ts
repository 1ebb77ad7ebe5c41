import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult } from 'vscode-languageclient/node';
import { COMMAND_IDS } from '../../server/src/protocol';

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;
const MAX_CONSECUTIVE_ERRORS = 3;

/**
 * Restarts a crashed server silently up to MAX_RESTARTS times within RESTART_WINDOW_MS. Only when it
 * keeps crashing does the user hear about it, with the two things they can do: read the log, or
 * try again.
 */
export class RestartingErrorHandler implements ErrorHandler {
  private readonly crashes: number[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.log.error(`Connection to the Pipsight server failed: ${error.message}`);
    return { action: (count ?? 1) <= MAX_CONSECUTIVE_ERRORS ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > RESTART_WINDOW_MS) this.crashes.shift();
    if (this.crashes.length <= MAX_RESTARTS) {
      this.log.warn(`The Pipsight server stopped unexpectedly; restarting (${this.crashes.length}/${MAX_RESTARTS}).`);
      return { action: CloseAction.Restart, handled: true };
    }
    this.log.error(`The Pipsight server crashed ${this.crashes.length} times in ${RESTART_WINDOW_MS / 60000} minutes; not restarting it.`);
    this.crashes.length = 0;
    void this.offerActions();
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  private async offerActions(): Promise<void> {
    const showLog = 'Show Log';
    const restart = 'Restart';
    const choice = await vscode.window.showErrorMessage('The Pipsight language server keeps crashing and was stopped.', showLog, restart);
    if (choice === showLog) await vscode.commands.executeCommand(COMMAND_IDS.showLog);
    if (choice === restart) await vscode.commands.executeCommand(COMMAND_IDS.restartServer);
  }
}
