// Shared helpers of the extension-host tests (run inside VS Code, real `vscode` API).
'use strict';
const vscode = require('vscode');
const { waitFor } = require('../lib/poll');

const EXTENSION_ID = 'pipsight.pipsight';

function workspaceUri(relativePath) {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, ...relativePath.split('/'));
}

async function openInEditor(relativePath) {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Waits until the document's Pipsight diagnostics satisfy `accept` (default: there are some). */
function waitForDiagnostics(uri, accept = (diagnostics) => diagnostics.length > 0, timeoutMs = 30000) {
  return waitFor(`Pipsight diagnostics of ${uri.path}`, () => {
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'pipsight');
    return accept(diagnostics) ? diagnostics : null;
  }, { timeoutMs });
}

/** `Diagnostic.code` is a string or `{ value, target }`. */
function codeOf(diagnostic) {
  return typeof diagnostic.code === 'object' && diagnostic.code !== null ? String(diagnostic.code.value) : String(diagnostic.code);
}

/** Codes of findings from package index data (the local index server answers them). */
const INDEX_CODES = new Set(['unknown-package', 'no-matching-version', 'yanked-version', 'requires-python-mismatch', 'outdated', 'index-unreachable']);

/**
 * [code, startLine, startChar, endLine, endChar] rows of the offline findings, sorted, for exact
 * comparisons (index findings arrive later and are checked by index.test.js).
 */
function diagnosticRows(diagnostics) {
  return diagnostics
    .filter((d) => !INDEX_CODES.has(codeOf(d)))
    .map((d) => [codeOf(d), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character])
    .sort((a, b) => a[1] - b[1] || a[2] - b[2] || a[0].localeCompare(b[0]));
}

/** The position of the first occurrence of `needle` on the line that contains `lineText`. */
function positionOf(document, needle, offsetInNeedle = 0) {
  const offset = document.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found in ${document.uri.path}`);
  return document.positionAt(offset + offsetInNeedle);
}

async function hoverTextAt(uri, position) {
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value))).join('\n');
}

module.exports = { EXTENSION_ID, workspaceUri, openInEditor, waitForDiagnostics, codeOf, diagnosticRows, positionOf, hoverTextAt, waitFor };
