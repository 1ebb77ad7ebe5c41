// Neovim as an LSP client nobody here wrote: headless nvim (Debian's 0.7.2, built-in LSP, push
// diagnostics) loads the Neovim 0.7 snippet of README.md ("Other editors") -- the very text users copy,
// extracted between its e2e markers -- with a `pipsight` wrapper for `node dist/cli.js` on PATH;
// lsp-test.lua opens files, waits for the expected codes and asks hovers; this checks what it saw.
'use strict';
const assert = require('assert');
const { execFile } = require('child_process');
const fs = require('fs');
const path = require('path');
const { promisify } = require('util');
const { PROJECT_ROOT, OUTPUT_DIR } = require('../lib/paths');
const { copyToTempDir, makeTempDir, removeRunTempDir } = require('../lib/temp-dirs');

const PYPROJECT = 'pyproject.toml';
const REQUIREMENTS = 'requirements/base.txt';
// A project with a .git folder and no pyproject.toml: its root must be the project folder.
const GIT_PROJECT_REQUIREMENTS = 'git-project/requirements.txt';
const DOCS = path.join(PROJECT_ROOT, 'README.md');
const SNIPPET_START = '<!-- e2e: neovim-0.7 config (test/e2e/neovim) -->';
const SNIPPET_END = '<!-- e2e: end -->';
// 0-based line:character inside the requirement names "click" and "Django"
const HOVER_CLICK = `${PYPROJECT}:8:7`;
const HOVER_DJANGO = `${REQUIREMENTS}:2:2`;

// Findings from index data (the local index server, through PIP_INDEX_URL) come on top of these
// offline ones; the index suite of the extension host checks those.
const INDEX_CODES = new Set(['unknown-package', 'no-matching-version', 'yanked-version', 'requires-python-mismatch', 'outdated', 'index-unreachable']);

function rows(diagnostics) {
  return (diagnostics || [])
    .filter((d) => !INDEX_CODES.has(d.code))
    .map((d) => [d.code, d.lnum, d.col, d.end_lnum, d.end_col])
    .sort((a, b) => a[1] - b[1] || a[2] - b[2] || String(a[0]).localeCompare(String(b[0])));
}

/** The Lua of the documented Neovim 0.7 snippet: the fenced block between the e2e markers. */
function documentedNeovimConfig() {
  const text = fs.readFileSync(DOCS, 'utf8');
  const start = text.indexOf(SNIPPET_START);
  const end = text.indexOf(SNIPPET_END, start);
  const block = start >= 0 && end > start ? /```lua\n([\s\S]*?)```/.exec(text.slice(start, end)) : null;
  if (!block) throw new Error(`no \`\`\`lua block between "${SNIPPET_START}" and "${SNIPPET_END}" in ${DOCS}`);
  return block[1];
}

/** A folder holding an executable `pipsight` that runs this clone's dist/cli.js, for PATH. */
function pipsightWrapperFolder() {
  const folder = makeTempDir('nvim-bin-');
  const wrapper = path.join(folder, 'pipsight');
  fs.writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${path.join(PROJECT_ROOT, 'dist', 'cli.js')}" "$@"\n`, { mode: 0o755 });
  return folder;
}

const CHECKS = {
  'neovim: the documented config starts one server per project, which exits cleanly on request': (r) => {
    assert.deepStrictEqual(r.errors, []);
    assert.strictEqual(r.clients_started, 2);
    assert.strictEqual(r.server_exits.length, 2, 'both servers exited after client.stop()');
    assert.ok(r.server_exits.every((exit) => exit.code === 0), JSON.stringify(r.server_exits));
  },
  'neovim: the project root is the folder of pyproject.toml, else the folder holding .git': (r) => {
    assert.deepStrictEqual(r.files[PYPROJECT].roots, [r.workspace]);
    assert.deepStrictEqual(r.files[REQUIREMENTS].roots, [r.workspace]);
    assert.deepStrictEqual(r.files[GIT_PROJECT_REQUIREMENTS].roots, [r.gitProject]);
  },
  'neovim: pushed diagnostics for pyproject.toml have the right codes and ranges': (r) => {
    assert.deepStrictEqual(rows(r.files[PYPROJECT].diagnostics), [
      ['invalid-requirement', 5, 17, 5, 18],
      ['contradictory-requirements', 6, 10, 6, 15],
      ['python2-backport', 7, 5, 7, 12],
      ['contradictory-requirements', 12, 16, 12, 18],
    ]);
    assert.ok(r.files[PYPROJECT].diagnostics.every((d) => d.source === 'pipsight'));
  },
  'neovim: pushed diagnostics for a requirements file have the right codes and ranges': (r) => {
    assert.deepStrictEqual(rows(r.files[REQUIREMENTS].diagnostics), [
      ['contradictory-requirements', 2, 6, 2, 11],
      ['python2-backport', 3, 0, 3, 6],
      ['contradictory-requirements', 4, 6, 4, 8],
      ['invalid-requirement', 5, 6, 5, 8],
    ]);
    assert.deepStrictEqual(rows(r.files[GIT_PROJECT_REQUIREMENTS].diagnostics), [['invalid-requirement', 0, 6, 0, 8]]);
  },
  'neovim: hover answers on requirement names': (r) => {
    assert.match(String(r.hovers[HOVER_CLICK].value), /\*\*click\*\*[\s\S]*`>=8\.1`/);
    assert.match(String(r.hovers[HOVER_DJANGO].value), /\*\*Django\*\*/);
  },
};

async function runNeovimSuite({ log = (line) => process.stdout.write(line + '\n') } = {}) {
  const results = { suite: 'neovim', passed: [], failed: [] };
  log('neovim (built-in LSP client, push diagnostics)');
  const workspace = copyToTempDir(path.join(__dirname, '..', 'fixtures', 'workspace'), 'nvim-workspace-');
  const gitProject = path.join(makeTempDir('nvim-git-'), 'git-project');
  fs.mkdirSync(path.join(gitProject, '.git'), { recursive: true });
  fs.writeFileSync(path.join(gitProject, 'requirements.txt'), 'pandas>=\n');
  const home = makeTempDir('nvim-home-');
  const files = {
    [PYPROJECT]: { path: path.join(workspace, PYPROJECT), codes: ['invalid-requirement', 'contradictory-requirements', 'python2-backport'] },
    [REQUIREMENTS]: { path: path.join(workspace, REQUIREMENTS), codes: ['contradictory-requirements', 'python2-backport', 'invalid-requirement'] },
    [GIT_PROJECT_REQUIREMENTS]: { path: path.join(gitProject, 'requirements.txt'), codes: ['invalid-requirement'] },
  };
  const resultsFile = path.join(OUTPUT_DIR, 'neovim-results.json');
  fs.rmSync(resultsFile, { force: true });
  let seen;
  try {
    const configFile = path.join(home, 'pipsight-neovim-0.7.lua');
    fs.writeFileSync(configFile, documentedNeovimConfig());
    await promisify(execFile)('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-u', path.join(__dirname, 'lsp-test.lua')], {
      cwd: workspace,
      timeout: 120000,
      env: {
        ...process.env,
        // nvim's LSP log, shada and state go to the temp folder, not ~
        XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'),
        XDG_STATE_HOME: path.join(home, 'state'), XDG_CACHE_HOME: path.join(home, 'cache'),
        // pip's own variable: the server's index selection reads it (no request reaches the internet)
        ...(process.env.PIPSIGHT_E2E_INDEX_URL ? { PIP_INDEX_URL: process.env.PIPSIGHT_E2E_INDEX_URL } : {}),
        PATH: `${pipsightWrapperFolder()}${path.delimiter}${process.env.PATH}`,
        PIPSIGHT_NVIM_CONFIG: configFile,
        PIPSIGHT_NVIM_RESULTS: resultsFile,
        PIPSIGHT_NVIM_FILES: JSON.stringify(files),
        PIPSIGHT_NVIM_HOVERS: [HOVER_CLICK, HOVER_DJANGO].join('\n'),
      },
    });
    seen = { ...JSON.parse(fs.readFileSync(resultsFile, 'utf8')), workspace, gitProject };
  } catch (error) {
    results.failed.push({ title: 'neovim session', error: String((error && error.stack) || error) });
    log(`  ✗ neovim session: ${error.message}`);
  } finally {
    removeRunTempDir();
  }
  if (seen) {
    for (const [name, check] of Object.entries(CHECKS)) {
      try {
        check(seen);
        results.passed.push(name);
        log(`  ✓ ${name}`);
      } catch (error) {
        results.failed.push({ title: name, error: String(error.message) });
        log(`  ✗ ${name}: ${error.message}`);
      }
    }
  }
  return results;
}

module.exports = { runNeovimSuite };
