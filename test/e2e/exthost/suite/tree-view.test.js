'use strict';
// The "Python Dependencies" view on tree/ (a small uv project with uv.lock): the items the view's
// data provider hands to VS Code, reverse mode, revealing a declaration, and go to definition; on
// tree-marks/ the marks (declared twice, git / path / URL, long markers); the messages and action
// rows of an empty view; the view's own activity bar container.
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
    const groups = await treeOf(tree, ['main', 'dev (group)']);
    const main = await rows(tree, groups.find((row) => row.label === 'main').node);
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
    // the declaration row names the group it is declared in
    assert.deepStrictEqual(reasons.map((row) => row.label), ['pyproject.toml · main', 'accelerate', 'torch']);
    assert.strictEqual(reasons[0].description, '>=1.26');
  });

  test('clicking a root reveals its declaration in the manifest', async () => {
    const tree = await provider();
    const document = await openInEditor('tree/pyproject.toml');
    const groups = await treeOf(tree, ['main']);
    const main = await rows(tree, groups.find((row) => row.label === 'main').node);
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
      const main = groups.find((row) => row.label === 'main');
      const found = main ? (await rows(tree, main.node)).find((row) => row.label === 'accelerate') : undefined;
      return found && found.item.iconPath.id === 'arrow-up' ? found : null;
    }, { timeoutMs: 30000, intervalMs: 300 });
    assert.match(accelerate.item.tooltip.value.replace(/\\/g, ''), /latest 0\.34\.2 \(`outdated`\)/);
  });

  test('marks a package declared twice, git / path / URL dependencies, and keeps a long marker whole in the tooltip', async () => {
    const tree = await provider();
    const document = await openInEditor('tree-marks/pyproject.toml');
    const groups = await treeOf(tree, ['main', 'docs (extra)', 'dev (group)']);
    const main = await rows(tree, groups.find((row) => row.label === 'main').node);
    const pillows = main.filter((row) => row.label === 'pillow');
    assert.deepStrictEqual(pillows.map((row) => row.description), ['11.1.0 · declared twice', '11.1.0 · declared twice']);
    const pillowTooltip = pillows[1].item.tooltip.value;
    assert.match(pillowTooltip, /Declared twice in main:/);
    assert.ok(pillowTooltip.includes(`#L${positionOf(document, 'pillow>=10.4').line + 1}) \`pillow>=10.4\``), pillowTooltip);
    assert.ok(pillowTooltip.includes(`#L${positionOf(document, 'Pillow>=10.0').line + 1}) \`Pillow>=10.0\``), pillowTooltip);
    // each pillow row reveals its own declaration
    await vscode.commands.executeCommand(pillows[1].item.command.command, ...pillows[1].item.command.arguments);
    assert.strictEqual(vscode.window.activeTextEditor.selection.start.line, positionOf(document, 'Pillow>=10.0').line);
    const marked = (label) => main.find((row) => row.label === label);
    assert.deepStrictEqual(
      ['money-utils', 'ledger-core', 'fastmath'].map((label) => [marked(label).description, marked(label).item.iconPath.id]),
      [['0.9.1 · git', 'source-control'], ['0.4.0 · editable path', 'folder'], ['1.2.0 · URL', 'link']],
    );
    const tomli = marked('tomli');
    assert.ok(tomli.description.endsWith('…'), tomli.description);
    assert.ok(tomli.item.tooltip.value.includes('python_version >= "3.8"\nor platform_machine != "aarch64"\nor implementation_name == "cpython"'), tomli.item.tooltip.value);
  });

  test('a filter with no match says so and offers to clear it', async () => {
    const tree = await provider();
    await openInEditor('tree/pyproject.toml');
    await treeOf(tree, ['main']);
    try {
      await vscode.commands.executeCommand('pipsight.dependencies.filter', 'xyz');
      const [action] = await waitFor('the clear-filter row', async () => {
        const top = await rows(tree);
        return top.length === 1 && top[0].label === 'Clear Filter' ? top : null;
      }, { timeoutMs: 30000, intervalMs: 300 });
      assert.strictEqual(tree.view.message, "No package matches 'xyz'.");
      assert.strictEqual(action.item.command.command, 'pipsight.dependencies.clearFilter');
      await vscode.commands.executeCommand(action.item.command.command, ...(action.item.command.arguments ?? []));
      await treeOf(tree, ['main', 'dev (group)']);
      assert.strictEqual(tree.view.message, undefined);
    } finally {
      await vscode.commands.executeCommand('pipsight.dependencies.clearFilter');
    }
  });

  test('installed mode without an environment offers to select an interpreter', async () => {
    const tree = await provider();
    await openInEditor('tree/pyproject.toml');
    const settings = vscode.workspace.getConfiguration('pipsight');
    await settings.update('pythonPath', workspaceUri('tree/no-such-venv').fsPath, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('pipsight.dependencies.showInstalled');
      const top = await waitFor('the select-interpreter row', async () => {
        tree.refresh(true);
        const found = await rows(tree);
        return found.some((row) => row.label === 'Select Python Interpreter') ? found : null;
      }, { timeoutMs: 30000, intervalMs: 300 });
      assert.match(tree.view.message, /No Python environment found/);
      const select = top.find((row) => row.label === 'Select Python Interpreter').item.command;
      if (vscode.extensions.getExtension('ms-python.python')) {
        assert.strictEqual(select.command, 'python.setInterpreter');
      } else {
        assert.deepStrictEqual([select.command, select.arguments], ['workbench.action.openSettings', ['pipsight.pythonPath']]);
      }
      assert.ok(top.some((row) => row.item.command.command === 'pipsight.dependencies.showLock'));
    } finally {
      await settings.update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('the view lives in an activity bar container of its own', async () => {
    const tree = await provider();
    await openInEditor('tree/pyproject.toml');
    await vscode.commands.executeCommand('workbench.view.extension.pipsight');
    await waitFor('the Python Dependencies view to be visible', () => tree.view.visible, { timeoutMs: 30000, intervalMs: 200 });
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.deepStrictEqual(extension.packageJSON.contributes.views.pipsight.map((view) => view.id), ['pipsight.dependencies']);
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
