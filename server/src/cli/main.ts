/** Entry point of dist/cli.js (the package.json `bin`). */
import { EXIT_INTERNAL } from './io';
import { runCli } from './run-cli';

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
}).then(
  (exitCode) => {
    // `pipsight lsp` keeps running on its connection; every other command ends here.
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`pipsight: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_INTERNAL;
  },
);
