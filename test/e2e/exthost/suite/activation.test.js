'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { EXTENSION_ID, waitFor } = require('../helpers');
const { OUTPUT_DIR } = require('../../lib/paths');

/** Read by `npm run bench` (bench/activation.ts), which runs this file alone. */
const ACTIVATION_FILE = path.join(OUTPUT_DIR, 'activation.json');

suite('activation', () => {
  test('the extension activates by itself in a workspace with a pyproject.toml', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    // No activate() call: the workspace alone must trigger the activation event.
    await waitFor('the extension to be active', () => extension.isActive, { timeoutMs: 60000 });
    console.log(`VS Code ${vscode.version} (${vscode.env.appName}, uiKind ${vscode.env.uiKind}, remote ${vscode.env.remoteName})`);
  });

  test('reports its activation time (code loading + activate()) and when the server was ready', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    await waitFor('the extension to be active', () => extension.isActive, { timeoutMs: 60000 });
    const figures = extension.exports.activation;
    const { loadToActivatedMs, codeLoadingMs, activateCallMs, serverReadyMs } = figures;
    // Sane, not fast: the budget (150 ms) is the benchmark's verdict, not a test failure.
    for (const [name, value, upTo] of [['codeLoadingMs', codeLoadingMs, 10000], ['activateCallMs', activateCallMs, 10000], ['serverReadyMs', serverReadyMs, 60000]]) {
      assert.ok(typeof value === 'number' && Number.isFinite(value) && value > 0 && value < upTo, `${name} ${value}`);
    }
    assert.strictEqual(loadToActivatedMs, codeLoadingMs + activateCallMs);
    fs.mkdirSync(OUTPUT_DIR, { recursive: true });
    fs.writeFileSync(ACTIVATION_FILE, JSON.stringify({ vscodeVersion: vscode.version, ...figures }, null, 2));
    console.log(`activation: ${loadToActivatedMs.toFixed(1)} ms, server ready ${serverReadyMs.toFixed(1)} ms later`);
  });

  test('contributes the restart and log commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['pipsight.restartServer', 'pipsight.showLog']) assert.ok(commands.includes(id), `${id} is registered`);
  });
});
