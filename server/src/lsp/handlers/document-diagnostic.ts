import { DocumentDiagnosticReportKind, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { guardRequest, throwIfCancelled, yieldToEventLoop } from '../request-guards';

const EMPTY_REPORT: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

/**
 * `textDocument/diagnostic` (pull): analyses at once, reusing the cached analysis of the same version;
 * index findings known so far are included (the server asks for a refresh when more arrive).
 */
export function registerDocumentDiagnostic(context: ServerContext): void {
  context.connection.languages.diagnostics.on(
    guardRequest(context.log, 'textDocument/diagnostic', EMPTY_REPORT, async (params, token): Promise<DocumentDiagnosticReport> => {
      await yieldToEventLoop();
      throwIfCancelled(token);
      const document = context.documents.get(params.textDocument.uri);
      if (!document) return EMPTY_REPORT;
      const cached = context.analyses.get(document);
      const resultId = context.diagnosticsResultId(cached);
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      const items = context.diagnosticsFor(document);
      throwIfCancelled(token);
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
    }),
  );
}
