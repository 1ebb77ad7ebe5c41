import type { SemanticTokens } from 'vscode-languageserver/node';
import { tomlSemanticSpans, type SemanticSpan } from '../../core/highlight/toml-semantic-tokens';
import type { ServerContext } from '../context';
import { documentKind } from '../documents';
import { isTomlKind } from '../last-good-model';
import { LineIndex } from '../positions';
import { guardRequest, throwIfCancelled } from '../request-guards';
import { encodeSemanticTokens } from '../semantic-tokens-encoding';

/** The spans of the latest version of a few documents (a range request after a full one reuses them). */
interface TokenizedDocument {
  uri: string;
  version: number;
  lines: LineIndex;
  spans: SemanticSpan[];
}
const RECENT_LIMIT = 4;

/**
 * `textDocument/semanticTokens/full` and `/range`: colours for pyproject.toml and the TOML
 * lockfiles (VS Code has no TOML grammar); requirements files keep their TextMate grammar and get
 * none. Registered in `initialize` unless the client highlights TOML otherwise.
 */
export function registerSemanticTokens(context: ServerContext): void {
  const recent: TokenizedDocument[] = [];
  const tokenize = (uri: string): { text: string; tokenized: TokenizedDocument } | null => {
    const document = context.documents.get(uri);
    if (!document || !isTomlKind(documentKind(document))) return null;
    const text = document.getText();
    let tokenized = recent.find((entry) => entry.uri === uri && entry.version === document.version);
    if (!tokenized) {
      tokenized = { uri, version: document.version, lines: new LineIndex(text), spans: tomlSemanticSpans(text, documentKind(document)!) };
      const stale = recent.findIndex((entry) => entry.uri === uri);
      if (stale >= 0) recent.splice(stale, 1);
      if (recent.length >= RECENT_LIMIT) recent.shift();
      recent.push(tokenized);
    }
    return { text, tokenized };
  };
  const empty: SemanticTokens = { data: [] };

  context.connection.languages.semanticTokens.on(
    guardRequest(context.log, 'textDocument/semanticTokens/full', empty, (params, token) => {
      const found = tokenize(params.textDocument.uri);
      throwIfCancelled(token);
      if (!found) return empty;
      return { data: encodeSemanticTokens(found.text, found.tokenized.lines, found.tokenized.spans) };
    }),
  );
  context.connection.languages.semanticTokens.onRange(
    guardRequest(context.log, 'textDocument/semanticTokens/range', empty, (params, token) => {
      const found = tokenize(params.textDocument.uri);
      throwIfCancelled(token);
      if (!found) return empty;
      const { lines, spans } = found.tokenized;
      const within = { start: lines.offsetAt(params.range.start), end: lines.offsetAt(params.range.end) };
      return { data: encodeSemanticTokens(found.text, lines, spans, within) };
    }),
  );
}
