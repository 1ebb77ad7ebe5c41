// Before any e2e suite: the VS Code host (and chromium, neovim) installed -- idempotent -- and the
// extension built and packaged as pipsight.vsix.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { PROJECT_ROOT, VSCODE_HOST, NODE24, CODE_SERVER, CODE_SERVER_BUILT, CHROMIUM, VSIX } = require('./paths');

function commandExists(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the (idempotent) install script unless everything it would install is there -- checked
 * with the same files the script checks, so an interrupted code-server build is finished.
 */
function ensureHostInstalled(log) {
  if ([NODE24, CODE_SERVER, CODE_SERVER_BUILT, CHROMIUM].every((file) => fs.existsSync(file)) && commandExists('nvim')) return 0;
  const started = Date.now();
  log(`installing the VS Code host into ${VSCODE_HOST} (scripts/install-vscode-host.sh)`);
  execFileSync('bash', [path.join(PROJECT_ROOT, 'scripts', 'install-vscode-host.sh'), VSCODE_HOST], { stdio: 'inherit' });
  return Date.now() - started;
}

function packageExtension(log) {
  const started = Date.now();
  log('building and packaging pipsight.vsix (npm run package)');
  fs.rmSync(VSIX, { force: true });
  try {
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  } catch {
    throw new Error('npm run package failed (its output is above)');
  }
  if (!fs.existsSync(VSIX)) throw new Error(`npm run package did not produce ${VSIX}`);
  return Date.now() - started;
}

module.exports = { ensureHostInstalled, packageExtension };
