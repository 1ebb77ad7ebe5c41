/**
 * uv `[tool.uv.sources]` entries that pin a package to an index under a marker (pure):
 *
 *   torch = [
 *     { index = "cpu",   marker = "sys_platform != 'linux'" },
 *     { index = "cu124", marker = "sys_platform == 'linux'" },
 *   ]
 *
 * The model keeps only the index names (`Requirement.index = 'cpu | cu124'`); which one applies
 * depends on the environment. readUvIndexSources() reads the markers from the pyproject text and
 * chooseUvIndex() picks the entry whose marker holds for a target environment. When nothing decides
 * (no environment known, no marker holds, or entries naming different indexes hold), the caller
 * asks every index and merges their releases.
 */
import { entryAt, stringValue } from '../formats/pyproject/context';
import { parseTomlDocument, type TomlTable } from '../formats/pyproject/toml-document';
import { normalizeName } from '../names';
import { evaluateMarker, parseMarker, type MarkerEnvironment } from '../pep508';

export interface UvIndexSource {
  index: string;
  /** The entry's `marker`, null when it has none (it always applies). */
  marker: string | null;
}

/** Index sources per normalized package name, only for packages with an array of index entries. */
export function readUvIndexSources(pyprojectText: string): Map<string, UvIndexSource[]> {
  const sources = new Map<string, UvIndexSource[]>();
  if (!pyprojectText.includes('sources')) return sources;
  const table = entryAt(parseTomlDocument(pyprojectText).root, 'tool', 'uv', 'sources')?.value;
  if (table?.type !== 'table') return sources;
  for (const entry of table.entries.values()) {
    if (entry.value.type !== 'array') continue;
    const entries = entry.value.items
      .filter((item): item is TomlTable => item.type === 'table')
      .flatMap((item) => {
        const index = stringValue(item, 'index')?.value;
        return index ? [{ index, marker: stringValue(item, 'marker')?.value ?? null }] : [];
      });
    if (entries.length > 0) sources.set(normalizeName(entry.key), entries);
  }
  return sources;
}

/**
 * The one index whose entries' markers hold in `environment` (an entry without a marker always
 * holds); null when that does not decide: no environment, no entry holds, or the holding entries
 * name different indexes. An unreadable marker never holds.
 */
export function chooseUvIndex(sources: readonly UvIndexSource[], environment: MarkerEnvironment | null | undefined): string | null {
  if (!environment) return null;
  const holding = sources.filter((source) => {
    if (source.marker === null) return true;
    const marker = parseMarker(source.marker).value;
    return marker !== null && evaluateMarker(marker, { extra: '', ...environment });
  });
  const indexes = new Set(holding.map((source) => source.index));
  return indexes.size === 1 ? [...indexes][0] : null;
}
