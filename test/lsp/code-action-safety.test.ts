/**
 * Code actions never edit the wrong text or break the file: fixes requested with the diagnostics of
 * an earlier version of the document are checked against the current text (and recomputed or
 * dropped), and every offered edit leaves a file that parses and duplicates nothing.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startIndexServer, type IndexServer } from '../index-server/server';
import { startInMemoryServer, type InMemoryServer, type TestClient } from './harness';
import { temporaryProject } from './fixtures';

let indexServer: IndexServer;
let server: InMemoryServer | undefined;

beforeAll(async () => {
  indexServer = await startIndexServer();
});
afterAll(async () => {
  await indexServer.close();
});
afterEach(() => {
  server?.dispose();
  server = undefined;
});

async function start(pullDiagnostics = false, online = false): Promise<TestClient> {
  const settings: Record<string, unknown> = { diagnostics: { debounceMs: 0 } };
  if (online) settings.indexes = [{ url: indexServer.indexes.pypi, default: true }];
  server = startInMemoryServer({ pullDiagnostics, settings });
  await server.client.initialize();
  return server.client;
}

const hasCode = (code: string) => (diagnostics: Diagnostic[]) => diagnostics.some((diagnostic) => diagnostic.code === code);

/** Client-side copy of a document: applies our own edits and the server's. */
class Editor {
  document: TextDocument;
  constructor(
    readonly client: TestClient,
    readonly uri: string,
    text: string,
  ) {
    this.document = TextDocument.create(uri, 'plaintext', 1, text);
  }

  get text(): string {
    return this.document.getText();
  }

  /** Inserts `text` at the start of `line` and tells the server. */
  async insertLine(line: number, text: string): Promise<void> {
    const position = { line, character: 0 };
    await this.edit([{ range: { start: position, end: position }, newText: text }]);
  }

  async edit(edits: TextEdit[]): Promise<void> {
    const version = this.document.version + 1;
    // LSP applies a change list in order: send the edits last-first so earlier ranges stay valid.
    const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    this.document = TextDocument.create(this.uri, 'plaintext', version, TextDocument.applyEdits(this.document, edits));
    await this.client.change(this.uri, version, ordered.map((edit) => ({ range: edit.range, text: edit.newText })));
  }

  actions(diagnostics: Diagnostic[], range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, only?: string[]): Promise<CodeAction[]> {
    return this.client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: this.uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  /** The text after applying `action` (without changing the document). */
  applied(action: CodeAction): string {
    return TextDocument.applyEdits(this.document, action.edit?.changes?.[this.uri] ?? []);
  }
}

describe('code actions requested with the diagnostics of an earlier version', () => {
  for (const pull of [false, true]) {
    it(`a python2-backport removal after an edit above it removes that requirement, never other text (${pull ? 'pull' : 'push'})`, async () => {
      const client = await start(pull);
      const project = temporaryProject();
      writeFileSync(project.path('pyproject.toml'), '[project]\nname = "demo"\nrequires-python = ">=3.9"\n');
      const uri = project.uri('requirements.txt');
      const editor = new Editor(client, uri, 'flask>=2\ntyping\nrequests>=2.0\n');
      await client.open(uri, editor.text, 'pip-requirements');
      const first = pull ? ((await client.pull(uri)).items ?? []) : await client.waitForPublished(uri, hasCode('python2-backport'));
      const stale = first.find((diagnostic) => diagnostic.code === 'python2-backport')!;
      expect(stale).toBeDefined();

      // 20 edits above the finding; after each, the code action is asked with the first version's diagnostic.
      for (let round = 0; round < 20; round++) {
        await editor.insertLine(round % 2, round % 3 === 0 ? `# comment ${round}\n` : `pkg${round}>=1\n`);
        if (pull) await client.pull(uri);
        else await client.waitForPublished(uri, () => client.published.get(uri)?.at(-1)?.version === editor.document.version);
        const actions = await editor.actions([stale]);
        for (const action of actions) {
          expect(action.title).toBe('Remove typing');
          expect(editor.applied(action)).toBe(editor.text.replace('typing\n', ''));
        }
      }
    });
  }

  it('index quick fixes (update, pin, update all), rewrites and the source action fit the current text', async () => {
    const client = await start(false, true);
    const project = temporaryProject();
    const uri = project.uri('pyproject.toml');
    const text = ['[project]', 'name = "demo"', 'requires-python = ">=3.10"', 'dependencies = [', '    "requests==2.32.0",', '    "flask>=2.3,<3",', '    "numpy==1.26.4",', ']', ''].join('\n');
    const editor = new Editor(client, uri, text);
    await client.open(uri, text);
    const first = await client.waitForPublished(uri, (all) => hasCode('yanked-version')(all) && all.filter((d) => d.code === 'outdated').length === 2);
    await editor.insertLine(4, '    "click>=8",\n');
    await client.waitForPublished(uri, (all) => client.published.get(uri)?.at(-1)?.version === 2 && all.filter((d) => d.code === 'outdated').length === 2);

    // "Update all" is named in the data of each outdated diagnostic, not repeated (its edits would grow with the square of the file).
    for (const outdated of first.filter((d) => d.code === 'outdated')) expect((outdated.data as { fixes: unknown[] }).fixes).toContainEqual({ fix: 'document', title: 'Update all 2 outdated requirements in this file' });
    for (const diagnostic of first.filter((d) => d.code === 'yanked-version' || d.code === 'outdated')) {
      const actions = await editor.actions([diagnostic]);
      expect(actions.length).toBeGreaterThan(0);
      if (diagnostic.code === 'outdated') expect(actions.map((action) => action.title)).toContain('Update all 2 outdated requirements in this file');
      for (const action of actions) {
        const after = editor.applied(action);
        // Only version specifiers change: every line keeps its name, nothing else is touched.
        expect(after.split('\n').map((line) => line.replace(/[=<>~^!][^"]*/, ''))).toEqual(editor.text.split('\n').map((line) => line.replace(/[=<>~^!][^"]*/, '')));
        expect(after).toContain('"click>=8"');
      }
    }
    const flaskLine = editor.text.split('\n').findIndex((line) => line.includes('flask'));
    const cursor = { start: { line: flaskLine, character: 6 }, end: { line: flaskLine, character: 6 } };
    const rewrites = await editor.actions([], cursor, ['refactor']);
    expect(rewrites.map((action) => editor.applied(action).split('\n')[flaskLine])).toEqual(['    "flask>=3.1.0,<4",', '    "flask==3.1.0",']);
    const source = await editor.actions([], cursor, ['source']);
    expect(source).toHaveLength(1);
    expect(editor.applied(source[0])).toBe(editor.text.replace('flask>=2.3,<3', 'flask>=3.1.0,<4').replace('numpy==1.26.4', 'numpy==2.2.6'));
  });
});

describe('code actions that would break the file are not offered', () => {
  it('"Change to numpy" on a Poetry key when numpy is already a key of the table', async () => {
    const client = await start(false, true);
    const uri = temporaryProject().uri('pyproject.toml');
    const text = ['[tool.poetry]', 'name = "demo"', '', '[tool.poetry.dependencies]', 'python = "^3.10"', 'numpy = "^1.24"', 'nunpy = "^1.24"', ''].join('\n');
    const editor = new Editor(client, uri, text);
    await client.open(uri, text);
    const diagnostics = await client.waitForPublished(uri, (all) => all.some((d) => d.code === 'unknown-package' && String(d.message).includes('nunpy')));
    const unknown = diagnostics.find((d) => d.code === 'unknown-package')!;
    expect(unknown.message).toContain('"numpy"');
    const actions = await editor.actions([unknown]);
    expect(actions.map((action) => action.title)).not.toContain('Change to numpy');
  });

  it('"Change to numpy" in a PEP 621 array that already requires numpy', async () => {
    const client = await start(false, true);
    const uri = temporaryProject().uri('pyproject.toml');
    const text = ['[project]', 'name = "demo"', 'dependencies = ["numpy>=1.24", "nunpy>=1.24"]', '', '[project.optional-dependencies]', 'plot = ["nunpy"]', ''].join('\n');
    const editor = new Editor(client, uri, text);
    await client.open(uri, text);
    const diagnostics = await client.waitForPublished(uri, (all) => all.filter((d) => d.code === 'unknown-package').length === 2);
    const [inMain, inExtra] = diagnostics.filter((d) => d.code === 'unknown-package').sort((a, b) => a.range.start.line - b.range.start.line);
    expect((await editor.actions([inMain])).map((action) => action.title)).not.toContain('Change to numpy');
    // In another group numpy is not a duplicate: the rename is offered there.
    const extraActions = await editor.actions([inExtra]);
    expect(extraActions.map((action) => action.title)).toContain('Change to numpy');
    expect(editor.applied(extraActions.find((action) => action.title === 'Change to numpy')!)).toContain('plot = ["numpy"]');
  });
});
