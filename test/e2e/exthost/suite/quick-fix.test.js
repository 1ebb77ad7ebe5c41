'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { openInEditor, waitForDiagnostics, codeOf } = require('../helpers');

suite('quick fix', () => {
  test('"Remove futures" deletes exactly the futures line (its comment too) and nothing else', async () => {
    const document = await openInEditor('quick-fix/pyproject.toml');
    const before = document.getText();
    const diagnostics = await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'python2-backport'));
    const backport = diagnostics.find((d) => codeOf(d) === 'python2-backport');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, backport.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((action) => action.title);
    const remove = actions.find((action) => action.title === 'Remove futures');
    assert.ok(remove, `a "Remove futures" action among ${JSON.stringify(titles)}`);
    assert.ok(remove.kind && vscode.CodeActionKind.QuickFix.contains(remove.kind), 'it is a quick fix');
    assert.ok(remove.edit, 'the action carries its edit (stateless fix)');
    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    const expected = before.replace('    "futures>=3.0",  # thread pools on Python 2\n', '');
    assert.notStrictEqual(expected, before);
    assert.strictEqual(document.getText(), expected);
    await waitForDiagnostics(document.uri, (all) => !all.some((d) => codeOf(d) === 'python2-backport'), 30000);
  });
});
