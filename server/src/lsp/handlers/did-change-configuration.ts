import { CONFIGURATION_SECTION, type PipsightSettings } from '../../protocol';
import type { ServerContext } from '../context';
import { guardNotification } from '../request-guards';
import { readSettings } from '../settings';

/** `workspace/didChangeConfiguration`: re-read the `pipsight` settings. */
export function registerDidChangeConfiguration(context: ServerContext): void {
  context.connection.onDidChangeConfiguration(
    guardNotification(context.log, 'workspace/didChangeConfiguration', async (params) => {
      const pushed = (params.settings as Record<string, unknown> | null | undefined)?.[CONFIGURATION_SECTION];
      await loadSettings(context, pushed);
    }),
  );
}

/**
 * Reads settings with workspace/configuration when the client supports it, else takes the pushed
 * section (if any). Turning diagnostics on or off updates every open document; index settings
 * reload the index data of every open document.
 */
export async function loadSettings(context: ServerContext, pushedSection: unknown): Promise<void> {
  let section = pushedSection;
  if (context.client.configurationRequest) {
    section = await context.connection.workspace.getConfiguration(CONFIGURATION_SECTION);
  } else if (section === undefined) {
    return;
  }
  const previous = context.settings;
  context.settings = readSettings(section);
  context.log.setLevel(context.settings.logLevel);
  context.log.debug(`Settings: ${JSON.stringify(context.settings)}`);
  const open = context.documents.all().map((document) => document.uri);
  const current = context.settings;
  context.environments.settingsChanged(previous, current);
  if (indexInputsChanged(previous, current)) {
    // Other indexes, offline mode or cache rules: what is known may no longer hold.
    context.indexAccess.forgetEnvironment();
    context.insights.reset(open);
  }
  if (previous.enable !== current.enable || previous.diagnostics.outdated !== current.diagnostics.outdated) {
    context.diagnosticsChanged(open, true);
  }
  if (JSON.stringify(previous.inlayHints) !== JSON.stringify(current.inlayHints)) {
    for (const uri of open) context.indexDataArrived(uri);
  }
}

function indexInputsChanged(previous: PipsightSettings, current: PipsightSettings): boolean {
  const inputs = (settings: PipsightSettings) => JSON.stringify([settings.enable, settings.indexes, settings.offline, settings.cache, settings.http, settings.network]);
  return inputs(previous) !== inputs(current);
}
