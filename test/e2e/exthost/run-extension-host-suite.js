// Runs the extension-host suite the classic way -- @vscode/test-electron's runTests -- with the
// code-server stand-in (lib/code-shim.js) as the VS Code executable. The extension is loaded
// from the project folder (dist/ must be built); the workspace is a copy of
// fixtures/workspace whose .vscode/settings.json points Pipsight at the local index server. Resolves with { passed, failed } read from the suite's results file.
'use strict';
const fs = require('fs');
const path = require('path');
const { runTests } = require('@vscode/test-electron');
const { PROJECT_ROOT, OUTPUT_DIR, SCREENSHOT_DIR } = require('../lib/paths');
const { copyToTempDir, makeTempDir, removeRunTempDir } = require('../lib/temp-dirs');
const { writeWorkspaceSettings } = require('../lib/index-server');

async function runExtensionHostSuite() {
  const workspace = copyToTempDir(path.join(__dirname, '..', 'fixtures', 'workspace'), 'workspace-');
  writeWorkspaceSettings(workspace);
  const resultsFile = path.join(OUTPUT_DIR, 'extension-host-results.json');
  fs.rmSync(resultsFile, { force: true });
  let runError;
  try {
    await runTests({
      vscodeExecutablePath: path.join(__dirname, '..', 'lib', 'code-shim.js'),
      extensionDevelopmentPath: PROJECT_ROOT,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${makeTempDir('user-data-')}`, `--extensions-dir=${makeTempDir('extensions-')}`],
      extensionTestsEnv: {
        PIPSIGHT_E2E_RESULTS: resultsFile,
        PIPSIGHT_E2E_EXTHOST_SCREENSHOT: path.join(SCREENSHOT_DIR, 'extension-host-end.png'),
      },
    });
  } catch (error) {
    runError = error;
  } finally {
    removeRunTempDir();
  }
  if (!fs.existsSync(resultsFile)) {
    // The session died before mocha finished: count it as one failure with the reason.
    return { suite: 'vscode-extension-host', passed: [], failed: [{ title: 'extension-host session', error: String(runError) }] };
  }
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
}

module.exports = { runExtensionHostSuite };
