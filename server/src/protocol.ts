/**
 * What the VS Code client and the language server share: identifiers, setting names and defaults,
 * and (when there are any) the custom `pipsight/<verbNoun>` methods. The client may import only
 * this file of the server, so it stays free of LSP library imports.
 */
import { SUPPORTED_FILE_GLOBS } from './core/detect';

export const SERVER_ID = 'pipsight';
export const SERVER_NAME = 'Pipsight';
/** `Diagnostic.source` of every diagnostic the server reports. */
export const DIAGNOSTIC_SOURCE = 'pipsight';
/** Language id contributed for requirements / constraints files (pyproject and lockfiles have none: selected by pattern). */
export const REQUIREMENTS_LANGUAGE_ID = 'pip-requirements';

/** Glob patterns of every file the server analyses (document selector and file watchers). */
export const DOCUMENT_GLOBS: readonly string[] = SUPPORTED_FILE_GLOBS;

export const CONFIGURATION_SECTION = 'pipsight';

export const SETTING_NAMES = {
  enable: 'pipsight.enable',
  logLevel: 'pipsight.logLevel',
  traceServer: 'pipsight.trace.server',
  debounceMs: 'pipsight.diagnostics.debounceMs',
} as const;

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The `pipsight` configuration section as the server reads it (trace.server is the client's business). */
export interface PipsightSettings {
  enable: boolean;
  logLevel: LogLevel;
  diagnostics: { debounceMs: number };
}

export const DEFAULT_SETTINGS: PipsightSettings = {
  enable: true,
  logLevel: 'info',
  diagnostics: { debounceMs: 150 },
};

export const COMMAND_IDS = {
  restartServer: 'pipsight.restartServer',
  showLog: 'pipsight.showLog',
} as const;
