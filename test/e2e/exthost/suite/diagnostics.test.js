'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { openInEditor, waitForDiagnostics, codeOf, diagnosticRows } = require('../helpers');

function hasCodes(...codes) {
  return (diagnostics) => codes.every((code) => diagnostics.some((d) => codeOf(d) === code));
}

suite('diagnostics', () => {
  test('pyproject.toml: invalid requirement, contradictory numpy pair, futures backport', async () => {
    const started = Date.now();
    const document = await openInEditor('pyproject.toml');
    const diagnostics = await waitForDiagnostics(document.uri, hasCodes('invalid-requirement', 'contradictory-requirements', 'python2-backport'));
    console.log(`pyproject.toml diagnostics after ${Date.now() - started} ms`);
    assert.deepStrictEqual(diagnosticRows(diagnostics), [
      // "requests>=2,<": the specifier ends after "<" (line 5)
      ['invalid-requirement', 5, 17, 5, 18],
      // numpy>=2.0 (main) against numpy<2 (group "legacy"): reported on both specifiers
      ['contradictory-requirements', 6, 10, 6, 15],
      // futures: the package name
      ['python2-backport', 7, 5, 7, 12],
      ['contradictory-requirements', 12, 16, 12, 18],
    ]);
    const backport = diagnostics.find((d) => codeOf(d) === 'python2-backport');
    assert.strictEqual(backport.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(backport.tags && backport.tags.includes(vscode.DiagnosticTag.Unnecessary), 'the backport is marked unnecessary (faded)');
    assert.match(backport.message, /concurrent\.futures/);
  });

  test('requirements file: invalid line, contradictory Django pins, enum34 backport', async () => {
    const document = await openInEditor('requirements/base.txt');
    assert.strictEqual(document.languageId, 'pip-requirements');
    const diagnostics = await waitForDiagnostics(document.uri, hasCodes('invalid-requirement', 'contradictory-requirements', 'python2-backport'));
    assert.deepStrictEqual(diagnosticRows(diagnostics), [
      ['contradictory-requirements', 2, 6, 2, 11],
      ['python2-backport', 3, 0, 3, 6],
      ['contradictory-requirements', 4, 6, 4, 8],
      ['invalid-requirement', 5, 6, 5, 8],
    ]);
  });

  test('diagnostics follow edits: fixing the invalid requirement clears it', async () => {
    const document = await openInEditor('pyproject.toml');
    const line = document.lineAt(5);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, line.range, '    "requests>=2,<3",');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await waitForDiagnostics(document.uri, (diagnostics) => diagnostics.length > 0 && !diagnostics.some((d) => codeOf(d) === 'invalid-requirement'));
    } finally {
      const undo = new vscode.WorkspaceEdit();
      undo.replace(document.uri, document.lineAt(5).range, line.text);
      await vscode.workspace.applyEdit(undo);
      await document.save();
    }
    await waitForDiagnostics(document.uri, hasCodes('invalid-requirement'));
  });
});
