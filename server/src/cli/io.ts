/**
 * What a CLI run talks to. `main.ts` passes the real process streams; tests pass string sinks, so
 * the whole CLI runs in-process.
 */
export interface TextSink {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  /** Directory relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
  /** Environment variables (default: process.env); only NO_COLOR is read. */
  env?: Record<string, string | undefined>;
  /** Whether stdout is a terminal (default: false). Color is used only on a terminal. */
  stdoutIsTTY?: boolean;
  /** Whether stderr is a terminal (default: false). Progress is shown only on a terminal. */
  stderrIsTTY?: boolean;
}

/** Exit codes: 0 no error-severity finding, 1 at least one, 2 usage error, 3 internal error (main.ts). */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

/**
 * A mistake in how the CLI was called (unknown flag, missing file): message on stderr, exit 2.
 * `command`: the command whose `--help` the message points to (else `pipsight --help`).
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

export function useColor(io: CliIo): boolean {
  const env = io.env ?? process.env;
  return io.stdoutIsTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/** Writes `pipsight: warning: …` lines to stderr (problems that do not stop the command). */
export function stderrWarning(io: CliIo): (message: string) => void {
  return (message) => io.stderr.write(`pipsight: warning: ${message}\n`);
}
