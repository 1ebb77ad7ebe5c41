import { readFileSync } from 'node:fs';
import { parseDocument } from '../../../server/src/core/parse';
import type { ParsedFile } from '../../../server/src/core/model';

export const GRAPH_FIXTURES = new URL('../../fixtures/graph/', import.meta.url).pathname;

export function fixtureText(relativePath: string): string {
  return readFileSync(`${GRAPH_FIXTURES}${relativePath}`, 'utf8');
}

/** Parses a fixture file; its path in the model is `/graph/<relativePath>`. */
export function parseFixture(relativePath: string): ParsedFile {
  const parsed = parseDocument(`/graph/${relativePath}`, fixtureText(relativePath));
  if (!parsed) throw new Error(`${relativePath}: not a supported file`);
  return parsed;
}

export const LINUX_312 = {
  python_version: '3.12', python_full_version: '3.12.4', sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix',
  platform_machine: 'x86_64', implementation_name: 'cpython', platform_python_implementation: 'CPython',
};
export const WINDOWS_39 = { ...LINUX_312, python_version: '3.9', python_full_version: '3.9.13', sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt' };
