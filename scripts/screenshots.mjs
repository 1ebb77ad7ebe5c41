#!/usr/bin/env node
/**
 * `npm run screenshots`: runs the UI e2e suite (real VS Code, extension installed from a freshly
 * packaged pipsight.vsix, a copy of examples/ served by the local index server it starts) and
 * copies its screenshots to docs/images/ for the README: diagnostics.png, inlay-hints.png,
 * hover.png, quick-fix.png, update-fix.png, requirements-grammar.png, tree-view.png,
 * tree-view-reverse.png.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { PROJECT_ROOT } = require('../test/e2e/lib/paths');
const { ensureHostInstalled, packageExtension } = require('../test/e2e/lib/prepare');
const { stopEverythingOnSignals } = require('../test/e2e/lib/process-cleanup');
const { runUiSuite } = require('../test/e2e/ui/ui-suite');

const PICTURES = ['diagnostics', 'inlay-hints', 'hover', 'quick-fix', 'update-fix', 'requirements-grammar', 'tree-view', 'tree-view-reverse'];
const log = (line) => process.stdout.write(`${line}\n`);

stopEverythingOnSignals();
ensureHostInstalled(log);
if (!process.env.E2E_SKIP_PACKAGE) packageExtension(log);
const results = await runUiSuite({ log });
const missing = PICTURES.filter((name) => !results.screenshots[name]);
if (results.failed.length > 0 || missing.length > 0) {
  for (const failure of results.failed) log(`FAILED ${failure.title}\n${failure.error}`);
  log(`no pictures copied (missing: ${missing.join(', ') || 'none'})`);
  process.exit(1);
}
const imagesDir = join(PROJECT_ROOT, 'docs', 'images');
mkdirSync(imagesDir, { recursive: true });
for (const name of PICTURES) {
  copyFileSync(results.screenshots[name], join(imagesDir, `${name}.png`));
  log(`docs/images/${name}.png`);
}
