import { describe, expect, it } from 'vitest';
import { POPULAR_PACKAGES } from '../../../server/src/core/insights/popular-packages';
import { editDistance, suggestPackageNames } from '../../../server/src/core/insights/suggestions';
import { normalizeName } from '../../../server/src/core/names';

describe('suggestPackageNames', () => {
  it.each([
    ['pytorch', 'torch'],
    ['sklearn', 'scikit-learn'],
    ['cv2', 'opencv-python'],
    ['opencv', 'opencv-python'],
    ['PIL', 'pillow'],
    ['yaml', 'pyyaml'],
    ['bs4', 'beautifulsoup4'],
    ['dateutil', 'python-dateutil'],
    ['reqeusts', 'requests'],
    ['numpyy', 'numpy'],
    ['scikitlearn', 'scikit-learn'],
  ])('%s → %s first', (name, expected) => {
    expect(suggestPackageNames(name)[0]).toBe(expected);
  });

  it('uses names seen on the indexes and suggests nothing for far-off names', () => {
    expect(suggestPackageNames('acme-internl', ['acme-internal'])).toEqual(['acme-internal']);
    expect(suggestPackageNames('zzqqxxyyww')).toEqual([]);
  });

  it('editDistance stops early past the limit', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});

describe('POPULAR_PACKAGES', () => {
  it('holds hundreds of unique normalized names', () => {
    expect(POPULAR_PACKAGES.length).toBeGreaterThan(500);
    expect(new Set(POPULAR_PACKAGES).size).toBe(POPULAR_PACKAGES.length);
    expect(POPULAR_PACKAGES.every((name) => normalizeName(name) === name)).toBe(true);
  });
});
