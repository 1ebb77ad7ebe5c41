import { version } from '../../../package.json';

export const PIPSIGHT_VERSION: string = version;

export const MAIN_HELP = `Pipsight ${version}: dependency intelligence for Python projects
(pyproject.toml, requirements files, poetry.lock, uv.lock, pdm.lock, pylock.toml).

Usage: pipsight <command> [options]

Commands:
  check [PATH...]   report problems in dependency files (exit 1 on errors); default PATH is .
  deps FILE...      list declared requirements and locked packages
  tree [PATH]       show the dependency tree (lockfile or installed environment)
  outdated [PATH]   declared requirements with locked, newest allowed and newest versions
  lsp --stdio       start the language server

Options:
  -h, --help        show help (also: pipsight <command> --help)
  -v, --version     print the version

Run 'pipsight <command> --help' for the options of a command.
`;
