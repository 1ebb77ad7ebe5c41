import { describe, expect, it } from 'vitest';
import { buildIndexPlan } from '../../../server/src/core/indexes';
import type { IndexDeclaration } from '../../../server/src/core/model';

const declaration = (url: string, requestUrl: string | undefined, role = 'index-url'): IndexDeclaration => ({
  name: null,
  url,
  ...(requestUrl ? { requestUrl } : {}),
  role,
  tool: 'pip',
  span: { start: 0, end: 0 },
});

describe('index URLs with ${VAR} expanded', () => {
  it('are asked at the expanded URL and shown as written', () => {
    const plan = buildIndexPlan({ tool: 'pip', declarations: [declaration('https://pypi.fury.io/${FURY_TOKEN}/acme', 'https://pypi.fury.io/t0k3n/acme')] });
    expect(plan.indexes[0]).toMatchObject({ url: 'https://pypi.fury.io/${FURY_TOKEN}/acme/', requestUrl: 'https://pypi.fury.io/t0k3n/acme/', origin: 'requirements' });
    expect(plan.problems).toEqual([]);
  });

  it('take credentials from the expanded userinfo; the shown URL has none, so no second URL is needed', () => {
    const plan = buildIndexPlan({ tool: 'uv', declarations: [declaration('https://ci:${TOKEN}@pkgs.example.com/simple/', 'https://ci:s3cret@pkgs.example.com/simple/', 'extra-index-url')] });
    const index = plan.indexes.find((candidate) => candidate.url === 'https://pkgs.example.com/simple/');
    expect(index).toMatchObject({ credentials: { username: 'ci', password: 's3cret' } });
    expect(index).not.toHaveProperty('requestUrl');
  });

  it('report a URL that is not http(s) after expansion as written', () => {
    const plan = buildIndexPlan({ tool: 'pip', declarations: [declaration('${MIRROR}', 'file:///srv/mirror')] });
    expect(plan.problems).toEqual(['requirements: "${MIRROR}" is not an http(s) index URL']);
  });
});
