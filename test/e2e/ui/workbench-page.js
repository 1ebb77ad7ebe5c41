// Keyboard-and-DOM helpers for driving the VS Code workbench in chromium. Everything waits on a
// visible condition with a deadline (playwright's waitFor / waitForFunction), never a fixed time.
'use strict';

const EDITOR = '.editor-instance .monaco-editor';

class WorkbenchPage {
  constructor(page) {
    this.page = page;
  }

  async waitForWorkbench() {
    await this.page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    // The explorer shows the folder once the remote connection and file service are up.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90000 });
  }

  async quickInput(keys, text, rowText) {
    await this.page.keyboard.press(keys);
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30000 });
    await input.fill(text);
    if (rowText) await this.page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor({ timeout: 30000 });
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 30000 });
  }

  /** Quick Open (Ctrl+P) a workspace-relative path; resolves when its tab is the active one. */
  async openFile(relativePath) {
    const baseName = relativePath.split('/').pop();
    await this.quickInput('Control+P', relativePath, baseName);
    await this.page.locator('.tabs-container .tab.active', { hasText: baseName }).waitFor({ timeout: 30000 });
    await this.page.locator(`${EDITOR} .view-lines`).first().waitFor({ timeout: 30000 });
    await this.focusEditor();
  }

  /** Keyboard focus to the editor (Ctrl+1: first editor group); clicks may land on overlays. */
  async focusEditor() {
    await this.page.keyboard.press('Control+1');
    await this.page.locator(`${EDITOR}.focused`).first().waitFor({ timeout: 30000 });
  }

  /** Runs a command by its palette label ("Show or Focus Hover"). */
  async runCommand(label) {
    await this.quickInput('F1', `>${label}`, label);
  }

  /** Runs a command that opens a quick pick titled `title`, and picks the row `answer` there. */
  async runCommandAndPick(label, title, answer) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30000 });
    await input.fill(`>${label}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 30000 });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 30000 });
    await input.fill(answer);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: answer }).first().waitFor({ timeout: 30000 });
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 30000 });
  }

  /** Opens and focuses a view by its name (the "Focus on ... View" command every view has). */
  async showView(name) {
    await this.runCommand(`Focus on ${name} View`);
    await this.page.locator('.pane-header', { hasText: name }).first().waitFor({ timeout: 30000 });
  }

  /** Collapses or expands a view pane by clicking its header (e.g. the explorer's folder pane, to make room). */
  async togglePane(name) {
    const header = this.page.locator('.pane-header', { hasText: name }).first();
    const expanded = await header.getAttribute('aria-expanded');
    await header.click();
    await this.page.locator(`.pane-header[aria-expanded="${expanded === 'true' ? 'false' : 'true'}"]`, { hasText: name }).first().waitFor({ timeout: 30000 });
  }

  /** The row texts of a view once they mention every text (a row's label and description). */
  async viewRows(name, requiredTexts, timeout = 30000) {
    const rowsSelector = '.monaco-list-row';
    await this.page.waitForFunction(({ name, texts, rowsSelector }) => {
      const pane = [...document.querySelectorAll('.pane')].find((candidate) => candidate.querySelector('.pane-header')?.textContent.includes(name));
      const all = pane ? [...pane.querySelectorAll(rowsSelector)].map((row) => row.innerText).join('\n') : '';
      return texts.every((text) => all.includes(text));
    }, { name, texts: requiredTexts, rowsSelector }, { timeout });
    return this.page.evaluate(({ name, rowsSelector }) => {
      const pane = [...document.querySelectorAll('.pane')].find((candidate) => candidate.querySelector('.pane-header')?.textContent.includes(name));
      return [...pane.querySelectorAll(rowsSelector)].map((row) => row.innerText.replace(/\s+/g, ' ').trim());
    }, { name, rowsSelector });
  }

  /** Moves the cursor to a 1-based line and column with Go to Line (Ctrl+G: Quick Open's ":" mode). */
  async goToLine(line, column) {
    await this.quickInput('Control+G', `:${line}:${column}`);
  }

  async waitForSquiggles(timeout = 60000) {
    await this.page.locator(`${EDITOR} .squiggly-warning, ${EDITOR} .squiggly-error`).first().waitFor({ timeout });
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and returns its rows once they mention every text. */
  async problemsPanelRows(requiredTexts, timeout = 30000) {
    await this.page.keyboard.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor({ timeout });
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    await this.page.waitForFunction((texts) => {
      const all = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((row) => row.innerText).join('\n');
      return texts.every((text) => all.includes(text));
    }, requiredTexts, { timeout });
    return rows.allInnerTexts();
  }

  /** Shows the hover at the cursor and returns its text once it contains `expected`. */
  async hoverAtCursor(expected, timeout = 30000) {
    await this.runCommand('Show or Focus Hover');
    const hover = this.page.locator('.monaco-hover:not(.hidden)', { hasText: expected }).first();
    await hover.waitFor({ timeout });
    return hover.innerText();
  }

  /**
   * Opens the quick-fix menu at the cursor (Ctrl+.) and moves the selection to `title` with the
   * arrow keys (the menu sits under an overlay that takes mouse clicks). Returns all titles.
   */
  async selectQuickFix(title, timeout = 30000) {
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator('.action-widget .monaco-list-row');
    await rows.filter({ hasText: title }).first().waitFor({ timeout });
    const titles = await rows.allInnerTexts();
    for (let step = 0; step <= titles.length; step++) {
      const focused = await this.page.locator('.action-widget .monaco-list-row.focused').first().innerText().catch(() => '');
      if (focused.includes(title)) return titles;
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`could not select "${title}" among ${JSON.stringify(titles)}`);
  }

  async save() {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 30000 });
  }

  /** CSS token classes (mtk1, mtk5, ...) used on the visible line holding `text`. */
  async tokenClassesOfLine(text, timeout = 30000) {
    const line = this.page.locator(`${EDITOR} .view-line`, { hasText: text }).first();
    await line.waitFor({ timeout });
    return line.evaluate((element) => [...element.querySelectorAll('span > span')].map((span) => span.className));
  }

  async screenshot(file) {
    await this.page.screenshot({ path: file });
  }

  /** Closes whatever widget is open (quick input, hover, menu), to start the next step clean. */
  async escape() {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Escape');
  }
}

module.exports = { WorkbenchPage };
