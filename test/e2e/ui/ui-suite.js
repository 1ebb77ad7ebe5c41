// UI tests: the extension INSTALLED FROM pipsight.vsix (code-server --install-extension into a
// per-run extensions folder) in a real VS Code workbench, driven through the DOM in headless
// chromium on a copy of examples/ served by the local index server (the demo's preparation:
// lib/prepare-examples.js), so index data shows too. Saves screenshots (also the README pictures).
'use strict';
const fs = require('fs');
const path = require('path');
const { VSIX, SCREENSHOT_DIR, OUTPUT_DIR } = require('../lib/paths');
const { makeTempDir, removeRunTempDir } = require('../lib/temp-dirs');
const { waitFor } = require('../lib/poll');
const { installVsix, startCodeServer, launchChromium, workbenchUrl } = require('../lib/vscode-host');
const { WorkbenchPage } = require('./workbench-page');
const { runIndexServer, startLocalIndexServer } = require('../lib/index-server');
const { prepareExamplesWorkspace } = require('../lib/prepare-examples');

const PYPROJECT = 'uv-ml/pyproject.toml';
const FUTURES_LINE = '    "futures>=3.0",\n';
const PILLOW_LINE = '    "pillow>=10.4",\n';
const REQUIREMENTS = 'pip-compile/requirements/backend.txt';
const POETRY_PYPROJECT = 'poetry-app/pyproject.toml';
// The local index data (test/index-server/data): attrs 25.4.0 is the latest release, so the
// update fix of `~24.2` keeps Poetry's tilde at two segments.
const ATTRS_LINE = 'attrs = "~24.2"';
const UPDATED_ATTRS_LINE = 'attrs = "~25.4"';
const EDITOR_PART = '.part.editor';

/** 1-based line and column of the first `needle` in `text` (column of `needle`'s first letter + skip). */
function lineAndColumn(text, needle, skip = 0) {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, offset + skip);
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

/** Throws when a Problems panel row is an unknown-package finding (an index that did not answer right). */
function assertNoUnknownPackage(rows) {
  const unknown = rows.filter((row) => row.includes('unknown-package'));
  if (unknown.length > 0) throw new Error(`unknown-package findings: ${JSON.stringify(unknown)}`);
}

async function runUiSuite({ log = (line) => process.stdout.write(line + '\n') } = {}) {
  const results = { suite: 'vscode-ui', passed: [], failed: [], screenshots: {} };
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // run-e2e.js starts one index server for every suite; `npm run screenshots` runs this suite alone.
  const ownIndexServer = runIndexServer() ? null : await startLocalIndexServer();
  const index = runIndexServer() || ownIndexServer;
  const { workspace, env } = prepareExamplesWorkspace(index);
  const pyprojectFile = path.join(workspace, ...PYPROJECT.split('/'));
  const pyprojectText = fs.readFileSync(pyprojectFile, 'utf8');
  const poetryFile = path.join(workspace, ...POETRY_PYPROJECT.split('/'));
  const poetryText = fs.readFileSync(poetryFile, 'utf8');
  const userDataDir = makeTempDir('user-data-');
  const extensionsDir = makeTempDir('extensions-');
  let server;
  let browser;
  let workbench;

  async function step(name, body) {
    const started = Date.now();
    try {
      await body();
      results.passed.push(name);
      log(`  ✓ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      // playwright's messages carry a long "Call log": keep the message head and our own frames
      const stack = String((error && error.stack) || error).replace(/\nCall log:[\s\S]*?(?=\n\s+at )/, '');
      results.failed.push({ title: name, error: stack });
      log(`  ✗ ${name}: ${String(error && error.message).split('\n')[0]}`);
      if (workbench) {
        await workbench.screenshot(path.join(SCREENSHOT_DIR, `failed-${name.replace(/\W+/g, '-')}.png`)).catch(() => {});
        await workbench.escape().catch(() => {});
      }
    }
  }
  async function screenshot(key, options) {
    const file = path.join(SCREENSHOT_DIR, `${key}.png`);
    await workbench.screenshot(file, options);
    results.screenshots[key] = file;
  }

  log('vscode-ui (extension installed from pipsight.vsix)');
  try {
    await step('the .vsix installs into a fresh extensions folder', async () => {
      await installVsix(VSIX, { userDataDir, extensionsDir });
      const installed = fs.readdirSync(extensionsDir).filter((name) => name.startsWith('pipsight.pipsight-'));
      if (installed.length !== 1) throw new Error(`expected pipsight.pipsight-* in ${JSON.stringify(fs.readdirSync(extensionsDir))}`);
    });
    server = await startCodeServer({
      userDataDir, extensionsDir, env,
      // hovers below the line: one near the top of the editor is not squeezed into a scrolling box
      settings: { 'workbench.colorTheme': 'Default Dark Modern', 'editor.hover.above': false },
      logFile: path.join(OUTPUT_DIR, 'ui-code-server.log'),
    });
    browser = await launchChromium();
    const page = browser.pages()[0] || await browser.newPage();
    workbench = new WorkbenchPage(page);
    await page.goto(workbenchUrl(server, workspace));

    await step('opening a pyproject.toml shows squiggles', async () => {
      await workbench.waitForWorkbench();
      await workbench.openFile(PYPROJECT);
      await workbench.waitForSquiggles();
    });

    await step('the Problems panel lists the findings with their codes', async () => {
      const rows = await workbench.problemsPanelRows(['python2-backport', 'duplicate-requirement', 'contradictory-requirements']);
      if (!rows.some((row) => /futures/.test(row))) throw new Error(`no futures row in ${JSON.stringify(rows)}`);
      await screenshot('diagnostics');
    });

    await step('inlay hints show the latest release after each requirement, from the local index', async () => {
      await workbench.openFile(PYPROJECT);
      const pillow = await workbench.editorLineShowing('"pillow>=10.4"', 'latest 12.0.0');
      // torch comes from the PyTorch CUDA index the example names (pointed at the local server)
      await workbench.editorLineShowing('"torch>=2.5,<2.7"', 'latest 2.6.0+cu124');
      if (!/"pillow>=10\.4",\s*latest 12\.0\.0/.test(pillow)) throw new Error(`the hint is not after the requirement: ${JSON.stringify(pillow)}`);
      // index answers are in: every package of the example is known to the local index
      assertNoUnknownPackage(await workbench.problemsPanelRows(['python2-backport']));
      await workbench.focusEditor();
      await screenshot('inlay-hints', { clipSelector: EDITOR_PART });
    });

    await step('hover on a requirement shows the finding, the package and the index section', async () => {
      await workbench.openFile(PYPROJECT);
      const { line, column } = lineAndColumn(pyprojectText, FUTURES_LINE, 7);
      await workbench.goToLine(line, column);
      const text = await workbench.hoverAtCursor(['concurrent.futures', 'Latest', `${index.url}/simple/`]);
      if (!/Specifier/.test(text)) throw new Error(`hover lacks the package section: ${JSON.stringify(text)}`);
      if (!/Latest:?\s*3\.4\.0/.test(text)) throw new Error(`hover lacks the latest release: ${JSON.stringify(text)}`);
      await workbench.escape();
    });

    await step('hover on pillow shows the latest release, the locked version and the answering index', async () => {
      await workbench.hidePanel(); // room for the whole hover in the picture
      await workbench.openFile(PYPROJECT);
      const { line, column } = lineAndColumn(pyprojectText, PILLOW_LINE, 7);
      await workbench.goToLine(line, column);
      const text = await workbench.hoverAtCursor(['Latest', `Index: ${index.url}/simple/`]);
      for (const expected of [/Latest:?\s*12\.0\.0/, /Locked:?\s*11\.1\.0 \(uv\.lock\)/, /Specifier/]) {
        if (!expected.test(text)) throw new Error(`hover lacks ${expected}: ${JSON.stringify(text)}`);
      }
      await screenshot('hover', { clipSelector: EDITOR_PART });
      await workbench.escape();
    });

    await step('the Python Dependencies view shows the locked tree, and why numpy is here', async () => {
      await workbench.openFile(PYPROJECT);
      // the view has an activity bar container of its own: the whole side bar height
      await workbench.showView('Python Dependencies');
      // torch is locked twice (CUDA wheels on Linux, CPU wheels elsewhere): local tags are shown;
      // Pillow is declared twice in the main group
      await workbench.viewRows('Python Dependencies', ['main', 'torch', '2.6.0+cu124', 'numpy', 'declared twice']);
      await screenshot('tree-view');
      await workbench.runCommandAndPick('Pipsight: Why Is This Package Here?', 'Why is this package here?', 'numpy');
      // each declaration row names its group: the main dependency and the legacy group's numpy<2
      const reverse = await workbench.viewRows('Python Dependencies', ['pyproject.toml · main', 'pyproject.toml · legacy (group)', 'torchvision']);
      if (!reverse.some((row) => /^numpy/.test(row))) throw new Error(`reverse mode rows: ${JSON.stringify(reverse)}`);
      await screenshot('tree-view-reverse');
      await workbench.runCommand('Pipsight: Show Full Tree');
      await workbench.viewRows('Python Dependencies', ['main']);
      await workbench.focusEditor();
    });

    await step('the "Remove futures" quick fix removes exactly that line', async () => {
      await workbench.focusEditor();
      const { line, column } = lineAndColumn(pyprojectText, FUTURES_LINE, 7);
      await workbench.goToLine(line, column);
      await workbench.selectQuickFix('Remove futures');
      await screenshot('quick-fix');
      // Save only once the edit is in the editor: a save before it would save the old text.
      await workbench.applySelectedQuickFix(() => workbench.editorLineGone(FUTURES_LINE.trim()));
      await workbench.save();
      const expected = pyprojectText.replace(FUTURES_LINE, '');
      await waitFor('the saved file to be the original minus the futures line',
        () => fs.readFileSync(pyprojectFile, 'utf8') === expected, { timeoutMs: 30000 });
    });

    await step('the requirements grammar colours a requirements file', async () => {
      await workbench.openFile(REQUIREMENTS);
      await workbench.page.locator('.statusbar-item', { hasText: 'pip requirements' }).first().waitFor({ timeout: 30000 });
      // name, operator and version of a pin each get their own colour; a "# via" comment another
      const pinClasses = new Set(await workbench.tokenClassesOfLine('django==4.2.17'));
      const commentClasses = new Set(await workbench.tokenClassesOfLine('# via gunicorn'));
      if (pinClasses.size < 3) throw new Error(`a pin line shows ${pinClasses.size} colours: ${[...pinClasses]}`);
      if ([...commentClasses].some((c) => pinClasses.has(c))) throw new Error('the comment shares a colour with the pin');
      await screenshot('requirements-grammar');
    });

    await step('the "Update attrs to ~25.4" quick fix rewrites exactly the version (Poetry project, company index)', async () => {
      await workbench.openFile(POETRY_PYPROJECT);
      // ledger-rules exists only on the company index: its hint proves the credentials reached it
      await workbench.editorLineShowing('ledger-rules', 'latest 3.');
      await workbench.editorLineShowing(ATTRS_LINE, 'latest 25.4.0');
      const { line, column } = lineAndColumn(poetryText, ATTRS_LINE, ATTRS_LINE.indexOf('~') + 1);
      await workbench.goToLine(line, column);
      const titles = await workbench.selectQuickFix('Update attrs to ~25.4');
      if (!titles.some((title) => /Update all \d+ outdated requirements/.test(title))) throw new Error(`no update-all fix among ${JSON.stringify(titles)}`);
      await screenshot('update-fix', { clipSelector: EDITOR_PART });
      await workbench.applySelectedQuickFix(() => workbench.editorLineShowing(UPDATED_ATTRS_LINE, UPDATED_ATTRS_LINE));
      await workbench.save();
      const expected = poetryText.replace(ATTRS_LINE, UPDATED_ATTRS_LINE);
      await waitFor('the saved file to be the original with attrs at ~25.4',
        () => fs.readFileSync(poetryFile, 'utf8') === expected, { timeoutMs: 30000 });
      assertNoUnknownPackage(await workbench.problemsPanelRows([]));
    });
  } catch (error) {
    results.failed.push({ title: 'vscode-ui session', error: String((error && error.stack) || error) });
    log(`  ✗ session: ${error && error.message}`);
  } finally {
    if (browser) await browser.close();
    if (server) await server.stop();
    if (ownIndexServer) await ownIndexServer.stop();
    removeRunTempDir();
  }
  return results;
}

module.exports = { runUiSuite };
