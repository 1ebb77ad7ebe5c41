/**
 * Which edges are followed for a target environment. With a target, a marker is evaluated as pip
 * does: once with no extra and once per requested extra (`extra == "x"` holds only when x is
 * requested). Without a target (a universal lock shown for "any environment"), only the names
 * that the query fixes (extra, extras, dependency_groups) are evaluated; every other comparison is
 * unknown, and an edge is followed unless its marker is false whatever the unknowns are.
 */
import { defaultEnvironments, evaluateMarker, parseMarker, type Marker, type MarkerEnvironment, type MarkerNode } from '../pep508';
import { versionSatisfies } from '../pep440';
import { chainOperands } from '../pep508/marker-tree';

type Truth = boolean | 'unknown';

const QUERY_VARIABLES = new Set(['extra', 'extras', 'dependency_groups']);

export class MarkerActivation {
  private readonly parsed = new Map<string, Marker | null>();
  private readonly results = new Map<string, boolean>();

  private realisticEnvironments: MarkerEnvironment[] | null = null;

  /**
   * @param target  the environment, or null for "any environment"
   * @param groups  dependency groups requested (for lockfile markers on `dependency_groups`)
   * @param requiresPython  bounds "any environment" (the lock's requires-python)
   */
  constructor(
    private readonly target: MarkerEnvironment | null,
    private readonly groups: readonly string[] = [],
    private readonly requiresPython: string | null = null,
  ) {}

  /**
   * Stricter than `holds` without a target: does the marker hold in some realistic environment
   * (CPython 3.8–3.14 on the usual platforms, within requires-python)? Used before calling an
   * absent package missing: Poetry leaves out dependencies whose markers exclude every supported Python.
   */
  holdsSomewhere(marker: string | null, extras: readonly string[] = []): boolean {
    if (this.target || marker === null) return this.holds(marker, extras);
    const parsed = parseMarker(marker).value;
    if (!parsed) return true;
    this.realisticEnvironments ??= defaultEnvironments().filter((env) => versionSatisfies(this.requiresPython ?? '', env.python_full_version ?? ''));
    return this.realisticEnvironments.some((env) =>
      ['', ...extras].some((extra) => evaluateMarker(parsed, { ...env, extra, extras: [...extras], dependency_groups: [...this.groups] })),
    );
  }

  /** Does an edge with this marker apply, for a package requested with these extras? */
  holds(marker: string | null, extras: readonly string[] = []): boolean {
    if (marker === null) return true;
    const key = extras.length === 0 ? marker : `${marker}\u0000${extras.join(',')}`;
    let result = this.results.get(key);
    if (result === undefined) {
      result = this.evaluate(marker, extras);
      this.results.set(key, result);
    }
    return result;
  }

  private evaluate(text: string, extras: readonly string[]): boolean {
    let marker = this.parsed.get(text);
    if (marker === undefined) {
      marker = parseMarker(text).value;
      this.parsed.set(text, marker);
    }
    if (!marker) return true; // an unreadable marker hides nothing
    const base: MarkerEnvironment = { ...(this.target ?? {}), extras: [...extras], dependency_groups: [...this.groups] };
    for (const extra of ['', ...extras]) {
      const env = { ...base, extra };
      const truth = this.target ? evaluateMarker(marker, env) : evaluateQueryVariables(marker.tree, env);
      if (truth !== false) return true;
    }
    return false;
  }
}

/** Three-valued evaluation where only extra / extras / dependency_groups are known. */
function evaluateQueryVariables(node: MarkerNode, env: MarkerEnvironment): Truth {
  if (node.type === 'compare') {
    const variable = node.left.type === 'variable' ? node.left.name : node.right.type === 'variable' ? node.right.name : null;
    if (variable === null || !QUERY_VARIABLES.has(variable)) return 'unknown';
    return evaluateMarker({ tree: node, text: '' }, env);
  }
  const operands = chainOperands(node).map((operand) => evaluateQueryVariables(operand, env));
  if (node.type === 'and') {
    if (operands.includes(false)) return false;
    return operands.includes('unknown') ? 'unknown' : true;
  }
  if (operands.includes(true)) return true;
  return operands.includes('unknown') ? 'unknown' : false;
}
