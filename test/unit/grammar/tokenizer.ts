/** Loads syntaxes/pip-requirements.tmLanguage.json with vscode-textmate + oniguruma (wasm) for tests. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';

const root = join(__dirname, '..', '..', '..');
const grammarPath = join(root, 'syntaxes', 'pip-requirements.tmLanguage.json');

let grammar: Promise<IGrammar> | undefined;

export function loadGrammar(): Promise<IGrammar> {
  grammar ??= (async () => {
    const wasmPath = createRequire(__filename).resolve('vscode-oniguruma/release/onig.wasm');
    const wasm = readFileSync(wasmPath);
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
      loadGrammar: async (scopeName) =>
        scopeName === 'source.pip-requirements' ? parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
    });
    const loaded = await registry.loadGrammar('source.pip-requirements');
    if (!loaded) throw new Error('grammar did not load');
    return loaded;
  })();
  return grammar;
}

export interface Token {
  text: string;
  scopes: string[];
}

/** Tokenizes lines in order (rule stack carried across lines, as an editor does). */
export async function tokenizeLines(lines: string[]): Promise<Token[][]> {
  const loaded = await loadGrammar();
  let stack = INITIAL;
  return lines.map((line) => {
    const result = loaded.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes }));
  });
}

/** Innermost scope of the token whose text is exactly `text` (the first one), e.g. 'entity.name.package.pip-requirements'. */
export function scopeOf(tokens: Token[], text: string): string[] {
  const token = tokens.find((candidate) => candidate.text === text);
  if (!token) throw new Error(`no token "${text}" in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes;
}
