// The project's local package index server (test/index-server) for an e2e run: started once as a
// child process (`tsx test/index-server/main.ts --port 0`), its URL read from the line it prints.
// The editors under test are pointed at it (workspace settings, PIP_INDEX_URL), so no e2e test
// reaches the internet and index answers are the same on every run.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { PROJECT_ROOT } = require('./paths');
const { trackProcessGroup, untrackProcessGroup } = require('./process-cleanup');

const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

/**
 * `detached`: the server runs in its own process group (tsx and the node process it starts), so a
 * caller that outlives a terminal's Ctrl-C, or is stopped by a signal sent to it alone, ends both
 * with `process.kill(-pid)`; stop() then signals the whole group, and so does a SIGTERM/SIGINT to
 * a process that installed process-cleanup's stopEverythingOnSignals().
 */
function startLocalIndexServer({ timeoutMs = 30000, detached = false } = {}) {
  const child = spawn(TSX, [path.join(PROJECT_ROOT, 'test', 'index-server', 'main.ts'), '--port', '0'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached });
  if (detached) {
    trackProcessGroup(child.pid);
    child.once('exit', () => {
      signal('SIGKILL'); // tsx's node child, should it outlive tsx
      untrackProcessGroup(child.pid);
    });
  }
  const signal = (name) => {
    try {
      if (detached) process.kill(-child.pid, name);
      else child.kill(name);
    } catch { /* already gone */ }
  };
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the local index server did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    function fail(error) {
      clearTimeout(timer);
      signal('SIGKILL');
      reject(error);
    }
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /local index server on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const url = match[1];
      resolve({
        url,
        pypi: `${url}/simple/`,
        pid: child.pid,
        stop: () => new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          signal('SIGTERM');
        }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk.toString(); });
    child.once('exit', (code) => fail(new Error(`the local index server exited with ${code}:\n${output}`)));
  });
}

/** VS Code settings pointing Pipsight at the local index server instead of pypi.org. */
function indexSettings(indexUrl) {
  return { 'pipsight.indexes': [{ url: indexUrl, default: true }] };
}

/**
 * Writes `.vscode/settings.json` into a workspace copy: pointing Pipsight at the run's local index
 * server, or (`offline`) keeping it away from every index, for suites about other features.
 */
function writeWorkspaceSettings(workspace, { offline = false } = {}) {
  const indexUrl = process.env.PIPSIGHT_E2E_INDEX_URL;
  if (!indexUrl && !offline) return;
  const settings = offline ? { 'pipsight.offline': true } : indexSettings(indexUrl);
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
}

/**
 * The local index server an e2e run started (run-e2e.js passes its PyPI URL down as
 * PIPSIGHT_E2E_INDEX_URL), in the shape startLocalIndexServer resolves with minus pid/stop; null
 * when no run started one.
 */
function runIndexServer() {
  const pypi = process.env.PIPSIGHT_E2E_INDEX_URL;
  if (!pypi) return null;
  return { url: pypi.replace(/\/simple\/?$/, ''), pypi };
}

module.exports = { startLocalIndexServer, indexSettings, writeWorkspaceSettings, runIndexServer };
