'use strict';
// The shipped requirements grammar, tokenized by the same TextMate engine VS Code uses (its own
// vscode-textmate + vscode-oniguruma, found under vscode.env.appRoot), so the scopes checked
// here are the scopes the editor colours.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { EXTENSION_ID, openInEditor } = require('../helpers');

const REQUIREMENTS_LANGUAGE = 'pip-requirements';

async function loadRequirementsGrammar() {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  const contribution = extension.packageJSON.contributes.grammars.find((g) => g.language === REQUIREMENTS_LANGUAGE);
  assert.ok(contribution, `a grammar is contributed for ${REQUIREMENTS_LANGUAGE}`);
  const modules = path.join(vscode.env.appRoot, 'node_modules');
  const textmate = require(path.join(modules, 'vscode-textmate'));
  const oniguruma = require(path.join(modules, 'vscode-oniguruma'));
  const wasm = fs.readFileSync(path.join(modules, 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const grammarFile = path.join(extension.extensionPath, contribution.path);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scopeName) => (scopeName === contribution.scopeName
      ? textmate.parseRawGrammar(fs.readFileSync(grammarFile, 'utf8'), grammarFile)
      : null),
  });
  return { grammar: await registry.loadGrammar(contribution.scopeName), scopeName: contribution.scopeName, textmate };
}

/** The innermost scope of the token holding `text` on one tokenized line. */
function innermostScope(loaded, line, text) {
  const { tokens } = loaded.grammar.tokenizeLine(line, loaded.textmate.INITIAL);
  const start = line.indexOf(text);
  assert.ok(start >= 0, `"${text}" is on the line`);
  const token = tokens.find((t) => t.startIndex <= start && start < t.endIndex);
  return token.scopes[token.scopes.length - 1];
}

/** Asserts the scopes themes colour by (entity.name, keyword.operator, ...) for each piece of `line`. */
function assertScopes(loaded, line, expected) {
  for (const [text, scopePrefix] of expected) {
    const scope = innermostScope(loaded, line, text);
    assert.ok(scope.startsWith(scopePrefix), `"${text}" in ${JSON.stringify(line)}: ${scope} should start with ${scopePrefix}`);
  }
}

suite('requirements grammar', () => {
  let loaded;
  suiteSetup(async () => { loaded = await loadRequirementsGrammar(); });

  test('requirements files open with the contributed language', async () => {
    const document = await openInEditor('requirements/base.txt');
    assert.strictEqual(document.languageId, REQUIREMENTS_LANGUAGE);
  });

  test('a requirement line: name, extras, operator, version, marker and comment', () => {
    assertScopes(loaded, 'requests[socks]>=2.31 ; python_version < "3.12"  # HTTP client', [
      ['requests', 'entity.name.package'],
      ['socks', 'variable.parameter'],
      ['>=', 'keyword.operator'],
      ['2.31', 'constant.numeric'],
      ['python_version', 'variable.language'],
      ['3.12', 'string.quoted'],
      ['HTTP client', 'comment.line'],
    ]);
  });

  test('options, include lines and hashes', () => {
    assertScopes(loaded, '-r base.txt', [['-r', 'keyword.other'], ['base.txt', 'string']]);
    assertScopes(loaded, '--index-url https://download.pytorch.org/whl/cu124', [['--index-url', 'keyword.other'], ['https://', 'markup.underline.link']]);
    assertScopes(loaded, 'torch==2.6.0+cu124 \\', [['torch', 'entity.name.package'], ['2.6.0+cu124', 'constant.numeric'], ['\\', 'punctuation.separator.continuation']]);
    assertScopes(loaded, '    --hash=sha256:0a1b2c', [['--hash', 'keyword.other'], ['0a1b2c', 'constant.other']]);
  });
});
