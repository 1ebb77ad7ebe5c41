'use strict';
// The "Python Dependencies" view on tree/ (a small uv project with uv.lock): the items the view's
// data provider hands to VS Code, reverse mode, revealing a declaration, and go to definition.
const assert = require('assert');
const vscode = require('vscode');
const { EXTENSION_ID, openInEditor, positionOf, waitFor, workspaceUri } = require('../helpers');

async function provider() {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  const api = extension.isActive ? extension.exports : await extension.activate();
  return api.dependencyTree;
}

/** [label, description] of the nodes under `parent` (the top level when undefined). */
async function rows(tree, parent) {
  const children = await tree.getChildren(parent);
  return children.map((node) => {
    const item = tree.getTreeItem(node);
    return { node, item, label: String(item.label), description: String(item.description ?? '') };
  });
}

async function treeOf(tree, expectedTopLabels) {
  return waitFor(`the view to show ${expectedTopLabels.join(', ')}`, async () => {
    tree.refresh();
    const top = await rows(tree);
    return expectedTopLabels.every((label) => top.some((row) => row.label === label)) ? top : null;
  }, { timeoutMs: 30000, intervalMs: 300 });
}

suite('dependency tree view', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('pipsight.dependencies.exitReverse');
    await vscode.commands.executeCommand('pipsight.dependencies.showLock');
  });

  test('shows the declared requirements per group with their locked versions and dependencies', async () => {
    const tree = await provider();
    await openInEditor('tree/pyproject.toml');
    const groups = await treeOf(tree, ['dependencies', 'dev (group)']);
    const main = await rows(tree, groups.find((row) => row.label === 'dependencies').node);
    assert.deepStrictEqual(main.map((row) => `${row.label} ${row.description}`), ['accelerate 0.33.0', 'numpy 2.1.1', 'torch 2.5.1+cu124 (*)']);
    const underAccelerate = await rows(tree, main[0].node);
    assert.deepStrictEqual(underAccelerate.map((row) => `${row.label} ${row.description}`), ['numpy 2.1.1', 'torch 2.5.1+cu124']);
    const dev = await rows(tree, groups.find((row) => row.label === 'dev (group)').node);
    assert.deepStrictEqual(dev.map((row) => row.label), ['pytest']);
  });

  test('reverse mode answers why numpy is here', async () => {
    const tree = await provider();
    await openInEditor('tree/pyproject.toml');
    await vscode.commands.executeCommand('pipsight.dependencies.why', 'numpy');
    const top = await treeOf(tree, ['numpy']);
    assert.strictEqual(top.length, 1);
    const reasons = await rows(tree, top[0].node);
    assert.deepStrictEqual(reasons.map((row) => row.label), ['pyproject.toml', 'accelerate', 'torch']);
    assert.strictEqual(reasons[0].description, '>=1.26');
  });

  test('clicking a root reveals its declaration in the manifest', async () => {
    const tree = await provider();
    const document = await openInEditor('tree/pyproject.toml');
    const groups = await treeOf(tree, ['dependencies']);
    const main = await rows(tree, groups.find((row) => row.label === 'dependencies').node);
    const torch = main.find((row) => row.label === 'torch');
    await vscode.commands.executeCommand(torch.item.command.command, ...torch.item.command.arguments);
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor.document.uri.toString(), document.uri.toString());
    assert.strictEqual(editor.selection.start.line, positionOf(document, 'torch>=2.5').line);
  });

  test('tells uv fork duplicates apart by the marker of their lock edge', async () => {
    const tree = await provider();
    await openInEditor('tree-fork/pyproject.toml');
    const top = await treeOf(tree, ['torch', 'numpy']);
    const torch = top.filter((row) => row.label === 'torch');
    assert.deepStrictEqual(torch.map((row) => row.description), ["2.5.1 ; sys_platform != 'linux'", "2.5.1+cu124 ; sys_platform == 'linux'"]);
    assert.match(torch[1].item.tooltip.value, /Requires: `>=2\.5`[\s\S]*Marker: `sys_platform == 'linux'`/);
  });

  test('marks roots with a newer release (index data the server holds) with an arrow-up icon', async function () {
    // Index data comes from the local index server the e2e run configures in the workspace settings.
    if ((vscode.workspace.getConfiguration('pipsight').get('indexes') ?? []).length === 0) this.skip();
    const tree = await provider();
    await openInEditor('tree/pyproject.toml');
    const accelerate = await waitFor('accelerate marked outdated', async () => {
      tree.refresh();
      const groups = await rows(tree);
      const main = groups.find((row) => row.label === 'dependencies');
      const found = main ? (await rows(tree, main.node)).find((row) => row.label === 'accelerate') : undefined;
      return found && found.item.iconPath.id === 'arrow-up' ? found : null;
    }, { timeoutMs: 30000, intervalMs: 300 });
    assert.match(accelerate.item.tooltip.value.replace(/\\/g, ''), /latest 0\.34\.2 \(`outdated`\)/);
  });

  test('go to definition leads from a requirement to its uv.lock entry', async () => {
    const document = await openInEditor('tree/pyproject.toml');
    const locations = await waitFor('a definition', async () => {
      const found = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', document.uri, positionOf(document, 'numpy>=1.26', 2));
      return found && found.length > 0 ? found : null;
    });
    const uri = locations[0].uri ?? locations[0].targetUri;
    assert.strictEqual(uri.toString(), workspaceUri('tree/uv.lock').toString());
  });
});
