/** Shared option parsing for the commands (node:util parseArgs, strict: unknown flags are usage errors). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { FileKind } from '../core/model';
import { didYouMean } from './did-you-mean';
import { UsageError } from './io';

export type OutputFormat = 'text' | 'json';

const FILE_KINDS: readonly FileKind[] = ['pyproject', 'requirements', 'poetry-lock', 'uv-lock', 'pdm-lock', 'pylock'];

type Options = NonNullable<ParseArgsConfig['options']>;

/** `command`: named in usage errors, whose `--help` they point to. Node's parser messages are reworded. */
export function parseCommandArgs<T extends Options>(argv: string[], options: T, command: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(usageMessage(error as Error & { code?: string }, options, command), command);
  }
}

function usageMessage(error: Error & { code?: string }, options: Options, command: string): string {
  const unknown = /^Unknown option '([^']*)'/.exec(error.message);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    // Long options only: every one-letter option is within two edits of any other.
    const names = Object.keys(options).map((name) => `--${name}`);
    return `unknown option '${unknown[1]}' for '${command}'${unknown[1].startsWith('--') ? didYouMean(unknown[1], names) : ''}`;
  }
  const missing = /^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(error.message);
  if (missing) return `option '${missing[1]}' of '${command}' needs a value`;
  const noValue = /^Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(error.message);
  if (noValue) return `option '${noValue[1]}' of '${command}' takes no value`;
  return `${command}: ${error.message}`;
}

export function parseFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === 'text') return 'text';
  if (value === 'json') return 'json';
  throw new UsageError(`--format must be "text" or "json", not "${value}"`);
}

export function parseKind(value: string | undefined): FileKind | null {
  if (value === undefined) return null;
  if ((FILE_KINDS as readonly string[]).includes(value)) return value as FileKind;
  throw new UsageError(`--kind must be one of ${FILE_KINDS.join(', ')}`);
}

/** Options every file command accepts. */
export const FILE_COMMAND_OPTIONS = {
  format: { type: 'string', short: 'f' },
  kind: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;
