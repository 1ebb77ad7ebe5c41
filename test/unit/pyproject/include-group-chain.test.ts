/**
 * `[dependency-groups]` include chains of any length: 20,000 groups each including the previous one
 * are checked without recursion (before: RangeError, maximum call stack size exceeded, and the path
 * copied at every step, quadratic), and cycles are still found with their whole path.
 */
import { describe, expect, it } from 'vitest';
import { parsePyproject } from '../../../server/src/core/formats/pyproject';

function chain(groups: number, closeCycle: boolean): string {
  const lines = ['[project]', 'name = "demo"', 'version = "0.1.0"', '', '[dependency-groups]'];
  lines.push(closeCycle ? `g0 = [{ include-group = "g${groups - 1}" }]` : 'g0 = ["numpy"]');
  for (let i = 1; i < groups; i++) lines.push(`g${i} = [{ include-group = "g${i - 1}" }]`);
  return `${lines.join('\n')}\n`;
}

describe('dependency-group include chains', () => {
  it('a chain of 20,000 groups parses without an include finding', () => {
    const file = parsePyproject(chain(20_000, false), '/p/pyproject.toml');
    expect(file.errors.filter((error) => error.code === 'include-cycle' || error.code === 'unknown-include-group')).toEqual([]);
  });

  it('a cycle through 20,000 groups is reported once, with its path', () => {
    const file = parsePyproject(chain(20_000, true), '/p/pyproject.toml');
    const cycles = file.errors.filter((error) => error.code === 'include-cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0].message.startsWith('Dependency group include cycle: g0 → g19999 → g19998')).toBe(true);
    expect(cycles[0].message.endsWith('g1 → g0')).toBe(true);
  });

  it('a small cycle reads as before', () => {
    const file = parsePyproject('[dependency-groups]\na = [{include-group = "b"}]\nb = [{include-group = "a"}]\n', '/p/pyproject.toml');
    expect(file.errors.filter((error) => error.code === 'include-cycle').map((error) => error.message)).toEqual(['Dependency group include cycle: a → b → a']);
  });
});
