#!/usr/bin/env node
// `npm run test:e2e`: install the VS Code host if missing, package the extension, then run
//   - the extension-host tests (mocha with the real `vscode` API, one VS Code session),
//   - the UI tests (workbench DOM in chromium, extension installed from pipsight.vsix),
//   - the Neovim test (nvim's built-in LSP client against `pipsight lsp --stdio`),
// and print one "N passed, N failed" line for all of them; exit 1 on any failure.
// E2E_SUITES=exthost,ui,neovim picks suites; E2E_SKIP_PACKAGE=1 reuses dist/ and pipsight.vsix.
'use strict';
const fs = require('fs');
const { OUTPUT_DIR, SCREENSHOT_DIR } = require('./lib/paths');
const { ensureHostInstalled, packageExtension } = require('./lib/prepare');
const { isStopping, stopEverythingOnSignals } = require('./lib/process-cleanup');
const { startLocalIndexServer } = require('./lib/index-server');

const log = (line) => process.stdout.write(`${line}\n`);

const SUITES = {
  exthost: () => {
    log('vscode-extension-host (mocha with the real vscode API; extension from the project folder)');
    return require('./exthost/run-extension-host-suite').runExtensionHostSuite();
  },
  ui: () => require('./ui/ui-suite').runUiSuite(),
  neovim: () => require('./neovim/run-neovim-suite').runNeovimSuite(),
};

async function main() {
  stopEverythingOnSignals();
  const started = Date.now();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const selected = (process.env.E2E_SUITES || Object.keys(SUITES).join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of selected) if (!SUITES[name]) throw new Error(`unknown suite "${name}" (known: ${Object.keys(SUITES).join(', ')})`);

  const timings = { installMs: ensureHostInstalled(log) };
  if (!process.env.E2E_SKIP_PACKAGE) timings.packageMs = packageExtension(log);

  // Every suite asks the local index server (its URL reaches them through the environment). Its
  // own process group (tsx and its node), killed by the signal handler on SIGTERM/SIGINT.
  const indexServer = await startLocalIndexServer({ detached: true });
  process.env.PIPSIGHT_E2E_INDEX_URL = indexServer.pypi;
  log(`local index server: ${indexServer.pypi}`);
  const all = [];
  try {
    for (const name of selected) {
      if (isStopping()) break; // a signal came: start nothing more
      const suiteStarted = Date.now();
      const result = await SUITES[name]();
      timings[`${name}Ms`] = Date.now() - suiteStarted;
      all.push(result);
    }
  } finally {
    await indexServer.stop();
  }
  if (isStopping()) return 143; // stopped by a signal: no summary (the handler exits)

  const failures = all.flatMap((result) => result.failed.map((failure) => ({ suite: result.suite, ...failure })));
  for (const failure of failures) log(`\nFAILED [${failure.suite}] ${failure.title}\n${failure.error}`);
  timings.totalMs = Date.now() - started;
  fs.writeFileSync(`${OUTPUT_DIR}/summary.json`, JSON.stringify({ timings, suites: all }, null, 2));
  const passed = all.reduce((sum, result) => sum + result.passed.length, 0);
  log(`\ne2e timings: ${Object.entries(timings).map(([k, v]) => `${k.replace(/Ms$/, '')} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
  log(`${passed} passed, ${failures.length} failed`);
  return failures.length === 0 && passed > 0 ? 0 : 1;
}

// After a SIGTERM/SIGINT the suites end with the processes killed under them: the signal handler
// (process-cleanup.js) finishes the clean-up and exits, with no test summary.
main().then((code) => isStopping() || process.exit(code), (error) => {
  if (isStopping()) return;
  console.error(error instanceof Error ? error.message : error);
  log('0 passed, 1 failed');
  process.exit(1);
});
