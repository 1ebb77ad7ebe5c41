#!/usr/bin/env node
/**
 * `npm run demo`: a real VS Code (code-server on 127.0.0.1, from scripts/install-vscode-host.sh)
 * with Pipsight installed from a freshly packaged pipsight.vsix, opened on a copy of examples/
 * (quick fixes never change the repository). The project's local index server
 * (test/index-server) answers every index question, so versions, hovers and index findings show
 * with no network: the copy's `.vscode/settings.json` makes it the default index, and the
 * PyTorch and company index URLs of the examples are pointed at it in the copy only.
 * Prints the URLs to open; Ctrl-C stops code-server with its extension host and language server
 * and the index server, and removes the temp folders. DEMO_SKIP_PACKAGE=1 reuses pipsight.vsix.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'smol-toml';

const require = createRequire(import.meta.url);
const { PROJECT_ROOT, VSIX } = require('../test/e2e/lib/paths');
const { ensureHostInstalled, packageExtension } = require('../test/e2e/lib/prepare');
const { indexSettings, startLocalIndexServer } = require('../test/e2e/lib/index-server');
const { copyToTempDir, makeTempDir, removeRunTempDir } = require('../test/e2e/lib/temp-dirs');
const { installVsix, startCodeServer, stopEverythingOnSignals } = require('../test/e2e/lib/vscode-host');

// The company index of examples/poetry-app and the Basic credentials of the local server's
// private index, given to VS Code the way Poetry users give them.
const COMPANY_INDEX = 'https://pypi.internal.example.com/simple';
const COMPANY_CREDENTIALS = { POETRY_HTTP_BASIC_INTERNAL_USERNAME: 'alice', POETRY_HTTP_BASIC_INTERNAL_PASSWORD: 's3cret' };

const log = (line) => process.stdout.write(`${line}\n`);

function editFile(file, edit) {
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}

/** Python's `json.dumps(value, sort_keys=True)` for the TOML values of a pyproject (ASCII text). */
function pythonJson(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}: ${pythonJson(value[key])}`).join(', ')}}`;
  return JSON.stringify(value);
}

/** Poetry's content-hash of a `[tool.poetry]`-only pyproject (legacy keys present as null). */
function poetryContentHash(pyprojectText) {
  const poetry = parse(pyprojectText).tool.poetry;
  const content = {};
  for (const key of ['dependencies', 'source', 'extras', 'dev-dependencies', 'group']) {
    if (poetry[key] !== undefined || key !== 'group') content[key] = poetry[key] ?? null;
  }
  return createHash('sha256').update(pythonJson(content)).digest('hex');
}

/**
 * Points the examples of the workspace copy at the local index server: PyPI through the
 * settings, the PyTorch indexes of uv-ml and poetry-app's company index through their URLs. The
 * company index moves only if poetry.lock's content-hash can follow (as `poetry lock` would
 * update it), so the copy shows no lock-stale finding the original does not have.
 */
function pointWorkspaceAtIndex(workspace, index) {
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(indexSettings(index.pypi), null, 2)}\n`);
  editFile(join(workspace, 'uv-ml', 'pyproject.toml'), (text) => text.replace(/https:\/\/download\.pytorch\.org\/whl\/(cu124|cpu)\/?/g, `${index.url}/whl/$1/`));

  const pyprojectFile = join(workspace, 'poetry-app', 'pyproject.toml');
  const lockFile = join(workspace, 'poetry-app', 'poetry.lock');
  const pyproject = readFileSync(pyprojectFile, 'utf8');
  const lock = readFileSync(lockFile, 'utf8');
  const lockedHash = /^content-hash = "([0-9a-f]{64})"$/m.exec(lock)?.[1];
  if (lockedHash !== poetryContentHash(pyproject)) return false;
  const movedPyproject = pyproject.replaceAll(`${COMPANY_INDEX}/`, `${index.url}/private/simple/`);
  writeFileSync(pyprojectFile, movedPyproject);
  writeFileSync(lockFile, lock.replaceAll(COMPANY_INDEX, `${index.url}/private/simple`).replace(lockedHash, poetryContentHash(movedPyproject)));
  return true;
}

stopEverythingOnSignals();
ensureHostInstalled(log);
if (!process.env.DEMO_SKIP_PACKAGE) packageExtension(log);

// Its own process group: ended on every way out (Ctrl-C, a signal to this process alone, errors).
const index = await startLocalIndexServer({ detached: true });
process.on('exit', () => {
  try {
    process.kill(-index.pid, 'SIGTERM');
  } catch {
    /* already stopped */
  }
});

const workspace = copyToTempDir(join(PROJECT_ROOT, 'examples'), 'demo-');
const companyIndexServed = pointWorkspaceAtIndex(workspace, index);
const userDataDir = makeTempDir('demo-user-data-');
const extensionsDir = makeTempDir('demo-extensions-');
await installVsix(VSIX, { userDataDir, extensionsDir });
const server = await startCodeServer({
  userDataDir,
  extensionsDir,
  folder: workspace,
  settings: { 'workbench.colorTheme': 'Default Dark Modern' },
  env: companyIndexServed ? COMPANY_CREDENTIALS : {},
});

const url = `${server.url}?folder=${encodeURIComponent(workspace)}`;
log('');
log(`Pipsight demo: VS Code is running on 127.0.0.1 with the examples (a temporary copy, ${workspace}).`);
log(`Open in a browser:  ${url}`);
log(`Package index:      ${index.pypi} (the project's local index server; PyTorch at ${index.url}/whl/cu124/ and ${index.url}/whl/cpu/${companyIndexServed ? `, the company index at ${index.url}/private/simple/` : ''})`);
log('Try: uv-ml/pyproject.toml (latest-version hints, hover, squiggles, Ctrl+. on "futures"), pip-compile/requirements/*.txt, poetry-app/.');
log('Press Ctrl-C to stop.');

const exitCode = await new Promise((resolve) => {
  const timer = setInterval(() => {
    try {
      process.kill(server.pid, 0);
    } catch {
      clearInterval(timer);
      resolve(1);
    }
  }, 1000);
});
log(`code-server stopped by itself:\n${server.output().split('\n').slice(-20).join('\n')}`);
await server.stop();
await index.stop();
removeRunTempDir();
process.exit(exitCode);
