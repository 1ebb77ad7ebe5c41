'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { EXTENSION_ID, waitFor } = require('../helpers');

suite('activation', () => {
  test('the extension activates by itself in a workspace with a pyproject.toml', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    // No activate() call: the workspace alone must trigger the activation event.
    await waitFor('the extension to be active', () => extension.isActive, { timeoutMs: 60000 });
    console.log(`VS Code ${vscode.version} (${vscode.env.appName}, uiKind ${vscode.env.uiKind}, remote ${vscode.env.remoteName})`);
  });

  test('contributes the restart and log commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['pipsight.restartServer', 'pipsight.showLog']) assert.ok(commands.includes(id), `${id} is registered`);
  });
});
