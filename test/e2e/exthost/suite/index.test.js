'use strict';
// Index intelligence against the local index server (the workspace settings point
// pipsight.indexes at it): hover, inlay hints, a yanked-version diagnostic and its update fix.
const assert = require('assert');
const vscode = require('vscode');
const { openInEditor, waitForDiagnostics, codeOf, positionOf, hoverTextAt, waitFor } = require('../helpers');

const FILE = 'index/pyproject.toml';
const hasYanked = (diagnostics) => diagnostics.some((d) => codeOf(d) === 'yanked-version');

suite('package index intelligence', () => {
  test('a yanked pin gets a yanked-version diagnostic on its specifier', async () => {
    const document = await openInEditor(FILE);
    const diagnostics = await waitForDiagnostics(document.uri, hasYanked);
    const yanked = diagnostics.find((d) => codeOf(d) === 'yanked-version');
    assert.strictEqual(document.getText(yanked.range), '==2.32.0');
    assert.strictEqual(yanked.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(yanked.message, /CVE-2024-35195/);
  });

  test('hover shows the latest release and the index that answered', async () => {
    const document = await openInEditor(FILE);
    await waitForDiagnostics(document.uri, hasYanked);
    const text = await hoverTextAt(document.uri, positionOf(document, 'requests==', 2));
    assert.match(text, /Latest: `2\.32\.3`/);
    assert.match(text, /is yanked: Yanked due to conflicts/);
    assert.match(text, /- Index: `http:\/\/127\.0\.0\.1:\d+\/simple\/`/);
  });

  test('inlay hints show the latest release after each requirement', async () => {
    const document = await openInEditor(FILE);
    await waitForDiagnostics(document.uri, hasYanked);
    const range = new vscode.Range(0, 0, document.lineCount, 0);
    const labels = await waitFor('three inlay hints', async () => {
      const hints = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', document.uri, range);
      const texts = hints.map((hint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('')));
      return texts.length === 3 ? texts : null;
    });
    assert.deepStrictEqual(labels, ['latest 2.32.3', 'latest 3.1.0', 'latest 2.3.4']);
  });

  test('the update quick fix changes exactly the specifier', async () => {
    const document = await openInEditor(FILE);
    const before = document.getText();
    const diagnostics = await waitForDiagnostics(document.uri, hasYanked);
    const yanked = diagnostics.find((d) => codeOf(d) === 'yanked-version');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, yanked.range, vscode.CodeActionKind.QuickFix.value);
    const update = actions.find((action) => action.title === 'Update requests to ==2.32.3');
    assert.ok(update, `an update action among ${JSON.stringify(actions.map((action) => action.title))}`);
    assert.ok(await vscode.workspace.applyEdit(update.edit));
    assert.strictEqual(document.getText(), before.replace('"requests==2.32.0"', '"requests==2.32.3"'));
    await waitForDiagnostics(document.uri, (all) => !hasYanked(all));
    await document.save();
  });
});
