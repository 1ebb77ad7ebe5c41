import { CLEAR_CACHE_METHOD, type ClearCacheResult } from '../../protocol';
import type { ServerContext } from '../context';
import { guardRequest } from '../request-guards';

/** `pipsight/clearCache`: empties the index cache (memory and disk) and loads the open documents' data again. */
export function registerClearCache(context: ServerContext): void {
  context.connection.onRequest(
    CLEAR_CACHE_METHOD,
    guardRequest(context.log, CLEAR_CACHE_METHOD, { cleared: false } as ClearCacheResult, async (): Promise<ClearCacheResult> => {
      await context.indexAccess.clientFor(context.settings).clear();
      context.log.info('Index cache cleared');
      context.insights.reset(context.documents.all().map((document) => document.uri));
      return { cleared: true };
    }),
  );
}
