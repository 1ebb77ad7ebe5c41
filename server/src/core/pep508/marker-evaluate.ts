/**
 * Marker evaluation with packaging's (≥ 26) rules:
 * - For the version variables (python_version, python_full_version, implementation_version,
 *   platform_release), `lhs op rhs` means "lhs is in the specifier `op rhs`" when that is a
 *   valid specifier (pre-releases allowed); otherwise the string rules below apply.
 * - Strings: `==`/`!=` compare, `in`/`not in` look for a substring (or a member of
 *   `extras`/`dependency_groups`, names normalized), `<=`/`>=` mean equality, `<`/`>` are false,
 *   and `~=`/`===` are undefined (false here, an exception in packaging).
 * - `extra` is compared with normalized names (PEP 685).
 * - A variable missing from the environment makes its comparison false. Never throws.
 */
import { normalizeExtra } from '../names';
import { parseSpecifierSet, specifierSetContains, type SpecifierSet } from '../pep440';
import { chainOperands } from './marker-tree';
import type { Marker, MarkerEnvironment, MarkerNode, MarkerOperand, MarkerVariable } from './types';

const VERSION_VARIABLES: ReadonlySet<MarkerVariable> = new Set<MarkerVariable>([
  'python_version', 'python_full_version', 'implementation_version', 'platform_release',
]);

/** Specifiers built from marker comparisons (`>=3.8`), cached: the same few recur in every file. */
const specifierCache = new Map<string, SpecifierSet | null>();
const SPECIFIER_CACHE_LIMIT = 2000;

function markerSpecifier(op: string, version: string): SpecifierSet | null {
  const text = op + version;
  let set = specifierCache.get(text);
  if (set === undefined) {
    // A comma would make several specifiers, which packaging's single Specifier rejects.
    const parsed = version.includes(',') ? null : parseSpecifierSet(text);
    set = parsed && parsed.errors.length === 0 && parsed.value?.specifiers.length === 1 ? parsed.value : null;
    if (specifierCache.size >= SPECIFIER_CACHE_LIMIT) specifierCache.clear();
    specifierCache.set(text, set);
  }
  return set;
}

type OperandValue = string | string[] | undefined;

function operandValue(operand: MarkerOperand, env: MarkerEnvironment): OperandValue {
  if (operand.type === 'string') return operand.value;
  const value = env[operand.name];
  if (operand.name === 'extra' && typeof value === 'string') return value === '' ? '' : normalizeExtra(value);
  if (operand.name === 'python_full_version' && typeof value === 'string' && value.endsWith('+')) {
    return `${value}local`; // packaging's repair of non-PEP 440 versions of untagged Python builds
  }
  return value;
}

function compareStrings(lhs: string, op: string, rhs: string | string[]): boolean {
  switch (op) {
    case 'in':
      return rhs.includes(lhs);
    case 'not in':
      return !rhs.includes(lhs);
    case '==':
    case '<=':
    case '>=':
      return typeof rhs === 'string' && lhs === rhs;
    case '!=':
      return typeof rhs === 'string' && lhs !== rhs;
    default:
      return false;
  }
}

function evaluateComparison(node: Extract<MarkerNode, { type: 'compare' }>, env: MarkerEnvironment): boolean {
  const key = node.left.type === 'variable' ? node.left.name : node.right.type === 'variable' ? node.right.name : null;
  if (key === null) return false; // packaging looks the string up as a variable name and fails
  const lhs = operandValue(node.left, env);
  let rhs = operandValue(node.right, env);
  if (typeof lhs !== 'string' || rhs === undefined) return false;
  if (key === 'extras' || key === 'dependency_groups') {
    rhs = typeof rhs === 'string' ? normalizeExtra(rhs) : rhs.map(normalizeExtra);
    return compareStrings(normalizeExtra(lhs), node.op, rhs);
  }
  if (VERSION_VARIABLES.has(key) && typeof rhs === 'string') {
    const set = markerSpecifier(node.op, rhs);
    if (set) return specifierSetContains(set, lhs, { prereleases: true });
  }
  return compareStrings(lhs, node.op, rhs);
}

function evaluateNode(node: MarkerNode, env: MarkerEnvironment): boolean {
  switch (node.type) {
    case 'and':
      return chainOperands(node).every((operand) => evaluateNode(operand, env));
    case 'or':
      return chainOperands(node).some((operand) => evaluateNode(operand, env));
    case 'compare':
      return evaluateComparison(node, env);
  }
}

/** Evaluates a marker. Variables missing from env make their comparison false (never throws). */
export function evaluateMarker(marker: Marker, env: MarkerEnvironment): boolean {
  return evaluateNode(marker.tree, env);
}
