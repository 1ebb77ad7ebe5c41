import type { ServerContext } from '../context';

/** `shutdown`: stop pending work; the `exit` notification that follows ends the process (library default). */
export function registerShutdown(context: ServerContext): void {
  context.connection.onShutdown(() => {
    context.publisher.dispose();
    context.insights.dispose();
    context.environments.dispose();
    void context.indexAccess.close();
    context.log.info('Shutting down');
  });
}
