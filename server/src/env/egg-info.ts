/**
 * Legacy `*.egg-info` installs (setup.py develop, old sdists): PKG-INFO holds the core metadata,
 * and `requires.txt` the dependencies in an INI-like form whose section headers are
 * `[extra]`, `[:marker]` or `[extra:marker]`. pip turns each entry into a PEP 508 string (when
 * PKG-INFO has no Requires-Dist of its own); this does the same.
 */
import { normalizeExtra } from '../core/names';
import { trimLeading, trimTrailing } from '../core/trim';

/** Requires-Dist strings equivalent to a requires.txt. */
export function requiresDistFromRequiresTxt(text: string): string[] {
  const requirements: string[] = [];
  let extra = '';
  let marker = '';
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[') && line.endsWith(']')) {
      const section = trimTrailing(trimLeading(line, '['), ']');
      const colon = section.indexOf(':');
      extra = colon < 0 ? section : section.slice(0, colon);
      marker = colon < 0 ? '' : section.slice(colon + 1);
      continue;
    }
    // pip's safe_extra: runs of characters other than letters, digits and '.' become '_', lowercased.
    // Marker evaluation normalizes extras (PEP 685) anyway, so the PEP 503 form compares the same.
    const extraCondition = extra ? `extra == "${normalizeExtra(extra)}"` : '';
    const combined = extra && marker ? `(${marker}) and ${extraCondition}` : extraCondition || marker;
    requirements.push(combined ? `${line}; ${combined}` : line);
  }
  return requirements;
}
