// Runs extension-host tests (an extensionTestsPath module exporting run()) in a real VS Code:
// code-server on loopback, its workbench opened in headless chromium with the development and
// tests paths passed in the workbench URL payload. Resolves with the extension host's exit code.
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const { startCodeServer, launchChromium, workbenchUrl } = require('./vscode-host');
const { makeTempDir, removeRunTempDir } = require('./temp-dirs');

// Workbench chatter on the automation log (connection set-up, offline gallery look-ups).
const NOISE = /open-vsx\.org|vsda_bg\.wasm|authentication provider 'github'|^\[|^Resolv|^Creating a socket|grace time|builtin extensions cache/;

async function runExtensionHostTests({
  developmentPaths, testsPath, folder, userDataDir, extensionsDir, env = {}, screenshotFile,
  timeoutMs = 10 * 60 * 1000, log = (line) => process.stdout.write(line + '\n'),
}) {
  const verbose = Boolean(process.env.VERBOSE);
  userDataDir = userDataDir || makeTempDir('user-data-');
  extensionsDir = extensionsDir || makeTempDir('extensions-');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const logFile = path.join(userDataDir, 'code-server.log');
  const server = await startCodeServer({ userDataDir, extensionsDir, env, logFile });
  let browser;
  let exitCode = 1;
  try {
    browser = await launchChromium();
    const page = browser.pages()[0] || await browser.newPage();
    let resolveExit;
    const exited = new Promise((resolve) => { resolveExit = resolve; });
    // The extension host's console and exit code reach the page through these two hooks;
    // they must exist before the workbench loads.
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = util.format(...(args || []));
      if (!verbose && NOISE.test(text.split('\n')[0])) return;
      log(text.replace(/\n$/, ''));
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    await page.goto(workbenchUrl(server, folder || makeTempDir('workspace-'), { developmentPaths, testsPath }));
    let timer;
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`extension-host tests did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      exitCode = await Promise.race([exited, timedOut]);
    } finally {
      clearTimeout(timer);
    }
    if (screenshotFile) await page.screenshot({ path: screenshotFile });
    if (exitCode !== 0) log(`[e2e] code-server output (tail):\n${server.output().split('\n').slice(-30).join('\n')}`);
  } finally {
    if (browser) await browser.close();
    await server.stop();
    removeRunTempDir();
  }
  return exitCode;
}

module.exports = { runExtensionHostTests };
