import { DocumentDiagnosticReportKind, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { documentForRequest, guardRequest, throwIfCancelled } from '../request-guards';

const EMPTY_REPORT: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

/**
 * `textDocument/diagnostic` (pull): analyses at once, reusing the cached analysis of the same version;
 * index findings known so far are included (the server asks for a refresh when more arrive).
 */
export function registerDocumentDiagnostic(context: ServerContext): void {
  context.connection.languages.diagnostics.on(
    guardRequest(context.log, 'textDocument/diagnostic', EMPTY_REPORT, async (params, token): Promise<DocumentDiagnosticReport> => {
      const opened = await documentForRequest(context, params.textDocument.uri, token);
      if (!opened) return EMPTY_REPORT;
      const { document, cached } = opened;
      const resultId = context.diagnosticsResultId(cached);
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      const items = context.diagnosticsFor(document);
      throwIfCancelled(token);
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
    }),
  );
}
