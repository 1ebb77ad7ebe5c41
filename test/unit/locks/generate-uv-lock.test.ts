import { describe, expect, it } from 'vitest';
import { generateUvLock } from '../../../bench/generate-uv-lock';
import { parseUvLock } from '../../../server/src/core/formats/locks/uv-lock';
import { expectSpansCoverNames } from './read-fixture';

describe('generateUvLock', () => {
  const target = 300_000;
  const text = generateUvLock(target);

  it('is deterministic and close to the requested size', () => {
    expect(generateUvLock(target)).toBe(text);
    expect(text.length).toBeGreaterThan(target * 0.95);
    expect(text.length).toBeLessThan(target * 1.05);
  });

  it('is a valid uv.lock with edges, markers, PyTorch CUDA builds and an editable root', () => {
    const file = parseUvLock(text, 'uv.lock');
    expect(file.errors).toEqual([]);
    expect(file.locked.length).toBeGreaterThan(50);
    expect(file.locked.some((entry) => entry.version.endsWith('+cu124') && entry.source === 'https://download.pytorch.org/whl/cu124')).toBe(true);
    expect(file.locked.some((entry) => entry.dependencies.some((edge) => edge.marker !== null))).toBe(true);
    const root = file.locked[file.locked.length - 1];
    expect(root.source).toBe('editable:.');
    expect(root.dependencies.every((edge) => edge.specifier === '>=0.1')).toBe(true);
    const names = new Set(file.locked.map((entry) => entry.normalizedName));
    expect(file.locked.every((entry) => entry.dependencies.every((edge) => names.has(edge.name)))).toBe(true);
    expectSpansCoverNames(text, file);
  });
});
