/**
 * `pipsight lsp --stdio`: runs the language server over stdin/stdout. The only place the CLI
 * imports lsp/; the import is dynamic so `check` and `deps` do not load the server.
 */
import { EXIT_OK, type CliIo } from './io';
import { parseCommandArgs } from './parse-options';

export const LSP_HELP = `Usage: pipsight lsp --stdio

Starts the Pipsight language server, speaking LSP over stdin and stdout (for editors other than
VS Code: Neovim, Helix, Zed, Emacs, Sublime Text ...). --stdio is the only transport and is the
default.

Options:
      --stdio   talk over stdin/stdout
  -h, --help    show this help
`;

const STARTED_BY_HAND_NOTE = `pipsight lsp: the Pipsight language server, speaking the Language Server Protocol on stdin and
stdout. An editor starts it (see 'pipsight lsp --help'); it is waiting for a client's messages.
`;

export const LSP_OPTIONS = {
  stdio: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  // vscode-languageclient appends --clientProcessId=<pid> to server arguments.
  clientProcessId: { type: 'string' },
} as const;

/** Resolves when the server has been started; the process then stays alive on the connection. */
export async function runLsp(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, LSP_OPTIONS, 'lsp');
  if (values.help) {
    io.stdout.write(LSP_HELP);
    return EXIT_OK;
  }
  // Started by hand in a terminal: say what this is instead of waiting silently.
  if (!values.stdio && process.stdin.isTTY) io.stderr.write(STARTED_BY_HAND_NOTE);
  // The connection ends the process when its input ends (exit status 1 without a shutdown request): say so.
  process.once('exit', (code) => {
    if (code === 1) io.stderr.write('pipsight lsp: the connection ended without a shutdown request (exit status 1)\n');
  });
  const [{ createConnection, ProposedFeatures }, { startLanguageServer }] = await Promise.all([
    import('vscode-languageserver/node'),
    import('../lsp/server'),
  ]);
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startLanguageServer(connection);
  return EXIT_OK;
}
