/** PEP 503 name normalization: runs of `-`, `_` and `.` become a single `-`, lowercased. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** PEP 508 / core metadata project name: ASCII letters and digits, with `-`, `_`, `.` inside. */
export const PROJECT_NAME_PATTERN = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

export function isValidProjectName(name: string): boolean {
  return PROJECT_NAME_PATTERN.test(name);
}

/** PEP 685 extra name normalization (same rule as PEP 503). */
export function normalizeExtra(extra: string): string {
  return normalizeName(extra);
}
