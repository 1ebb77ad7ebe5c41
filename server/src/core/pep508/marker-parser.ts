/**
 * Marker expressions, following pypa/packaging's grammar and messages:
 *
 *   marker      = marker_atom (BOOLOP marker_atom)*
 *   marker_atom = WS? ( '(' WS? marker WS? ')' | marker_item ) WS?
 *   marker_item = WS? marker_var WS? marker_op WS? marker_var WS?
 *   marker_var  = VARIABLE | QUOTED_STRING
 *   marker_op   = 'in' | 'not' WS 'in' | '===' | '==' | '~=' | '!=' | '<=' | '>=' | '<' | '>'
 *
 * `and` binds tighter than `or`. The text keeps the user's parentheses (minus redundant ones),
 * like packaging's str(Marker); `extra` values are normalized (PEP 685).
 */
import { normalizeExtra } from '../names';
import { formatComparison } from './marker-format';
import { decodePythonStringBody } from './quoted-string';
import { type Scanner } from './scanner';
import type { Marker, MarkerNode, MarkerOperand, MarkerVariable } from './types';

/** Spellings packaging accepts, including the old `os.name` style aliases, longest first. */
const VARIABLE_SPELLINGS: ReadonlyArray<readonly [string, MarkerVariable]> = (
  [
    ['python_version', 'python_version'], ['python_full_version', 'python_full_version'],
    ['os_name', 'os_name'], ['os.name', 'os_name'], ['sys_platform', 'sys_platform'], ['sys.platform', 'sys_platform'],
    ['platform_release', 'platform_release'], ['platform_system', 'platform_system'],
    ['platform_version', 'platform_version'], ['platform.version', 'platform_version'],
    ['platform_machine', 'platform_machine'], ['platform.machine', 'platform_machine'],
    ['platform_python_implementation', 'platform_python_implementation'],
    ['platform.python_implementation', 'platform_python_implementation'],
    ['python_implementation', 'platform_python_implementation'],
    ['implementation_name', 'implementation_name'], ['implementation_version', 'implementation_version'],
    ['extras', 'extras'], ['extra', 'extra'], ['dependency_groups', 'dependency_groups'],
  ] as const
).slice().sort((a, b) => b[0].length - a[0].length);

const COMPARISON_OPERATORS = ['===', '==', '~=', '!=', '<=', '>=', '<', '>'];

/** Deeper parentheses are refused rather than risk the call stack (packaging has no limit). */
const MAXIMUM_NESTING = 100;

/** A parsed piece of marker: its tree, its text without outer parentheses, and whether that text is an and/or chain. */
interface MarkerPiece {
  node: MarkerNode;
  bareText: string;
  isChain: boolean;
}

function textInChain(piece: MarkerPiece): string {
  return piece.isChain ? `(${piece.bareText})` : piece.bareText;
}

/** Builds the tree of `a0 op0 a1 op1 a2 ...` with `and` before `or`, left to right. */
function buildTree(atoms: MarkerNode[], operators: ('and' | 'or')[]): MarkerNode {
  let orNode: MarkerNode | null = null;
  let andNode = atoms[0];
  for (let i = 0; i < operators.length; i++) {
    if (operators[i] === 'and') {
      andNode = { type: 'and', left: andNode, right: atoms[i + 1] };
    } else {
      orNode = orNode ? { type: 'or', left: orNode, right: andNode } : andNode;
      andNode = atoms[i + 1];
    }
  }
  return orNode ? { type: 'or', left: orNode, right: andNode } : andNode;
}

function parseOperand(scanner: Scanner): MarkerOperand {
  for (const [spelling, name] of VARIABLE_SPELLINGS) {
    if (scanner.consumeKeyword(spelling)) return { type: 'variable', name };
  }
  const quote = scanner.code();
  if (quote === 39 || quote === 34) {
    const start = scanner.pos;
    const close = scanner.text.indexOf(String.fromCharCode(quote), start + 1);
    if (close < 0) scanner.fail('Expected a marker variable or quoted string (this quoted string is not closed)', start, scanner.text.length);
    const value = decodePythonStringBody(scanner.text.slice(start + 1, close));
    if (value === null) scanner.fail('Invalid quoted string', start, close + 1);
    scanner.pos = close + 1;
    return { type: 'string', value };
  }
  return scanner.fail('Expected a marker variable or quoted string');
}

function parseOperator(scanner: Scanner): string {
  if (scanner.consumeKeyword('in')) return 'in';
  if (scanner.consumeKeyword('not')) {
    if (!scanner.skipBlanks()) scanner.fail("Expected whitespace after 'not'");
    if (!scanner.consumeKeyword('in')) scanner.fail("Expected 'in' after 'not'");
    return 'not in';
  }
  for (const operator of COMPARISON_OPERATORS) {
    if (scanner.startsWith(operator)) {
      scanner.pos += operator.length;
      return operator;
    }
  }
  return scanner.fail('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in');
}

/** PEP 685: the name compared with `extra` is normalized. */
function normalizeExtraOperand(operand: MarkerOperand, other: MarkerOperand): MarkerOperand {
  if (operand.type === 'string' && other.type === 'variable' && other.name === 'extra') {
    return { type: 'string', value: normalizeExtra(operand.value) };
  }
  return operand;
}

function parseComparison(scanner: Scanner): MarkerPiece {
  scanner.skipBlanks();
  const rawLeft = parseOperand(scanner);
  scanner.skipBlanks();
  const op = parseOperator(scanner);
  scanner.skipBlanks();
  const rawRight = parseOperand(scanner);
  scanner.skipBlanks();
  const left = normalizeExtraOperand(rawLeft, rawRight);
  const right = normalizeExtraOperand(rawRight, rawLeft);
  return { node: { type: 'compare', left, op, right }, bareText: formatComparison(left, op, right), isChain: false };
}

function parseAtom(scanner: Scanner, depth: number): MarkerPiece {
  scanner.skipBlanks();
  let piece: MarkerPiece;
  if (scanner.code() === 40 /* ( */) {
    const open = scanner.pos;
    if (depth >= MAXIMUM_NESTING) scanner.fail(`Marker expression nested more than ${MAXIMUM_NESTING} parentheses deep`, open, open + 1);
    scanner.pos++;
    scanner.skipBlanks();
    piece = parseChain(scanner, depth + 1);
    scanner.skipBlanks();
    if (scanner.code() !== 41 /* ) */) {
      scanner.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', open, Math.max(scanner.pos, open + 1));
    }
    scanner.pos++;
  } else {
    piece = parseComparison(scanner);
  }
  scanner.skipBlanks();
  return piece;
}

function parseChain(scanner: Scanner, depth: number): MarkerPiece {
  const pieces = [parseAtom(scanner, depth)];
  const operators: ('and' | 'or')[] = [];
  for (;;) {
    const operator = scanner.consumeKeyword('and') ? 'and' : scanner.consumeKeyword('or') ? 'or' : null;
    if (!operator) break;
    operators.push(operator);
    pieces.push(parseAtom(scanner, depth));
  }
  if (pieces.length === 1) return pieces[0];
  let bareText = textInChain(pieces[0]);
  for (let i = 0; i < operators.length; i++) bareText += ` ${operators[i]} ${textInChain(pieces[i + 1])}`;
  return { node: buildTree(pieces.map((piece) => piece.node), operators), bareText, isChain: true };
}

/** Parses a marker expression at the scanner's position (stops before anything it cannot read). */
export function readMarker(scanner: Scanner): Marker {
  const piece = parseChain(scanner, 0);
  return { tree: piece.node, text: piece.bareText };
}
