#!/usr/bin/env node
/**
 * `npm run demo`: a real VS Code (code-server on 127.0.0.1, from scripts/install-vscode-host.sh)
 * with Pipsight installed from a freshly packaged pipsight.vsix, opened on a copy of examples/
 * (quick fixes never change the repository). Prints the URL to open in a browser; Ctrl-C stops
 * code-server with its extension host and language server, and removes the temp folders.
 * No network needed. DEMO_SKIP_PACKAGE=1 reuses pipsight.vsix.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { PROJECT_ROOT, VSIX } = require('../test/e2e/lib/paths');
const { ensureHostInstalled, packageExtension } = require('../test/e2e/lib/prepare');
const { copyToTempDir, makeTempDir, removeRunTempDir } = require('../test/e2e/lib/temp-dirs');
const { installVsix, startCodeServer, stopEverythingOnSignals } = require('../test/e2e/lib/vscode-host');

const log = (line) => process.stdout.write(`${line}\n`);

stopEverythingOnSignals();
ensureHostInstalled(log);
if (!process.env.DEMO_SKIP_PACKAGE) packageExtension(log);

const workspace = copyToTempDir(join(PROJECT_ROOT, 'examples'), 'demo-');
const userDataDir = makeTempDir('demo-user-data-');
const extensionsDir = makeTempDir('demo-extensions-');
await installVsix(VSIX, { userDataDir, extensionsDir });
const server = await startCodeServer({ userDataDir, extensionsDir, folder: workspace, settings: { 'workbench.colorTheme': 'Default Dark Modern' } });

const url = `${server.url}?folder=${encodeURIComponent(workspace)}`;
log('');
log(`Pipsight demo: VS Code is running on 127.0.0.1 with the examples (a temporary copy, ${workspace}).`);
log(`Open in a browser:  ${url}`);
log('Try: uv-ml/pyproject.toml (squiggles, hover, Ctrl+. on "futures"), pip-compile/requirements/*.txt, poetry-app/.');
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
removeRunTempDir();
process.exit(exitCode);
