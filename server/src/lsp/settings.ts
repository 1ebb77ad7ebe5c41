import { DEFAULT_SETTINGS, LOG_LEVELS, type LogLevel, type PipsightSettings } from '../protocol';

/** Reads the `pipsight` configuration section leniently: anything missing or of the wrong type falls back to the default. */
export function readSettings(section: unknown): PipsightSettings {
  const raw = isObject(section) ? section : {};
  const diagnostics = isObject(raw.diagnostics) ? raw.diagnostics : {};
  const debounceMs = diagnostics.debounceMs;
  return {
    enable: typeof raw.enable === 'boolean' ? raw.enable : DEFAULT_SETTINGS.enable,
    logLevel: isLogLevel(raw.logLevel) ? raw.logLevel : DEFAULT_SETTINGS.logLevel,
    diagnostics: {
      debounceMs:
        typeof debounceMs === 'number' && Number.isFinite(debounceMs) && debounceMs >= 0
          ? Math.min(debounceMs, 10_000)
          : DEFAULT_SETTINGS.diagnostics.debounceMs,
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}
