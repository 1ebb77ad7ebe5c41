import type { Connection } from 'vscode-languageserver/node';
import { redactCredentials } from '../core/indexes';
import { DEFAULT_SETTINGS, LOG_LEVELS, type LogLevel } from '../protocol';

/**
 * The server's own log, filtered by `pipsight.logLevel`, written through the client's console.
 * Every message has the credentials of any URL in it masked (redactCredentials), whoever wrote it.
 */
export class ServerLog {
  private level: LogLevel = DEFAULT_SETTINGS.logLevel;

  constructor(private readonly connection: Connection) {}

  setLevel(level: LogLevel): void {
    this.level = level;
  }

  error(message: string, error?: unknown): void {
    if (this.enabled('error')) this.write(() => this.connection.console.error(redactCredentials(withStack(message, error))));
  }

  warn(message: string): void {
    if (this.enabled('warn')) this.write(() => this.connection.console.warn(redactCredentials(message)));
  }

  info(message: string): void {
    if (this.enabled('info')) this.write(() => this.connection.console.info(redactCredentials(message)));
  }

  debug(message: string): void {
    if (this.enabled('debug')) this.write(() => this.connection.console.log(redactCredentials(message)));
  }

  /** Logging never throws: after shutdown the connection is disposed and a late message is dropped. */
  private write(send: () => void): void {
    try {
      send();
    } catch {
      // the client is gone; nobody is left to read the message
    }
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
