/**
 * Semantic tokens over a real connection: the legend in `initialize`, full and range requests on
 * pyproject.toml (relative encoding, multi-line strings split per line), broken TOML, a lockfile,
 * no tokens for requirements files, and no provider when the client says it highlights TOML.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { InitializeResult, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver/node';
import { temporaryProject } from './fixtures';
import { startInMemoryServer, type InMemoryServer } from './harness';

let server: InMemoryServer | undefined;
afterEach(() => {
  server?.dispose();
  server = undefined;
});

const PYPROJECT = [
  '[project]',
  'name = "demo"',
  `dependencies = ["requests>=2.31; python_version >= '3.8'"]`,
  'description = """',
  'two lines"""',
  '',
].join('\n');

async function start(initializationOptions: Record<string, unknown> = {}): Promise<InitializeResult> {
  server = startInMemoryServer({ pullDiagnostics: true, initializationOptions });
  return server.client.initialize();
}

/** Decodes LSP's relative encoding into `line:character type[.modifiers] text`. */
function decode(text: string, tokens: SemanticTokens, legend: SemanticTokensLegend): string[] {
  const lines = text.split('\n');
  const result: string[] = [];
  let line = 0;
  let character = 0;
  for (let index = 0; index < tokens.data.length; index += 5) {
    const [deltaLine, deltaStart, length, type, modifiers] = tokens.data.slice(index, index + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const names = legend.tokenModifiers.filter((_, bit) => modifiers & (1 << bit));
    result.push(`${line}:${character} ${legend.tokenTypes[type]}${names.length ? `.${names.join('.')}` : ''} ${lines[line].slice(character, character + length)}`);
  }
  return result;
}

async function full(uri: string): Promise<SemanticTokens> {
  return server!.client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
}

describe('semantic tokens', () => {
  it('colours a pyproject.toml: TOML tokens, requirement parts, a multi-line string split per line', async () => {
    const result = await start();
    const provider = result.capabilities.semanticTokensProvider!;
    expect(provider).toMatchObject({ full: true, range: true });
    const legend = provider.legend;
    expect(legend.tokenTypes).toEqual(expect.arrayContaining(['namespace', 'property', 'string', 'number', 'keyword', 'comment', 'operator', 'variable', 'type', 'enumMember']));
    const folder = temporaryProject();
    const uri = folder.uri('pyproject.toml');
    await server!.client.open(uri, PYPROJECT, 'toml');
    expect(decode(PYPROJECT, await full(uri), legend)).toEqual([
      '0:1 namespace.declaration project',
      '1:0 property name',
      '1:5 operator =',
      '1:7 string "demo"',
      '2:0 property dependencies',
      '2:13 operator =',
      '2:16 string "',
      '2:17 type requests',
      '2:25 operator >=',
      '2:27 number 2.31',
      '2:31 string ; ',
      '2:33 variable.readonly python_version',
      '2:47 string  ',
      '2:48 operator >=',
      `2:50 string  '3.8'"`,
      '3:0 property description',
      '3:12 operator =',
      '3:14 string """',
      '4:0 string two lines"""',
    ]);
    const range: SemanticTokens = await server!.client.connection.sendRequest('textDocument/semanticTokens/range', {
      textDocument: { uri },
      range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } },
    });
    // Relative to the first token of the range.
    expect(decode(PYPROJECT, range, legend)).toEqual(['1:0 property name', '1:5 operator =', '1:7 string "demo"']);
  });

  it('still colours broken TOML and lockfiles, and gives requirements files none', async () => {
    const legend = (await start()).capabilities.semanticTokensProvider!.legend;
    const folder = temporaryProject();
    const broken = '[project]\ndependencies = [\n  "numpy>=1",\n\n[tool.uv]\nindex-url = "https://example.com/simple"\n';
    await server!.client.open(folder.uri('pyproject.toml'), broken, 'toml');
    const tokens = decode(broken, await full(folder.uri('pyproject.toml')), legend);
    expect(tokens).toEqual(expect.arrayContaining(['2:3 type numpy', '4:1 namespace.declaration tool', '4:6 namespace.declaration uv', '5:0 property index-url']));
    const lock = 'version = 1\n[[package]]\nname = "numpy"\n';
    await server!.client.open(folder.uri('uv.lock'), lock, 'toml');
    expect(decode(lock, await full(folder.uri('uv.lock')), legend)).toEqual([
      '0:0 property version', '0:8 operator =', '0:10 number 1', '1:2 namespace.declaration package', '2:0 property name', '2:5 operator =', '2:7 string "numpy"',
    ]);
    await server!.client.open(folder.uri('requirements.txt'), 'numpy>=1\n', 'pip-requirements');
    expect((await full(folder.uri('requirements.txt'))).data).toEqual([]);
  });

  it('offers no semantic tokens when the client highlights TOML otherwise', async () => {
    const result = await start({ semanticHighlighting: false });
    expect(result.capabilities.semanticTokensProvider).toBeUndefined();
  });
});
