'use strict';
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const { openInEditor, waitForDiagnostics, codeOf, waitFor } = require('../helpers');

/** Pids of the language servers this extension host started: children running dist/server.js. */
function languageServerPids() {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ")".
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parentPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parentPid !== process.pid) continue;
      const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (commandLine.some((part) => /dist[\\/]server\.js$/.test(part))) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] !== 'Z';
  } catch {
    return false;
  }
}

suite('server restart', () => {
  let editedDocument;

  // The test edits the shared fixture pyproject.toml in memory: revert it, so the tests that run
  // after this one see the file as it is on disk whatever their order.
  teardown(async () => {
    if (!editedDocument || !editedDocument.isDirty) return;
    await vscode.window.showTextDocument(editedDocument, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    // isDirty can turn false a moment before the reverted text reaches the document: wait for both.
    const saved = fs.readFileSync(editedDocument.uri.fsPath, 'utf8');
    await waitFor('pyproject.toml reverted to its saved text', () => !editedDocument.isDirty && editedDocument.getText() === saved);
  });

  test('after kill -9 of the language server, a new one starts and diagnostics work again', async () => {
    const document = await openInEditor('pyproject.toml');
    await waitForDiagnostics(document.uri);
    const [oldPid] = await waitFor('the language server process', () => {
      const pids = languageServerPids();
      return pids.length === 1 ? pids : null;
    });
    process.kill(oldPid, 'SIGKILL');
    await waitFor(`server ${oldPid} to be gone`, () => !isAlive(oldPid));
    const [newPid] = await waitFor('a new language server process', () => {
      const pids = languageServerPids().filter((pid) => pid !== oldPid);
      return pids.length === 1 ? pids : null;
    }, { timeoutMs: 60000 });
    assert.notStrictEqual(newPid, oldPid);

    // Diagnostics are live again: an edit adding another backport is analysed by the new server.
    const insertAt = document.positionAt(document.getText().indexOf('    "click>=8.1",'));
    editedDocument = document;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, insertAt, '    "typing>=3.7",\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'python2-backport' && /typing/.test(d.message)), 60000);
    const typing = diagnostics.find((d) => codeOf(d) === 'python2-backport' && /typing/.test(d.message));
    assert.strictEqual(typing.range.start.line, insertAt.line);
  });
});
