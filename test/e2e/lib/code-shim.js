#!/usr/bin/env node
// A stand-in for the desktop `code` executable, for @vscode/test-electron's
// runTests({ vscodeExecutablePath }). It reads the arguments runTests passes
//   --extensionDevelopmentPath=P --extensionTestsPath=T --user-data-dir=D --extensions-dir=E [folder]
// (desktop-only flags such as --no-sandbox are ignored), runs the tests in code-server shown in
// headless chromium, and exits with the tests' exit code. The extension host inherits this
// process's environment (runTests' extensionTestsEnv). It stops code-server and chromium and
// removes its temp folder on SIGTERM/SIGINT and when its parent goes away.
'use strict';
const path = require('path');
const { runExtensionHostTests } = require('./run-extension-host-tests');
const { stopEverythingOnSignals, stopEverythingWhenParentExits } = require('./process-cleanup');

const FLAGS_WITH_VALUE = ['--extensionDevelopmentPath', '--extensionTestsPath', '--user-data-dir', '--extensions-dir', '--folder-uri', '--locale', '--log'];

function parseArguments(argv) {
  const options = { developmentPaths: [], positional: [] };
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i];
    if (!flag.startsWith('--')) { options.positional.push(flag); continue; }
    let value;
    const equals = flag.indexOf('=');
    if (equals > 0) { value = flag.slice(equals + 1); flag = flag.slice(0, equals); }
    if (FLAGS_WITH_VALUE.includes(flag) && value === undefined) value = argv[++i];
    switch (flag) {
      case '--extensionDevelopmentPath': options.developmentPaths.push(path.resolve(value)); break;
      case '--extensionTestsPath': options.testsPath = path.resolve(value); break;
      case '--user-data-dir': options.userDataDir = path.resolve(value); break;
      case '--extensions-dir': options.extensionsDir = path.resolve(value); break;
      case '--folder-uri': options.positional.push(new URL(value).pathname); break;
      case '--version': options.version = true; break;
      default: break;
    }
  }
  return options;
}

async function main() {
  // A runner stopped by a CI timeout (or killed) must not leave code-server and chromium behind.
  stopEverythingOnSignals();
  stopEverythingWhenParentExits();
  const options = parseArguments(process.argv.slice(2));
  if (options.version) { console.log('1.139.1 (code-server stand-in)'); return 0; }
  if (!options.testsPath || options.developmentPaths.length === 0) {
    console.error('code-shim: --extensionDevelopmentPath and --extensionTestsPath are required');
    return 2;
  }
  const folder = options.positional.length ? path.resolve(options.positional[options.positional.length - 1]) : undefined;
  const code = await runExtensionHostTests({ ...options, folder, screenshotFile: process.env.PIPSIGHT_E2E_EXTHOST_SCREENSHOT });
  return typeof code === 'number' ? code : 1;
}

main().then((code) => process.exit(code), (error) => { console.error(error); process.exit(1); });
