#!/usr/bin/env node
/**
 * Bundles the extension into dist/: client.js (VS Code extension host), server.js (language
 * server) and cli.js (the `pipsight` command). Minified without source maps for the package;
 * `--dev` keeps names readable and writes source maps; `--watch` rebuilds on change.
 */
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !dev,
  sourcemap: dev,
  logLevel: 'warning',
  absWorkingDir: root,
  // Resolve package.json "exports" with the node condition (vscode-languageserver/node).
  conditions: ['node'],
  mainFields: ['module', 'main'],
};

const bundles = [
  { name: 'client', entry: 'client/src/extension.ts', outfile: 'dist/client.js', external: ['vscode'] },
  { name: 'server', entry: 'server/src/lsp/main.ts', outfile: 'dist/server.js' },
  { name: 'cli', entry: 'server/src/cli/main.ts', outfile: 'dist/cli.js', banner: '#!/usr/bin/env node', executable: true, optional: true },
];

function options(bundle) {
  return {
    ...common,
    entryPoints: [bundle.entry],
    outfile: bundle.outfile,
    external: bundle.external ?? [],
    banner: bundle.banner ? { js: bundle.banner } : undefined,
    plugins: bundle.executable ? [makeExecutable(bundle.outfile)] : [],
  };
}

function makeExecutable(outfile) {
  return {
    name: 'make-executable',
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length === 0 && existsSync(join(root, outfile))) chmodSync(join(root, outfile), 0o755);
      });
    },
  };
}

const selected = bundles.filter((bundle) => {
  if (existsSync(join(root, bundle.entry))) return true;
  if (!bundle.optional) throw new Error(`Missing entry point ${bundle.entry}`);
  console.warn(`warning: ${bundle.entry} does not exist yet; skipping dist/${bundle.name}.js`);
  return false;
});

if (watch) {
  for (const bundle of selected) {
    const context = await esbuild.context(options(bundle));
    await context.watch();
  }
  console.log(`Watching ${selected.map((bundle) => bundle.entry).join(', ')}`);
} else {
  const started = Date.now();
  // A package build must not ship source maps left over from a --dev build.
  if (!dev) for (const bundle of selected) rmSync(join(root, `${bundle.outfile}.map`), { force: true });
  const results = await Promise.allSettled(selected.map((bundle) => esbuild.build(options(bundle))));
  const failed = results.filter((result) => result.status === 'rejected');
  if (failed.length > 0) {
    // esbuild has already printed the errors.
    process.exitCode = 1;
  } else {
    console.log(`Built ${selected.map((bundle) => bundle.outfile).join(', ')} in ${Date.now() - started} ms${dev ? ' (dev)' : ''}`);
  }
}
