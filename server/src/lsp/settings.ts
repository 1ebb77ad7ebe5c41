import {
  DEFAULT_SETTINGS, INLAY_HINT_STYLES, LOG_LEVELS, OUTDATED_SEVERITIES,
  type IndexSetting, type PipsightSettings,
} from '../protocol';

/** Reads the `pipsight` configuration section leniently: anything missing or of the wrong type falls back to the default. */
export function readSettings(section: unknown): PipsightSettings {
  const raw = isObject(section) ? section : {};
  const diagnostics = isObject(raw.diagnostics) ? raw.diagnostics : {};
  const cache = isObject(raw.cache) ? raw.cache : {};
  const http = isObject(raw.http) ? raw.http : {};
  const inlayHints = isObject(raw.inlayHints) ? raw.inlayHints : {};
  const network = isObject(raw.network) ? raw.network : {};
  return {
    enable: typeof raw.enable === 'boolean' ? raw.enable : DEFAULT_SETTINGS.enable,
    logLevel: oneOf(raw.logLevel, LOG_LEVELS, DEFAULT_SETTINGS.logLevel),
    diagnostics: {
      debounceMs: numberIn(diagnostics.debounceMs, 0, 10_000, DEFAULT_SETTINGS.diagnostics.debounceMs),
      outdated: oneOf(diagnostics.outdated, OUTDATED_SEVERITIES, DEFAULT_SETTINGS.diagnostics.outdated),
    },
    indexes: readIndexes(raw.indexes),
    offline: typeof raw.offline === 'boolean' ? raw.offline : DEFAULT_SETTINGS.offline,
    cache: {
      ttlMinutes: numberIn(cache.ttlMinutes, 0, 7 * 24 * 60, DEFAULT_SETTINGS.cache.ttlMinutes),
      maxSizeMB: numberIn(cache.maxSizeMB, 1, 100_000, DEFAULT_SETTINGS.cache.maxSizeMB),
    },
    http: { caFile: typeof http.caFile === 'string' && http.caFile.trim() !== '' ? http.caFile.trim() : null },
    inlayHints: {
      enabled: typeof inlayHints.enabled === 'boolean' ? inlayHints.enabled : DEFAULT_SETTINGS.inlayHints.enabled,
      style: oneOf(inlayHints.style, INLAY_HINT_STYLES, DEFAULT_SETTINGS.inlayHints.style),
    },
    network: { concurrency: Math.round(numberIn(network.concurrency, 1, 256, DEFAULT_SETTINGS.network.concurrency)) },
    pythonPath: typeof raw.pythonPath === 'string' && raw.pythonPath.trim() !== '' ? raw.pythonPath.trim() : null,
    targetEnvironment: readMarkerValues(raw.targetEnvironment),
  };
}

/** `pipsight.targetEnvironment`: string values kept (numbers written as strings); null when none. */
function readMarkerValues(value: unknown): Record<string, string> | null {
  if (!isObject(value)) return null;
  const values: Record<string, string> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry === 'string') values[name] = entry;
    else if (typeof entry === 'number' && Number.isFinite(entry)) values[name] = String(entry);
  }
  return Object.keys(values).length > 0 ? values : null;
}

/** Entries without a usable `url` string are dropped; `name` and `default` are kept when well-typed. */
function readIndexes(value: unknown): IndexSetting[] {
  if (!Array.isArray(value)) return DEFAULT_SETTINGS.indexes;
  const indexes: IndexSetting[] = [];
  for (const entry of value) {
    if (!isObject(entry) || typeof entry.url !== 'string' || entry.url.trim() === '') continue;
    const index: IndexSetting = { url: entry.url.trim() };
    if (typeof entry.name === 'string' && entry.name.trim() !== '') index.name = entry.name.trim();
    if (typeof entry.default === 'boolean') index.default = entry.default;
    indexes.push(index);
  }
  return indexes;
}

function numberIn(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min ? Math.min(value, max) : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
