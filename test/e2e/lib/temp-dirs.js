// One temp folder per e2e run: workspaces, user data, chromium profiles and (through TMPDIR)
// code-server's sockets go under it, and removeRunTempDir() deletes it all. KEEP_TMP=1 keeps it.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

let runTempDir;

function makeTempDir(prefix) {
  if (!runTempDir) runTempDir = fs.mkdtempSync(path.join(process.env.E2E_TMP || os.tmpdir(), 'pipsight-e2e-'));
  return fs.mkdtempSync(path.join(runTempDir, prefix));
}

function removeRunTempDir() {
  if (runTempDir && !process.env.KEEP_TMP) fs.rmSync(runTempDir, { recursive: true, force: true });
  runTempDir = undefined;
}

/**
 * Copies a folder (a fixture workspace, examples/) into a fresh temp folder the tests may edit;
 * the copy keeps the folder's name (shown in the workbench title and the screenshots).
 */
function copyToTempDir(source, prefix) {
  const target = path.join(makeTempDir(prefix), path.basename(source));
  fs.cpSync(source, target, { recursive: true });
  return target;
}

module.exports = { makeTempDir, removeRunTempDir, copyToTempDir };
