#!/usr/bin/env node
/**
 * `npm run demo`: a real VS Code (code-server on 127.0.0.1, from scripts/install-vscode-host.sh)
 * with Pipsight installed from a freshly packaged pipsight.vsix, opened on a copy of examples/
 * (quick fixes never change the repository). The project's local index server
 * (test/index-server) answers every index question, so versions, hovers and index findings show
 * with no network: the copy's `.vscode/settings.json` makes it the default index, and the
 * PyTorch and company index URLs of the examples are pointed at it in the copy only (the same
 * preparation as the UI e2e suite: test/e2e/lib/prepare-examples.js).
 * Prints the URLs to open; Ctrl-C stops code-server with its extension host and language server
 * and the index server, and removes the temp folders. DEMO_SKIP_PACKAGE=1 reuses pipsight.vsix.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { VSIX } = require('../test/e2e/lib/paths');
const { ensureHostInstalled, packageExtension } = require('../test/e2e/lib/prepare');
const { startLocalIndexServer } = require('../test/e2e/lib/index-server');
const { prepareExamplesWorkspace } = require('../test/e2e/lib/prepare-examples');
const { makeTempDir, removeRunTempDir } = require('../test/e2e/lib/temp-dirs');
const { installVsix, startCodeServer } = require('../test/e2e/lib/vscode-host');
const { stopEverythingOnSignals } = require('../test/e2e/lib/process-cleanup');

const log = (line) => process.stdout.write(`${line}\n`);

stopEverythingOnSignals();
ensureHostInstalled(log);
if (!process.env.DEMO_SKIP_PACKAGE) packageExtension(log);

// Its own process group: ended on every way out (Ctrl-C and SIGTERM through
// stopEverythingOnSignals, which kills the groups it tracks; errors through the exit hook).
const index = await startLocalIndexServer({ detached: true });
process.on('exit', () => {
  try {
    process.kill(-index.pid, 'SIGTERM');
  } catch {
    /* already stopped */
  }
});

const { workspace, companyIndexServed, env } = prepareExamplesWorkspace(index, { prefix: 'demo-' });
const userDataDir = makeTempDir('demo-user-data-');
const extensionsDir = makeTempDir('demo-extensions-');
await installVsix(VSIX, { userDataDir, extensionsDir });
const server = await startCodeServer({
  userDataDir,
  extensionsDir,
  folder: workspace,
  settings: { 'workbench.colorTheme': 'Default Dark Modern' },
  env,
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
