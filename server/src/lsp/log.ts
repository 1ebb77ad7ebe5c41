import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, LOG_LEVELS, type LogLevel } from '../protocol';

/** The server's own log, filtered by `pipsight.logLevel`, written through the client's console. */
export class ServerLog {
  private level: LogLevel = DEFAULT_SETTINGS.logLevel;

  constructor(private readonly connection: Connection) {}

  setLevel(level: LogLevel): void {
    this.level = level;
  }

  error(message: string, error?: unknown): void {
    if (this.enabled('error')) this.connection.console.error(withStack(message, error));
  }

  warn(message: string): void {
    if (this.enabled('warn')) this.connection.console.warn(message);
  }

  info(message: string): void {
    if (this.enabled('info')) this.connection.console.info(message);
  }

  debug(message: string): void {
    if (this.enabled('debug')) this.connection.console.log(message);
  }

  private enabled(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(this.level);
  }
}

function withStack(message: string, error: unknown): string {
  if (error === undefined) return message;
  if (error instanceof Error) return `${message}: ${error.stack ?? error.message}`;
  return `${message}: ${String(error)}`;
}
