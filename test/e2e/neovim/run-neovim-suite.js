// Neovim as an LSP client nobody here wrote: headless nvim (Debian's 0.7.2, built-in LSP, push
// diagnostics) runs lsp-test.lua against `node dist/cli.js lsp --stdio`; this checks what it saw.
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

const CHECKS = {
  'neovim: the server starts and exits cleanly on request': (r) => {
    assert.deepStrictEqual(r.errors, []);
    assert.ok(r.server_exit, 'the server exited after stop_client');
    assert.strictEqual(r.server_exit.code, 0);
  },
  'neovim: pushed diagnostics for pyproject.toml have the right codes and ranges': (r) => {
    assert.deepStrictEqual(rows(r.files[PYPROJECT]), [
      ['invalid-requirement', 5, 17, 5, 18],
      ['contradictory-requirements', 6, 10, 6, 15],
      ['python2-backport', 7, 5, 7, 12],
      ['contradictory-requirements', 12, 16, 12, 18],
    ]);
    assert.ok(r.files[PYPROJECT].every((d) => d.source === 'pipsight'));
  },
  'neovim: pushed diagnostics for a requirements file have the right codes and ranges': (r) => {
    assert.deepStrictEqual(rows(r.files[REQUIREMENTS]), [
      ['contradictory-requirements', 2, 6, 2, 11],
      ['python2-backport', 3, 0, 3, 6],
      ['contradictory-requirements', 4, 6, 4, 8],
      ['invalid-requirement', 5, 6, 5, 8],
    ]);
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
  const home = makeTempDir('nvim-home-');
  const resultsFile = path.join(OUTPUT_DIR, 'neovim-results.json');
  fs.rmSync(resultsFile, { force: true });
  let seen;
  try {
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
        PIPSIGHT_NODE: process.execPath,
        PIPSIGHT_CLI: path.join(PROJECT_ROOT, 'dist', 'cli.js'),
        PIPSIGHT_NVIM_WORKSPACE: workspace,
        PIPSIGHT_NVIM_RESULTS: resultsFile,
        PIPSIGHT_NVIM_FILES: [PYPROJECT, REQUIREMENTS].join('\n'),
        PIPSIGHT_NVIM_HOVERS: [HOVER_CLICK, HOVER_DJANGO].join('\n'),
      },
    });
    seen = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
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
