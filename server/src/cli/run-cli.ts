/**
 * The CLI as a function: `runCli(argv, io)` returns the exit code and writes only to io's streams,
 * so tests run it in-process. main.ts wires it to the real process. Everything a command prints
 * (stdout and stderr, text and JSON) has the credentials of any URL in it masked (redactCredentials):
 * a password in a direct reference, an index URL or a usage error never reaches the terminal or CI log.
 */
import { redactCredentials } from '../core/indexes';
import { CHECK_HELP, runCheck } from './command-check';
import { DEPS_HELP, runDeps } from './command-deps';
import { LSP_HELP, runLsp } from './command-lsp';
import { OUTDATED_HELP, runOutdated } from './command-outdated';
import { didYouMean } from './did-you-mean';
import { MAIN_HELP, PIPSIGHT_VERSION } from './help';
import { TREE_HELP, runTree } from './command-tree';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';

const COMMAND_HELP: Record<string, string> = { check: CHECK_HELP, deps: DEPS_HELP, tree: TREE_HELP, outdated: OUTDATED_HELP, lsp: LSP_HELP };

export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  const cwd = rawIo.cwd ?? process.cwd();
  const [command, ...rest] = argv;
  // `pipsight lsp` speaks the protocol on the process's own streams; everything else is masked here.
  const io = command === 'lsp' ? rawIo : maskedIo(rawIo);
  try {
    switch (command) {
      case undefined:
        io.stderr.write(MAIN_HELP);
        return EXIT_USAGE;
      case '-h':
      case '--help':
        io.stdout.write(MAIN_HELP);
        return EXIT_OK;
      case 'help': {
        const topic = rest[0];
        if (topic === undefined) io.stdout.write(MAIN_HELP);
        else if (Object.hasOwn(COMMAND_HELP, topic)) io.stdout.write(COMMAND_HELP[topic]);
        else throw new UsageError(`unknown command '${topic}'${didYouMean(topic, Object.keys(COMMAND_HELP))}`);
        return EXIT_OK;
      }
      case '-v':
      case '--version':
        io.stdout.write(`${PIPSIGHT_VERSION}\n`);
        return EXIT_OK;
      case 'check':
        return await runCheck(rest, io, cwd);
      case 'deps':
        return runDeps(rest, io, cwd);
      case 'tree':
        return await runTree(rest, io, cwd);
      case 'outdated':
        return await runOutdated(rest, io, cwd);
      case 'lsp':
        return await runLsp(rest, io);
      default:
        throw new UsageError(command.startsWith('-') ? `unknown option '${command}'${didYouMean(command, ['--help', '--version', '-h', '-v'])}` : `unknown command '${command}'${didYouMean(command, Object.keys(COMMAND_HELP))}`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // A mistake inside a command points to that command's help.
    const helpOf = error.command ?? (command !== undefined && command !== 'help' && Object.hasOwn(COMMAND_HELP, command) ? command : undefined);
    const help = helpOf ? `pipsight ${helpOf} --help' for its options` : `pipsight --help' for usage`;
    io.stderr.write(`pipsight: ${redactCredentials(error.message)}\nRun '${help}.\n`);
    return EXIT_USAGE;
  }
}

/** `io` whose streams mask credentials in every write (JSON stays valid: masks never cross a quote). */
function maskedIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: { write: (text: string) => io.stdout.write(redactCredentials(text)) },
    stderr: { write: (text: string) => io.stderr.write(redactCredentials(text)) },
  };
}
