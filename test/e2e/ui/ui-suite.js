// UI tests: the extension INSTALLED FROM pipsight.vsix (code-server --install-extension into a
// per-run extensions folder) in a real VS Code workbench, driven through the DOM in headless
// chromium on a copy of examples/. Saves screenshots (also the README pictures).
'use strict';
const fs = require('fs');
const path = require('path');
const { PROJECT_ROOT, VSIX, SCREENSHOT_DIR, OUTPUT_DIR } = require('../lib/paths');
const { copyToTempDir, makeTempDir, removeRunTempDir } = require('../lib/temp-dirs');
const { waitFor } = require('../lib/poll');
const { installVsix, startCodeServer, launchChromium, workbenchUrl } = require('../lib/vscode-host');
const { WorkbenchPage } = require('./workbench-page');
const { writeWorkspaceSettings } = require('../lib/index-server');

const PYPROJECT = 'uv-ml/pyproject.toml';
const FUTURES_LINE = '    "futures>=3.0",\n';
const REQUIREMENTS = 'pip-compile/requirements/backend.txt';

/** 1-based line and column of the first `needle` in `text` (column of `needle`'s first letter + skip). */
function lineAndColumn(text, needle, skip = 0) {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, offset + skip);
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

async function runUiSuite({ log = (line) => process.stdout.write(line + '\n') } = {}) {
  const results = { suite: 'vscode-ui', passed: [], failed: [], screenshots: {} };
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const workspace = copyToTempDir(path.join(PROJECT_ROOT, 'examples'), 'examples-');
  // The screenshots show the offline findings of examples/ (index features: exthost/suite/index.test.js).
  writeWorkspaceSettings(workspace, { offline: true });
  const pyprojectFile = path.join(workspace, ...PYPROJECT.split('/'));
  const pyprojectText = fs.readFileSync(pyprojectFile, 'utf8');
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
  async function screenshot(key) {
    const file = path.join(SCREENSHOT_DIR, `${key}.png`);
    await workbench.screenshot(file);
    results.screenshots[key] = file;
  }

  log('vscode-ui (extension installed from pipsight.vsix)');
  try {
    await step('the .vsix installs into a fresh extensions folder', async () => {
      await installVsix(VSIX, { userDataDir, extensionsDir });
      const installed = fs.readdirSync(extensionsDir).filter((name) => name.startsWith('pipsight.pipsight-'));
      if (installed.length !== 1) throw new Error(`expected pipsight.pipsight-* in ${JSON.stringify(fs.readdirSync(extensionsDir))}`);
    });
    server = await startCodeServer({ userDataDir, extensionsDir, logFile: path.join(OUTPUT_DIR, 'ui-code-server.log') });
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

    await step('hover on a requirement shows the finding and the package', async () => {
      await workbench.openFile(PYPROJECT);
      const { line, column } = lineAndColumn(pyprojectText, FUTURES_LINE, 7);
      await workbench.goToLine(line, column);
      const text = await workbench.hoverAtCursor('concurrent.futures');
      if (!/Specifier/.test(text)) throw new Error(`hover lacks the package section: ${JSON.stringify(text)}`);
      await screenshot('hover');
      await workbench.escape();
    });

    await step('the Python Dependencies view shows the locked tree, and why numpy is here', async () => {
      await workbench.openFile(PYPROJECT);
      await workbench.showView('Python Dependencies');
      await workbench.togglePane('examples'); // the folder tree gives its height to the view
      await workbench.page.locator('.explorer-folders-view').waitFor({ state: 'hidden', timeout: 30000 });
      // torch is locked twice (CUDA wheels on Linux, CPU wheels elsewhere): local tags are shown
      await workbench.viewRows('Python Dependencies', ['dependencies', 'torch', '2.6.0+cu124', 'numpy']);
      await screenshot('tree-view');
      await workbench.runCommandAndPick('Pipsight: Why Is This Package Here?', 'Why is this package here?', 'numpy');
      const reverse = await workbench.viewRows('Python Dependencies', ['pyproject.toml', 'torchvision']);
      if (!reverse.some((row) => /^numpy/.test(row))) throw new Error(`reverse mode rows: ${JSON.stringify(reverse)}`);
      await screenshot('tree-view-reverse');
      await workbench.runCommand('Pipsight: Show Full Tree');
      await workbench.viewRows('Python Dependencies', ['dependencies']);
      await workbench.togglePane('examples');
      await workbench.focusEditor();
    });

    await step('the "Remove futures" quick fix removes exactly that line', async () => {
      await workbench.focusEditor();
      const { line, column } = lineAndColumn(pyprojectText, FUTURES_LINE, 7);
      await workbench.goToLine(line, column);
      await workbench.selectQuickFix('Remove futures');
      await screenshot('quick-fix');
      await workbench.page.keyboard.press('Enter');
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
  } catch (error) {
    results.failed.push({ title: 'vscode-ui session', error: String((error && error.stack) || error) });
    log(`  ✗ session: ${error && error.message}`);
  } finally {
    if (browser) await browser.close();
    if (server) await server.stop();
    removeRunTempDir();
  }
  return results;
}

module.exports = { runUiSuite };
