// Import boundaries between layers (see README "Architecture"). A wrong import fails `npm test`.
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

const vscodeModules = [
  { name: 'vscode', message: 'Only client/src talks to the VS Code API.' },
];
const vscodePatterns = [
  { group: ['vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'], message: 'LSP types stay in server/src/lsp.' },
];

function restrict(paths, patterns) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-output/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    rules: {},
  },
  {
    // Regular expressions run over user text (dependency files, index pages): none may backtrack
    // polynomially or exponentially (`\s*#.*` after `\s+`, nested quantifiers...).
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignorePartial: false, ignoreSticky: false }],
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      ...restrict(vscodeModules, [
        ...vscodePatterns,
        { group: ['node:*', 'fs', 'path', 'os', 'http', 'https', 'child_process', 'net', 'url', 'timers', 'undici'], message: 'core is pure: no I/O, no timers.' },
        { group: ['**/registry/**', '**/registry', '**/env/**', '**/env', '**/lsp/**', '**/lsp', '**/cli/**', '**/cli'], message: 'core imports only itself.' },
      ]),
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'core has no clock: pass time in.' }],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'core has no timers.' }, { name: 'setInterval', message: 'core has no timers.' }, { name: 'process', message: 'core has no process access.' }, { name: 'fetch', message: 'core does no I/O.' }],
    },
  },
  {
    files: ['server/src/registry/**/*.ts'],
    rules: restrict(vscodeModules, [...vscodePatterns, { group: ['**/lsp/**', '**/lsp', '**/cli/**', '**/cli', '**/env/**', '**/env'], message: 'registry imports only core.' }]),
  },
  {
    files: ['server/src/env/**/*.ts'],
    rules: restrict(vscodeModules, [...vscodePatterns, { group: ['**/registry/**', '**/registry', '**/lsp/**', '**/lsp', '**/cli/**', '**/cli'], message: 'env imports only core.' }]),
  },
  {
    files: ['server/src/lsp/**/*.ts'],
    rules: restrict(vscodeModules, [{ group: ['**/client/**', 'vscode-languageclient*'], message: 'the server never imports the client.' }, { group: ['**/cli/**', '**/cli'], message: 'lsp does not import the CLI.' }]),
  },
  {
    files: ['server/src/cli/**/*.ts'],
    rules: restrict(vscodeModules, [{ group: ['vscode-languageclient*', '**/client/**'], message: 'the CLI never imports the client.' }]),
  },
  {
    files: ['client/src/**/*.ts'],
    rules: restrict([], [
      { group: ['**/server/src/*', '!**/server/src/protocol'], message: 'the client imports only server/src/protocol.ts of the server.' },
      { group: ['vscode-languageserver', 'vscode-languageserver/*'], message: 'the client uses vscode-languageclient.' },
    ]),
  },
);
