/** Shared option parsing for the commands (node:util parseArgs, strict: unknown flags are usage errors). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { FileKind } from '../core/model';
import { UsageError } from './io';

export type OutputFormat = 'text' | 'json';

const FILE_KINDS: readonly FileKind[] = ['pyproject', 'requirements', 'poetry-lock', 'uv-lock', 'pdm-lock', 'pylock'];

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
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
