/**
 * One error for one TOML mistake, typed into an open pyproject.toml: exactly one `invalid-toml`
 * where the mistake is (an unclosed array where it opened, related to where parsing gave up), no
 * follow-up errors, no lock advice from the damaged model, the dependency tree kept from the last
 * text that parsed, and everything cleared by the fix.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { DEPENDENCY_TREE_METHOD, type DependencyTreeResult } from '../../server/src/protocol';
import { temporaryProject } from './fixtures';
import { startInMemoryServer, waitFor, type InMemoryServer } from './harness';

const FIXTURE = join(__dirname, '..', 'fixtures', 'toml-syntax');
const PYPROJECT = readFileSync(join(FIXTURE, 'pyproject.toml'), 'utf8');

let server: InMemoryServer | undefined;
afterEach(() => {
  server?.dispose();
  server = undefined;
});

async function openProject(text = PYPROJECT) {
  const folder = temporaryProject();
  cpSync(FIXTURE, folder.dir, { recursive: true });
  server = startInMemoryServer({ pullDiagnostics: false, settings: { diagnostics: { debounceMs: 10 } } });
  await server.client.initialize();
  const uri = folder.uri('pyproject.toml');
  await server.client.open(uri, text);
  await publishedFor(uri, 1);
  return { client: server.client, uri };
}

/** The diagnostics published for exactly this version of the document. */
async function publishedFor(uri: string, version: number): Promise<Diagnostic[]> {
  return waitFor(
    () => server!.client.published.get(uri)?.find((params: PublishDiagnosticsParams) => params.version === version)?.diagnostics,
    10000,
    `diagnostics of version ${version}`,
  );
}

function positionAt(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** Replaces the first `from` of `text` by `to` as one incremental change; returns the new text. */
async function type(uri: string, version: number, text: string, from: string, to: string): Promise<string> {
  const start = text.indexOf(from);
  if (start < 0) throw new Error(`${from} not in the text`);
  const range = { start: positionAt(text, start), end: positionAt(text, start + from.length) };
  await server!.client.change(uri, version, [{ range, text: to }]);
  return text.slice(0, start) + to + text.slice(start + from.length);
}

const textAt = (text: string, range: Diagnostic['range']) => {
  const lines = text.split('\n');
  if (range.start.line !== range.end.line) return `${lines[range.start.line].slice(range.start.character)}…`;
  return lines[range.start.line].slice(range.start.character, range.end.character);
};

const summary = (text: string, diagnostics: Diagnostic[]) =>
  diagnostics.map((diagnostic) => ({
    code: diagnostic.code,
    message: diagnostic.message,
    at: textAt(text, diagnostic.range),
    related: diagnostic.relatedInformation?.map((related) =>
      related.location.uri.endsWith('/pyproject.toml') ? `${related.location.range.start.line + 1}: ${textAt(text, related.location.range)}` : related.location.uri.replace(/.*\//, ''),
    ),
  }));

async function groupsOfTree(uri: string): Promise<string[]> {
  const result = await server!.client.connection.sendRequest<DependencyTreeResult>(DEPENDENCY_TREE_METHOD, { uri, source: 'lock' });
  return [...new Set(result.roots.map((root) => `${root.group}:${root.name}`))];
}

const ALL_ROOTS = ['main:accelerate', 'main:numpy', 'main:torch', 'group:test:pytest', 'group:dev:iniconfig'];

describe('invalid TOML typed into pyproject.toml', () => {
  it('deleting the `]` of dependencies gives one error at the array, keeps the tree, and the fix clears it', async () => {
    const { client, uri } = await openProject();
    expect(await publishedFor(uri, 1)).toEqual([]);
    expect(await groupsOfTree(uri)).toEqual(ALL_ROOTS);

    const broken = await type(uri, 2, PYPROJECT, '    "torch>=2.5",\n]\n', '    "torch>=2.5",\n\n');
    const diagnostics = await publishedFor(uri, 2);
    expect(summary(broken, diagnostics)).toEqual([
      {
        code: 'invalid-toml',
        message: 'Invalid TOML: array `dependencies`, opened on line 6, is never closed: `]` expected before line 12',
        at: 'dependencies = [',
        related: ['6: dependencies = [', '12: [dependency-groups]'],
      },
    ]);
    expect(diagnostics[0].severity).toBe(1);
    // The tree still has every group: it is built from the last text that parsed.
    expect(await groupsOfTree(uri)).toEqual(ALL_ROOTS);

    await type(uri, 3, broken, '    "torch>=2.5",\n\n', '    "torch>=2.5",\n]\n');
    expect(await publishedFor(uri, 3)).toEqual([]);
    expect(await groupsOfTree(uri)).toEqual(ALL_ROOTS);
    expect(client.logMessages.filter((message) => /failed/i.test(message))).toEqual([]);
  });

  it('keeps the lock findings of the last text that parsed while the file is broken, moved with the edit', async () => {
    const mismatched = PYPROJECT.replace('"numpy>=1.26"', '"numpy>=3"');
    const { uri } = await openProject(mismatched);
    const lockMismatch = { code: 'lock-mismatch', message: 'numpy>=3 is declared, but uv.lock locks numpy 2.1.1', at: 'numpy>=3', related: ['uv.lock'] };
    expect(summary(mismatched, await publishedFor(uri, 1))).toEqual([lockMismatch]);
    // A duplicate key above the requirement: the finding moves down one line with its text.
    const broken = await type(uri, 2, mismatched, 'version = "0.1.0"\n', 'version = "0.1.0"\nname = "other"\n');
    const diagnostics = await publishedFor(uri, 2);
    expect(summary(broken, diagnostics)).toEqual([
      { code: 'invalid-toml', message: 'Invalid TOML: key `name` is defined twice; first defined on line 2', at: 'name', related: ['2: name'] },
      lockMismatch,
    ]);
    expect(diagnostics[1].range.start.line).toBe(8);
  });

  const MISTAKES: { name: string; from: string; to: string; message: string; at: string; related?: string[] }[] = [
    {
      name: 'an unclosed inline table',
      from: '{ include-group = "test" },',
      to: '{ include-group = "test",',
      message: 'Invalid TOML: inline table, opened on line 15, is never closed: `}` expected at the end of the line',
      at: '{',
      related: ['15: {', '15: ,'],
    },
    {
      name: 'an unclosed string',
      from: '"numpy>=1.26",',
      to: '"numpy>=1.26,',
      message: 'Invalid TOML: string is never closed: `"` expected before the end of the line',
      at: '"numpy>=1.26',
    },
    {
      name: 'an unclosed multi-line string',
      from: 'version = "0.1.0"\n',
      to: 'version = "0.1.0"\ndescription = """A demo\n',
      message: 'Invalid TOML: multi-line string, opened on line 4, is never closed: `"""` expected before line 13',
      at: '"""',
      related: ['4: """', '13: [dependency-groups]'],
    },
    {
      name: 'a missing `=`',
      from: 'requires-python = ">=3.10"',
      to: 'requires-python ">=3.10"',
      message: 'Invalid TOML: `=` expected after the key `requires-python`, found `">=3.10"`',
      at: 'requires-python',
    },
    {
      name: 'a duplicate key',
      from: 'version = "0.1.0"\n',
      to: 'version = "0.1.0"\nname = "other"\n',
      message: 'Invalid TOML: key `name` is defined twice; first defined on line 2',
      at: 'name',
      related: ['2: name'],
    },
    {
      name: 'a duplicate table',
      from: '[dependency-groups]',
      to: '[project]\nlicense = "MIT"\n\n[dependency-groups]',
      message: 'Invalid TOML: table `[project]` is defined twice; first defined on line 1',
      at: 'project',
      related: ['1: project'],
    },
    {
      name: 'a bare word as a value',
      from: '"numpy>=1.26",',
      to: 'numpy>=1.26,',
      message: 'Invalid TOML: `numpy>=1.26` is not a value: text must be quoted ("numpy>=1.26")',
      at: 'numpy>=1.26',
    },
  ];

  for (const mistake of MISTAKES) {
    it(`${mistake.name} gives exactly one error, no lock advice, and the fix clears it`, async () => {
      const { uri } = await openProject();
      const broken = await type(uri, 2, PYPROJECT, mistake.from, mistake.to);
      expect(summary(broken, await publishedFor(uri, 2))).toEqual([{ code: 'invalid-toml', message: mistake.message, at: mistake.at, related: mistake.related }]);
      expect(await groupsOfTree(uri)).toEqual(ALL_ROOTS);
      await type(uri, 3, broken, mistake.to, mistake.from);
      expect(await publishedFor(uri, 3)).toEqual([]);
    });
  }
});
