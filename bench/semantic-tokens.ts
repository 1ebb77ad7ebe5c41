/**
 * `npx tsx bench/semantic-tokens.ts`: how long semantic highlighting of a large lockfile takes
 * (a generated 5 MB uv.lock): the core spans, the LSP encoding of the whole document, and a range
 * request of one screen once the spans are known. Prints the best of a few runs after a warm-up.
 */
import { tomlSemanticSpans } from '../server/src/core/highlight/toml-semantic-tokens';
import { LineIndex } from '../server/src/core/line-index';
import { encodeSemanticTokens } from '../server/src/lsp/semantic-tokens-encoding';
import { generateUvLock } from './generate-uv-lock';

const RUNS = 5;

function best<T>(run: () => T): { ms: number; value: T } {
  let ms = Infinity;
  let value = run();
  for (let index = 0; index < RUNS; index++) {
    const started = performance.now();
    value = run();
    ms = Math.min(ms, performance.now() - started);
  }
  return { ms, value };
}

for (const megabytes of [1, 5]) {
  const text = generateUvLock(megabytes * 1024 * 1024);
  const lines = new LineIndex(text);
  const spans = best(() => tomlSemanticSpans(text, 'uv-lock'));
  const full = best(() => encodeSemanticTokens(text, lines, spans.value));
  const middle = lines.lineStart(Math.floor(lines.lineCount / 2));
  const range = best(() => encodeSemanticTokens(text, lines, spans.value, { start: middle, end: lines.lineStart(lines.positionAt(middle).line + 60) }));
  const broken = text.replace('[[package]]\nname = "', '[[package]\nname = "');
  const brokenSpans = best(() => tomlSemanticSpans(broken, 'uv-lock'));
  console.log(
    `uv.lock ${(text.length / 1024 / 1024).toFixed(1)} MB, ${lines.lineCount} lines: spans ${spans.ms.toFixed(0)} ms (${spans.value.length} tokens), ` +
      `full encoding ${full.ms.toFixed(0)} ms (${full.value.length / 5} LSP tokens), 60-line range ${range.ms.toFixed(2)} ms, broken TOML spans ${brokenSpans.ms.toFixed(0)} ms`,
  );
}
