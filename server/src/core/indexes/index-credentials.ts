/**
 * Credentials the tools read from environment variables, by index name:
 * - uv: `UV_INDEX_<NAME>_USERNAME` / `UV_INDEX_<NAME>_PASSWORD`, NAME upper-cased with every
 *   non-alphanumeric character replaced by `_`.
 * - Poetry: `POETRY_HTTP_BASIC_<NAME>_USERNAME` / `_PASSWORD`, NAME upper-cased with `-` and `.` → `_`.
 * - PDM: `PDM_PYPI_USERNAME` / `PDM_PYPI_PASSWORD` (its `pypi.username` / `pypi.password` config),
 *   for the default source only (PDM_PYPI_URL, a source named "pypi", else PyPI).
 * Credentials written in the URL (userinfo) win over both; netrc is applied by the registry per host.
 */
import type { BasicCredentials } from './index-url';
import type { IndexTool } from './index-plan-types';

type Variables = Record<string, string | undefined>;

function pair(variables: Variables, prefix: string): BasicCredentials | null {
  const username = variables[`${prefix}_USERNAME`];
  const password = variables[`${prefix}_PASSWORD`];
  if (username === undefined && password === undefined) return null;
  return { username: username ?? '', password: password ?? '' };
}

export function uvEnvironmentName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export function poetryEnvironmentName(name: string): string {
  return name.toUpperCase().replace(/[-.]/g, '_');
}

export function pdmDefaultSourceCredentials(variables: Variables): BasicCredentials | null {
  return pair(variables, 'PDM_PYPI');
}

export function credentialsFromEnvironment(tool: IndexTool | 'any', name: string | null, variables: Variables): BasicCredentials | null {
  if (!name) return null;
  if (tool === 'uv' || tool === 'any') {
    const found = pair(variables, `UV_INDEX_${uvEnvironmentName(name)}`);
    if (found) return found;
  }
  if (tool === 'poetry' || tool === 'any') return pair(variables, `POETRY_HTTP_BASIC_${poetryEnvironmentName(name)}`);
  return null;
}
