// A copy of examples/ served by the project's local index server (test/index-server), as both
// `npm run demo` and the UI suite use it: the copy's `.vscode/settings.json` makes the local
// server the default index, uv-ml's PyTorch index URLs point at its /whl/cu124/ and /whl/cpu/,
// and poetry-app's company index at its /private/simple/ (with Poetry-style credentials for the
// editor's environment). The repository's examples/ are never changed.
'use strict';
const { createHash } = require('crypto');
const fs = require('fs');
const path = require('path');
const { parse } = require('smol-toml');
const { PROJECT_ROOT } = require('./paths');
const { indexSettings } = require('./index-server');
const { copyToTempDir } = require('./temp-dirs');

// The company index of examples/poetry-app and the Basic credentials of the local server's
// private index, given to the editor the way Poetry users give them.
const COMPANY_INDEX = 'https://pypi.internal.example.com/simple';
const COMPANY_CREDENTIALS = { POETRY_HTTP_BASIC_INTERNAL_USERNAME: 'alice', POETRY_HTTP_BASIC_INTERNAL_PASSWORD: 's3cret' };

function editFile(file, edit) {
  fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
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
 * Points the examples of a workspace copy at the local index server (`index`: what
 * startLocalIndexServer resolves with): PyPI through the settings, the PyTorch indexes of uv-ml
 * and poetry-app's company index through their URLs. The company index moves only if
 * poetry.lock's content-hash can follow (as `poetry lock` would update it), so the copy shows no
 * lock-stale finding the original does not have. Returns whether the company index is served.
 */
function pointWorkspaceAtIndex(workspace, index, extraSettings = {}) {
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  const settings = { ...indexSettings(index.pypi), ...extraSettings };
  fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  editFile(path.join(workspace, 'uv-ml', 'pyproject.toml'), (text) => text.replace(/https:\/\/download\.pytorch\.org\/whl\/(cu124|cpu)\/?/g, `${index.url}/whl/$1/`));

  const pyprojectFile = path.join(workspace, 'poetry-app', 'pyproject.toml');
  const lockFile = path.join(workspace, 'poetry-app', 'poetry.lock');
  const pyproject = fs.readFileSync(pyprojectFile, 'utf8');
  const lock = fs.readFileSync(lockFile, 'utf8');
  const lockedHash = /^content-hash = "([0-9a-f]{64})"$/m.exec(lock)?.[1];
  if (lockedHash !== poetryContentHash(pyproject)) return false;
  const movedPyproject = pyproject.replaceAll(`${COMPANY_INDEX}/`, `${index.url}/private/simple/`);
  fs.writeFileSync(pyprojectFile, movedPyproject);
  fs.writeFileSync(lockFile, lock.replaceAll(COMPANY_INDEX, `${index.url}/private/simple`).replace(lockedHash, poetryContentHash(movedPyproject)));
  return true;
}

/**
 * A temp copy of examples/ served by the local index server. Resolves with the copy's folder and
 * the environment the editor needs (the company index's credentials, when it is served).
 */
function prepareExamplesWorkspace(index, { prefix = 'examples-', settings = {} } = {}) {
  const workspace = copyToTempDir(path.join(PROJECT_ROOT, 'examples'), prefix);
  const companyIndexServed = pointWorkspaceAtIndex(workspace, index, settings);
  return { workspace, companyIndexServed, env: companyIndexServed ? { ...COMPANY_CREDENTIALS } : {} };
}

module.exports = { prepareExamplesWorkspace, pointWorkspaceAtIndex, poetryContentHash };
