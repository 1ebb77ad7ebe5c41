import type { ServerLog } from './log';

let currentLog: ServerLog | undefined;
let installed = false;

/**
 * Logs uncaught exceptions and unhandled rejections (with their stacks) instead of letting them end
 * the process: one bad file or request must never take the server down. Installed once per process;
 * the most recently started server's log receives the messages.
 */
export function logUncaughtErrors(log: ServerLog): void {
  currentLog = log;
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (error) => report('Uncaught exception', error));
  process.on('unhandledRejection', (reason) => report('Unhandled promise rejection', reason));
}

function report(what: string, error: unknown): void {
  try {
    currentLog?.error(what, error);
  } catch {
    // The connection itself may be gone; stderr is the last resort.
    console.error(what, error);
  }
}
