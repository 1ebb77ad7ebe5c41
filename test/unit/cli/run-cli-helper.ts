import { resolve } from 'node:path';
import { runCli } from '../../../server/src/cli/run-cli';

export const CLI_FIXTURES = resolve(__dirname, '../../fixtures/cli');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with string sinks; cwd defaults to the CLI fixtures folder. */
export async function runCapture(
  argv: string[],
  options: { cwd?: string; stdoutIsTTY?: boolean; env?: Record<string, string | undefined> } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: options.cwd ?? CLI_FIXTURES,
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}
