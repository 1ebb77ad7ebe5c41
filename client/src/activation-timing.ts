/**
 * Activation time as VS Code means it ("Developer: Show Running Extensions"): code loading plus
 * the activate() call, both synchronous. extension.ts imports this module first, so in
 * dist/client.js the statement below runs before vscode-languageclient and the rest of the client
 * are evaluated. Not counted: reading and compiling the bundle file (before any of its statements)
 * and VS Code's own asynchronous work between loading the module and calling activate() (the
 * extension context's storage, other extensions), which is not Pipsight's time.
 */
export const moduleLoadStarted = performance.now();

/** performance.now() at the points extension.ts marks; serverReady is null if the server did not start. */
export interface ActivationMarks {
  moduleLoaded: number;
  activateEntered: number;
  activated: number;
  serverReady: number | null;
}

/** The figures activate() returns in the extension's exports and writes to the log. */
export interface ActivationTiming {
  /** codeLoadingMs + activateCallMs: the figure the 150 ms budget is about. */
  loadToActivatedMs: number;
  /** From the bundle's first statement until its last import is evaluated. */
  codeLoadingMs: number;
  /** From entering activate() until it returns its promise (its synchronous part). */
  activateCallMs: number;
  /** From activate() returning its promise until the language client reports the server ready. */
  serverReadyMs: number | null;
}

export function activationTiming(marks: ActivationMarks): ActivationTiming {
  const codeLoadingMs = marks.moduleLoaded - moduleLoadStarted;
  const activateCallMs = marks.activated - marks.activateEntered;
  const serverReadyMs = marks.serverReady === null ? null : marks.serverReady - marks.activated;
  return { loadToActivatedMs: codeLoadingMs + activateCallMs, codeLoadingMs, activateCallMs, serverReadyMs };
}

export function activationMessage(timing: ActivationTiming): string {
  const ready = timing.serverReadyMs === null ? 'server did not start' : `server ready after ${timing.serverReadyMs.toFixed(1)} ms`;
  return `Pipsight activated in ${timing.loadToActivatedMs.toFixed(1)} ms (${ready})`;
}
