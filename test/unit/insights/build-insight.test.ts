import { describe, expect, it } from 'vitest';
import { parseSimpleJson } from '../../../server/src/core/indexes';
import { insightFromProject } from '../../../server/src/core/insights/build-insight';
import { parseDocument } from '../../../server/src/core/parse';

/** A PEP 700 page: 2.0 is listed in `versions` but all its files were deleted. */
const PAGE = JSON.stringify({
  meta: { 'api-version': '1.1' },
  name: 'demo',
  versions: ['1.0', '1.1', '2.0'],
  files: [
    { filename: 'demo-1.0.tar.gz', url: 'demo-1.0.tar.gz', hashes: {}, 'upload-time': '2024-01-01T10:00:00Z' },
    { filename: 'demo-1.1-py3-none-any.whl', url: 'demo-1.1-py3-none-any.whl', hashes: {}, 'upload-time': '2024-03-02T10:00:00Z' },
    { filename: 'demo-1.1.tar.gz', url: 'demo-1.1.tar.gz', hashes: {}, 'upload-time': '2024-03-01T10:00:00Z' },
  ],
});

describe('insightFromProject', () => {
  const project = parseSimpleJson(PAGE, 'https://index.example/simple/demo/', 'demo').value!;
  const insightFor = (line: string) => {
    const file = parseDocument('/p/requirements.txt', `${line}\n`)!;
    return insightFromProject(file.requirements[0], { project, answeredBy: [{ name: null, url: 'https://index.example/simple/' }] }, null);
  };

  it('a PEP 700 version without files is listed (marked) but never "latest" or "newest satisfying"', () => {
    const insight = insightFor('demo>=1');
    expect(insight.latestStable?.version).toBe('1.1');
    expect(insight.newestSatisfying?.version).toBe('1.1');
    expect(insight.versions.map((release) => [release.version, release.withoutFiles])).toEqual([['2.0', true], ['1.1', false], ['1.0', false]]);
  });

  it('the release date is the upload time of its first file (PEP 700 upload-time is per file)', () => {
    expect(insightFor('demo').latestStable?.uploadTime).toBe('2024-03-01T10:00:00Z');
  });
});
