import { resolve } from 'node:path';
import { runCli } from '../../../server/src/cli/run-cli';

export const CLI_FIXTURES = resolve(__dirname, '../../fixtures/cli');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process with string sinks; cwd defaults to the CLI fixtures folder. `check`
 * gets `--no-index-checks` (tests never touch the network) unless `indexChecks` is set, for
 * tests that point `--index-url` at the local index server.
 */
export async function runCapture(
  argv: string[],
  options: { cwd?: string; stdoutIsTTY?: boolean; stderrIsTTY?: boolean; env?: Record<string, string | undefined>; indexChecks?: boolean } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const offline = argv[0] === 'check' && !options.indexChecks && !argv.includes('--help') && !argv.includes('-h');
  const code = await runCli(offline ? [...argv, '--no-index-checks'] : argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: options.cwd ?? CLI_FIXTURES,
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}
