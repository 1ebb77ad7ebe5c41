/**
 * When is a declaration that is not installed `env-missing`? One rule for `pipsight check` (the
 * env-missing diagnostic) and the installed-environment tree (the missing root's problem):
 * - constraints and overrides only restrict versions: never missing;
 * - Poetry `optional = true` packages come only with an extra: never missing on their own;
 * - main dependencies: always expected;
 * - optional groups (extras, dependency groups, dev groups): expected only when another package
 *   of the same group (in the same file) is installed, that is, when the group was evidently
 *   installed; `pip install .` or `uv sync --no-dev` leave them out on purpose.
 */
const VERSION_ONLY_GROUPS = new Set(['constraint', 'uv-constraint', 'uv-override']);

export function isExpectedInstalled(group: string, optional: boolean, groupHasInstalledPackage: boolean): boolean {
  if (VERSION_ONLY_GROUPS.has(group) || optional) return false;
  return group === 'main' || groupHasInstalledPackage;
}
