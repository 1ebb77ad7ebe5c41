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

  /**
   * Quick Open (Ctrl+P) a workspace-relative path; resolves when its tab is the active one. Enter
   * waits until the selected row is that file (name and folder): before the list filters, the
   * selection may still be a recently opened file of the same name.
   */
  async openFile(relativePath) {
    const parts = relativePath.split('/');
    const baseName = parts.pop();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30000 });
    await input.fill(relativePath);
    await this.page.waitForFunction(({ baseName, folder }) => {
      const row = document.querySelector('.quick-input-list .monaco-list-row.focused');
      const text = row ? row.innerText.replace(/\s+/g, ' ') : '';
      return text.includes(baseName) && text.includes(folder);
    }, { baseName, folder: parts.join('/') }, { timeout: 30000 });
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 30000 });
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
    // A view alone in its container has its header merged into the container's title (hidden
    // pane header): wait for the pane, then for its list to be shown.
    const pane = this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: name }) }).first();
    await pane.waitFor({ state: 'attached', timeout: 30000 });
    await pane.locator('.pane-body').first().waitFor({ timeout: 30000 });
  }

  /** Hides the panel (Problems, Output, ...) below the editors, giving the editors its height. */
  async hidePanel() {
    await this.runCommand('View: Hide Panel');
    await this.page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 30000 });
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

  /**
   * Shows the hover at the cursor and returns its text once it contains every `expected` text. A
   * hover shown before the language server had everything (index answers) keeps its content, so
   * it is closed and asked again until the deadline.
   */
  async hoverAtCursor(expected, timeout = 30000) {
    const texts = [].concat(expected);
    const deadline = Date.now() + timeout;
    const hover = this.page.locator('.monaco-hover:not(.hidden)').first();
    for (;;) {
      await this.runCommand('Show or Focus Hover');
      await hover.waitFor({ timeout: Math.max(1, deadline - Date.now()) });
      const complete = await this.page.waitForFunction((wanted) => {
        const shown = document.querySelector('.monaco-hover:not(.hidden)');
        return shown && wanted.every((text) => shown.innerText.includes(text));
      }, texts, { timeout: Math.max(1, Math.min(5000, deadline - Date.now())) }).then(() => true, () => false);
      const text = await hover.innerText();
      if (complete) return text;
      if (Date.now() > deadline) throw new Error(`the hover never showed ${JSON.stringify(texts)}; it shows ${JSON.stringify(text)}`);
      await this.escape();
    }
  }

  /**
   * The text of the visible editor line holding `lineText` once it also shows `expected` (e.g. an
   * inlay hint); non-breaking spaces (the editor renders some spaces so) read as spaces.
   */
  async editorLineShowing(lineText, expected, timeout = 60000) {
    const handle = await this.page.waitForFunction(({ editor, lineText, expected }) => [...document.querySelectorAll(`${editor} .view-line`)]
      .map((line) => line.textContent.replace(/\u00a0/g, ' '))
      .find((text) => text.includes(lineText) && text.includes(expected)), { editor: EDITOR, lineText, expected }, { timeout });
    return handle.jsonValue();
  }

  /**
   * Opens the quick-fix menu at the cursor (Ctrl+.) and moves the selection to `title` with the
   * arrow keys (the menu sits under an overlay that takes mouse clicks). Returns all titles. A
   * menu opened before the diagnostic carrying the fix was published lacks it and keeps lacking
   * it, so it is closed and opened again until the deadline.
   */
  async selectQuickFix(title, timeout = 30000) {
    const rows = this.page.locator('.action-widget .monaco-list-row');
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.page.keyboard.press('Control+.');
      const found = await rows.filter({ hasText: title }).first()
        .waitFor({ timeout: Math.max(1, Math.min(5000, deadline - Date.now())) }).then(() => true, () => false);
      if (found) break;
      if (Date.now() > deadline) throw new Error(`no quick fix "${title}"; the menu shows ${JSON.stringify(await rows.allInnerTexts())}`);
      await this.page.keyboard.press('Escape');
      await this.page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
    }
    const titles = await rows.allInnerTexts();
    for (let step = 0; step <= titles.length; step++) {
      const focused = await this.page.locator('.action-widget .monaco-list-row.focused').first().innerText().catch(() => '');
      if (focused.includes(title)) return titles;
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`could not select "${title}" among ${JSON.stringify(titles)}`);
  }

  /**
   * Applies the quick fix selectQuickFix selected (Enter) and resolves once the menu closed and
   * `editShown` (e.g. editorLineGone / editorLineShowing of the changed line) resolves: a save
   * that follows then saves the edit. (The tab's dirty mark is no sign: a fix may save by itself.)
   */
  async applySelectedQuickFix(editShown, timeout = 30000) {
    await this.page.keyboard.press('Enter');
    await this.page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout });
    await editShown();
  }

  /** Waits until no visible editor line contains `lineText` (e.g. a line a fix removed). */
  async editorLineGone(lineText, timeout = 30000) {
    await this.page.waitForFunction(({ editor, lineText }) => ![...document.querySelectorAll(`${editor} .view-line`)]
      .some((line) => line.textContent.replace(/\u00a0/g, ' ').includes(lineText)), { editor: EDITOR, lineText }, { timeout });
  }

  /** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
  async save() {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 30000 });
  }

  /**
   * CSS token classes (mtk1, mtk5, ...) of the text on the visible line holding `text`: spans of
   * blank text (indentation) and injected text (inlay hints, whose spans carry more classes) are
   * not counted.
   */
  async tokenClassesOfLine(text, timeout = 30000) {
    const line = this.page.locator(`${EDITOR} .view-line`, { hasText: text }).first();
    await line.waitFor({ timeout });
    return line.evaluate((element) => [...element.querySelectorAll('span > span')]
      .filter((span) => /^mtk\d+$/.test(span.className) && span.textContent.trim() !== '')
      .map((span) => span.className));
  }

  /** A screenshot of the window, or (`clipSelector`) of the box of the first element matching it. */
  async screenshot(file, { clipSelector } = {}) {
    const clip = clipSelector ? await this.page.locator(clipSelector).first().boundingBox() : undefined;
    await this.page.screenshot({ path: file, ...(clip ? { clip } : {}) });
  }

  /** Closes whatever widget is open (quick input, hover, menu), to start the next step clean. */
  async escape() {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Escape');
  }
}

module.exports = { WorkbenchPage };
