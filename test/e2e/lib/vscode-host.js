// A real VS Code for the e2e tests: code-server (VS Code server + web workbench, installed by
// scripts/install-vscode-host.sh) on 127.0.0.1, shown in Debian's headless chromium through
// playwright-core.
'use strict';
const { spawn, execFile } = require('child_process');
const fs = require('fs');
const path = require('path');
const { promisify } = require('util');
const { NODE24, CODE_SERVER, CHROMIUM } = require('./paths');
const { makeTempDir } = require('./temp-dirs');
const { isStopping, trackProcessGroup, untrackProcessGroup, stopEverythingOnSignals } = require('./process-cleanup');

const DEFAULT_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'editor.hover.delay': 100,
};

function assertHostInstalled() {
  for (const file of [NODE24, CODE_SERVER, CHROMIUM]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run scripts/install-vscode-host.sh (or set VSCODE_HOST)`);
  }
}

/**
 * code-server keeps its config.yaml, data and machine id under XDG_* and its sockets under
 * TMPDIR: point all of them into the run's temp folder, never into the user's home.
 */
function isolatedEnvironment(userDataDir, extraEnv) {
  return {
    ...process.env, ...extraEnv, PASSWORD: undefined, TMPDIR: makeTempDir('tmp-'),
    XDG_CONFIG_HOME: path.join(userDataDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(userDataDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(userDataDir, 'xdg-cache'),
  };
}

/** `code-server --install-extension file.vsix` into `extensionsDir` (offline: a local file). */
async function installVsix(vsixPath, { userDataDir, extensionsDir }) {
  assertHostInstalled();
  await promisify(execFile)(NODE24, [
    CODE_SERVER, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--install-extension', vsixPath, '--force',
  ], { env: isolatedEnvironment(userDataDir, {}), timeout: 120000 });
}

/**
 * Starts code-server on port 0 (the system picks a free loopback port, so no other process can
 * take it between a look-up and the bind); resolves once it prints the address it listens on. It
 * runs in its own process group (detached) so stop() -- or a signal to this process -- ends it
 * together with its extension hosts and the language servers they started.
 */
async function startCodeServer({ userDataDir, extensionsDir, folder, settings = {}, env = {}, logFile, timeoutMs = 120000 }) {
  assertHostInstalled();
  if (isStopping()) throw new Error('stopping (a signal came): code-server not started');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const configFile = path.join(userDataDir, 'code-server-config.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n`);
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...settings }, null, 2));
  const args = [
    CODE_SERVER,
    '--config', configFile,
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    // Without the smoke-test driver a built VS Code ignores the URL payload
    // (extensionDevelopmentPath / extensionTestsPath): the extension is silently not loaded.
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  if (folder) args.push(folder);
  const startedAt = Date.now();
  stopEverythingOnSignals();
  const child = spawn(NODE24, args, { env: isolatedEnvironment(userDataDir, env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  trackProcessGroup(child.pid);
  const log = logFile ? fs.createWriteStream(logFile) : null;
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk.toString();
      if (log) log.write(chunk);
      const listening = /HTTP server listening on https?:\/\/[^\s/]+:(\d+)/.exec(output);
      if (listening) { clearTimeout(timer); resolve(Number(listening[1])); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((code) => { clearTimeout(timer); reject(new Error(`code-server exited with ${code}:\n${output}`)); });
  });
  return {
    port,
    pid: child.pid,
    url: `http://127.0.0.1:${port}/`,
    startMs: Date.now() - startedAt,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try { process.kill(-child.pid, 'SIGTERM'); } catch { /* group already gone */ }
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      }
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group already gone */ }
      untrackProcessGroup(child.pid);
      if (log) log.end();
    },
  };
}

/** Headless Debian chromium with a fresh profile. */
async function launchChromium({ width = 1400, height = 900 } = {}) {
  const { chromium } = require('playwright-core');
  const profileDir = makeTempDir('chromium-');
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profileDir, 'xdg-config'), XDG_CACHE_HOME: path.join(profileDir, 'xdg-cache') },
    viewport: { width, height },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * The workbench URL opening `folder`, with a "payload" as VS Code's own web tests pass it:
 * extension development path(s) and the extension tests path, as vscode-remote URIs whose
 * authority is exactly the host:port the browser uses.
 */
function workbenchUrl(server, folder, { developmentPaths = [], testsPath } = {}) {
  const authority = `127.0.0.1:${server.port}`;
  const payload = developmentPaths.map((p) => ['extensionDevelopmentPath', `vscode-remote://${authority}${p}`]);
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${testsPath}`]);
  payload.push(['skipWelcome', 'true']);
  const query = new URLSearchParams({ folder, payload: JSON.stringify(payload) });
  return `${server.url}?${query.toString()}`;
}

module.exports = { assertHostInstalled, installVsix, startCodeServer, launchChromium, workbenchUrl };
