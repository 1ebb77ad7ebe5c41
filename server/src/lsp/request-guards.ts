/**
 * Robustness and cancellation helpers shared by every handler: one bad request or document never
 * takes the server down, and cancelled requests stop at the next check.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from './context';
import type { CachedAnalysis } from './document-analyses';
import type { ServerLog } from './log';

export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/**
 * Lets queued messages (notably `$/cancelRequest` and newer edits) be read before a request does
 * its work. Cheap: one turn of the event loop.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

let handledMessages = 0;

/**
 * How many requests and notifications the handlers have taken so far (every handler is wrapped by
 * guardRequest or guardNotification). The connection hands over one queued message per turn of
 * the event loop, so a count that stays the same over a full turn means no message is waiting.
 */
export function handledMessageCount(): number {
  return handledMessages;
}

/** Wraps a request handler: a thrown bug is logged with its stack and answered with `fallback`; ResponseErrors pass through. */
export function guardRequest<P, R>(
  log: ServerLog,
  method: string,
  fallback: R,
  handler: (params: P, token: CancellationToken) => Promise<R> | R,
): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    handledMessages += 1;
    try {
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log.error(`${method} failed`, error);
      return fallback;
    }
  };
}

/** Wraps a notification / event handler: errors are logged, never thrown into the connection. */
export function guardNotification<P>(log: ServerLog, method: string, handler: (params: P) => Promise<void> | void): (params: P) => void {
  return (params) => {
    handledMessages += 1;
    try {
      const result = handler(params);
      if (result instanceof Promise) result.catch((error: unknown) => log.error(`${method} failed`, error));
    } catch (error) {
      log.error(`${method} failed`, error);
    }
  };
}

/**
 * The first steps of every request about one document: let queued messages in (edits already
 * received are applied first, so only the latest version is analysed), stop if cancelled, find the
 * open document and its (cached) analysis. Null when the document is not open.
 */
export async function documentForRequest(context: ServerContext, uri: string, token: CancellationToken): Promise<{ document: TextDocument; cached: CachedAnalysis } | null> {
  await yieldToEventLoop();
  throwIfCancelled(token);
  const document = await context.analyses.settled(uri);
  throwIfCancelled(token);
  return document ? { document, cached: context.analyses.get(document) } : null;
}
