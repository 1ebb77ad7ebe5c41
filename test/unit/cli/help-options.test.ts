import { describe, expect, it } from 'vitest';
import { CHECK_HELP, CHECK_OPTIONS } from '../../../server/src/cli/command-check';
import { DEPS_HELP, DEPS_OPTIONS } from '../../../server/src/cli/command-deps';
import { LSP_HELP, LSP_OPTIONS } from '../../../server/src/cli/command-lsp';
import { OUTDATED_HELP, OUTDATED_OPTIONS } from '../../../server/src/cli/command-outdated';
import { TREE_HELP, TREE_OPTIONS } from '../../../server/src/cli/command-tree';
import { editDistance, nearest } from '../../../server/src/cli/did-you-mean';
import { runCapture } from './run-cli-helper';

type OptionTable = Record<string, { type: string; short?: string }>;

/** Options accepted but not for people: vscode-languageclient appends --clientProcessId to server arguments. */
const UNDOCUMENTED = new Set(['clientProcessId']);

const COMMANDS: [string, string, OptionTable][] = [
  ['check', CHECK_HELP, CHECK_OPTIONS],
  ['deps', DEPS_HELP, DEPS_OPTIONS],
  ['tree', TREE_HELP, TREE_OPTIONS],
  ['outdated', OUTDATED_HELP, OUTDATED_OPTIONS],
  ['lsp', LSP_HELP, LSP_OPTIONS],
];

/** The option lines of a help text's "Options:" section: `  -f, --format text|json  …`. */
function documentedOptions(help: string): { long: string; short?: string; takesValue: boolean }[] {
  const section = help.slice(help.indexOf('\nOptions:\n'));
  const options = [];
  for (const line of section.split('\n')) {
    const match = /^\s+(?:-(\w), )?--([\w-]+)(?: ([A-Z][\w.]*|[a-z]+(?:\|[a-z]+)+))?(?:\s|$)/.exec(line);
    if (match) options.push({ long: match[2], short: match[1], takesValue: match[3] !== undefined });
  }
  return options;
}

describe('command help lists exactly the options each command accepts', () => {
  it.each(COMMANDS)('%s', (_command, help, options) => {
    const documented = documentedOptions(help);
    const accepted = Object.entries(options).filter(([name]) => !UNDOCUMENTED.has(name));
    expect(documented.map((option) => option.long).sort()).toEqual(accepted.map(([name]) => name).sort());
    for (const [name, option] of accepted) {
      const line = documented.find((entry) => entry.long === name)!;
      expect(line.short, `-${option.short ?? ''} for --${name}`).toBe(option.short);
      expect(line.takesValue, `value of --${name}`).toBe(option.type === 'string');
    }
  });

  it('every command help that runs checks names exit code 3', () => {
    expect(CHECK_HELP).toMatch(/3 internal error/);
  });
});

describe('usage errors name the command and suggest close spellings', () => {
  it('unknown option: the command, a suggestion, the help pointer, exit 2', async () => {
    const result = await runCapture(['check', '--formt', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("pipsight: unknown option '--formt' for 'check' (did you mean '--format'?)\nRun 'pipsight check --help' for its options.\n");
    const far = await runCapture(['outdated', '--foo']);
    expect(far).toEqual({ code: 2, stdout: '', stderr: "pipsight: unknown option '--foo' for 'outdated'\nRun 'pipsight outdated --help' for its options.\n" });
  });

  it('other usage errors of a command point to its help', async () => {
    const result = await runCapture(['check', '--format', 'xml', 'clean']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'pipsight: --format must be "text" or "json", not "xml"\nRun \'pipsight check --help\' for its options.\n' });
  });

  it('option without its value', async () => {
    const result = await runCapture(['tree', '--depth']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: "pipsight: option '--depth' of 'tree' needs a value\nRun 'pipsight tree --help' for its options.\n" });
  });

  it('unknown command: the nearest command', async () => {
    expect(await runCapture(['chek'])).toEqual({ code: 2, stdout: '', stderr: "pipsight: unknown command 'chek' (did you mean 'check'?)\nRun 'pipsight --help' for usage.\n" });
    expect((await runCapture(['tere'])).stderr).toContain("(did you mean 'tree'?)");
    expect((await runCapture(['help', 'otudated'])).stderr).toContain("(did you mean 'outdated'?)");
    expect((await runCapture(['frobnicate'])).stderr).toBe("pipsight: unknown command 'frobnicate'\nRun 'pipsight --help' for usage.\n");
    expect(await runCapture(['help', 'constructor'])).toEqual({ code: 2, stdout: '', stderr: "pipsight: unknown command 'constructor'\nRun 'pipsight --help' for usage.\n" });
    expect((await runCapture(['toString'])).stderr).toBe("pipsight: unknown command 'toString'\nRun 'pipsight --help' for usage.\n");
  });

  it('Damerau-Levenshtein distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('chekc', 'check')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(nearest('dpes', ['check', 'deps', 'tree'])).toEqual(['deps']);
    expect(nearest('x'.repeat(1000), ['check'])).toEqual([]);
  });
});
