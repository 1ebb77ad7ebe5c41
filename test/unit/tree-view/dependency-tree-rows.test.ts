/**
 * What the "Python Dependencies" view shows for the server's items: row texts, tooltips and
 * icons, group headings, and the message and action rows of an empty view.
 */
import { describe, expect, it } from 'vitest';
import { groupHeadings, itemRow, MARKER_DESCRIPTION_LENGTH, viewNotice } from '../../../client/src/dependency-tree-rows';
import type { DependencyTreeItem, DependencyTreeResult } from '../../../server/src/protocol';

const AT = (line: number) => ({ uri: 'file:///work/app/pyproject.toml', range: { start: { line, character: 4 }, end: { line, character: 16 } } });

function item(fields: Partial<DependencyTreeItem>): DependencyTreeItem {
  return { name: 'pkg', version: '1.0', specifier: '', marker: null, children: [], ...fields };
}

function result(fields: Partial<DependencyTreeResult>): DependencyTreeResult {
  return { source: 'lock', path: '/work/app/uv.lock', manifestPath: '/work/app/pyproject.toml', reverse: null, roots: [], ...fields };
}

const STATE = { project: true, running: true, reverse: null, filter: null, pythonExtension: false };

describe('rows', () => {
  it('reverse mode: a declaration row names the file and the group, then what it requires', () => {
    const row = itemRow(item({ name: 'pyproject.toml', version: null, specifier: '>=8.3', declaration: true, group: 'poetry-group:dev', groupLabel: 'dev (group)', groupDetail: '`poetry-group:dev`: Poetry group `dev`' }), 'lock');
    expect(`${row.label} ${row.description}`).toBe('pyproject.toml · dev (group) >=8.3');
    expect(row.contextValue).toBe('declaration');
    expect(row.tooltip).toContain('Poetry group `dev`');
  });

  it('a declaration with a marker shows it too', () => {
    const row = itemRow(item({ name: 'pyproject.toml', version: null, specifier: '>=1.17', marker: 'sys_platform == "linux"', declaration: true, group: 'extra:export', groupLabel: 'export (extra)' }), 'lock');
    expect(`${row.label} ${row.description}`).toBe('pyproject.toml · export (extra) >=1.17 ; sys_platform == "linux"');
  });

  it('a package declared twice says so, and its tooltip lists both places', () => {
    const duplicates = [{ at: AT(5), requirement: 'pillow>=10.4' }, { at: AT(12), requirement: 'Pillow>=10.0' }];
    const row = itemRow(item({ name: 'pillow', version: '11.1.0', specifier: '>=10.4', group: 'main', groupLabel: 'main', duplicates }), 'lock');
    expect(row.description).toBe('11.1.0 · declared twice');
    expect(row.tooltip).toContain('Declared twice in main:');
    expect(row.tooltip).toContain('[pyproject\\.toml:6](file:///work/app/pyproject.toml#L6) `pillow>=10.4`');
    expect(row.tooltip).toContain('[pyproject\\.toml:13](file:///work/app/pyproject.toml#L13) `Pillow>=10.0`');
    expect(itemRow(item({ duplicates: [...duplicates, { at: AT(20), requirement: 'pillow' }] }), 'lock').description).toBe('1.0 · declared 3 times');
  });

  it('git, path and URL dependencies get their own icon and word', () => {
    const git = itemRow(item({ reference: { kind: 'vcs', vcs: 'git', url: 'https://github.com/org/money-utils@v0.9.1' } }), 'lock');
    const path = itemRow(item({ reference: { kind: 'path', url: '../ledger-core', editable: true } }), 'lock');
    const url = itemRow(item({ reference: { kind: 'url', url: 'https://wheels.example.com/fastmath-1.2.0-py3-none-any.whl' } }), 'lock');
    expect([git, path, url].map((row) => [row.description, row.icon.id])).toEqual([['1.0 · git', 'source-control'], ['1.0 · editable path', 'folder'], ['1.0 · URL', 'link']]);
    expect(git.tooltip).toContain('From a git repository: `https://github.com/org/money-utils@v0.9.1`');
    expect(itemRow(item({}), 'lock').icon.id).toBe('package');
    // a problem's icon wins; the description still tells the reference
    const broken = itemRow(item({ reference: { kind: 'vcs', vcs: 'git', url: 'https://github.com/x/y' }, problems: [{ code: 'lock-mismatch', message: 'x' }] }), 'lock');
    expect([broken.icon.id, broken.description]).toEqual(['error', '1.0 · git']);
  });

  it('a long marker is cut in the row but whole in the tooltip', () => {
    const marker = 'python_version >= "3.8" or platform_machine != "aarch64" or implementation_name == "cpython"';
    const row = itemRow(item({ name: 'tomli', version: '2.2.1', specifier: '>=2.0', marker }), 'lock');
    expect(row.description.length).toBeLessThan(`2.2.1 ; ${marker}`.length);
    expect(row.description.endsWith('…')).toBe(true);
    expect(marker.length).toBeGreaterThan(MARKER_DESCRIPTION_LENGTH);
    expect(row.tooltip).toContain('```\npython_version >= "3.8"\nor platform_machine != "aarch64"\nor implementation_name == "cpython"\n```');
    // a short one stays inline in both
    const short = itemRow(item({ marker: "sys_platform == 'linux'" }), 'lock');
    expect(short.description).toBe("1.0 ; sys_platform == 'linux'");
    expect(short.tooltip).toContain("Marker: `sys_platform == 'linux'`");
  });

  it('keeps the existing marks: repeated, cycle, not locked / not installed', () => {
    expect(itemRow(item({ version: '2.5.1+cu124', repeated: true }), 'lock').description).toBe('2.5.1+cu124 (*)');
    expect(itemRow(item({ version: null }), 'lock').description).toBe('not locked');
    expect(itemRow(item({ version: null }), 'env')).toMatchObject({ description: 'not installed', contextValue: 'missingPackage' });
  });
});

describe('group headings', () => {
  it('one heading per label, in order of appearance, whatever the tool called the group', () => {
    const roots = [
      item({ name: 'a', group: 'main', groupLabel: 'main', groupDetail: 'main detail' }),
      item({ name: 'b', group: 'group:dev', groupLabel: 'dev (group)', groupDetail: '`group:dev` detail' }),
      item({ name: 'c', group: 'poetry-group:dev', groupLabel: 'dev (group)', groupDetail: '`poetry-group:dev` detail' }),
      item({ name: 'd', group: 'extra:docs', groupLabel: 'docs (extra)' }),
    ];
    const headings = groupHeadings(roots);
    expect(headings.map((heading) => [heading.label, heading.items.map((entry) => entry.name).join('')])).toEqual([['main', 'a'], ['dev (group)', 'bc'], ['docs (extra)', 'd']]);
    expect(headings[1].tooltip).toBe('`group:dev` detail\n\n`poetry-group:dev` detail');
  });
});

describe('an empty view', () => {
  it('a filter with no match says so and offers to clear it', () => {
    const notice = viewNotice({ ...STATE, filter: 'xyz', result: result({ roots: [] }) });
    expect(notice.message).toBe("No package matches 'xyz'.");
    expect(notice.actions.map((action) => [action.label, action.command])).toEqual([['Clear Filter', 'pipsight.dependencies.clearFilter']]);
    expect(viewNotice({ ...STATE, filter: 'num', result: result({ roots: [item({ name: 'numpy' })] }) })).toEqual({ message: 'Filtered by "num".', actions: [] });
  });

  it('installed mode without an environment offers to select an interpreter: the Python extension, else the setting', () => {
    const noEnvironment = result({ source: 'env', path: null, message: 'No Python environment found (...).', reason: 'no-environment' });
    const withPython = viewNotice({ ...STATE, pythonExtension: true, result: noEnvironment });
    expect(withPython.message).toBe('No Python environment found (...).');
    expect(withPython.actions[0]).toMatchObject({ label: 'Select Python Interpreter', command: 'python.setInterpreter' });
    const without = viewNotice({ ...STATE, pythonExtension: false, result: noEnvironment });
    expect(without.actions[0]).toMatchObject({ label: 'Select Python Interpreter', command: 'workbench.action.openSettings', arguments: ['pipsight.pythonPath'] });
    expect(without.actions.map((action) => action.command)).toContain('pipsight.dependencies.showLock');
  });

  it('no lockfile: offers the installed environment', () => {
    const notice = viewNotice({ ...STATE, result: result({ path: null, message: 'No lockfile beside pyproject.toml (...).', reason: 'no-lockfile' }) });
    expect(notice.actions.map((action) => action.command)).toEqual(['pipsight.dependencies.showInstalled']);
  });

  it('no project, no server: a message and nothing to click', () => {
    expect(viewNotice({ ...STATE, project: false, result: null })).toEqual({ message: 'No Python project found in the workspace.', actions: [] });
    expect(viewNotice({ ...STATE, running: false, result: null }).message).toBe('Waiting for the Pipsight server…');
  });
});
