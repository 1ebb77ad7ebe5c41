import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndexPlan, indexesForRequirement } from '../../../server/src/core/indexes';
import { resolveProject } from '../../../server/src/registry';
import { createHarness, type Harness } from './helpers';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(async () => harness.close());

describe('IndexClient against the local index server', () => {
  it('negotiates PEP 691 JSON and reads yanked releases', async () => {
    const client = harness.client();
    const result = await client.getProject({ url: harness.server.indexes.pypi, name: 'local' }, 'Requests');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.project.format).toBe('json');
    expect(result.project.versions).toEqual(['2.31.0', '2.32.0', '2.32.1', '2.32.3']);
    expect(result.project.releases[1]).toMatchObject({ yanked: true, yankedReason: 'Yanked due to conflicts with CVE-2024-35195 mitigation' });
    expect(result.index).toEqual({ name: 'local', url: harness.server.indexes.pypi });
    expect(result.source.via).toBe('network');
    const request = harness.server.requests.find((entry) => entry.path === '/simple/requests/')!;
    expect(request.headers.accept).toBe('application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01');
  });

  it('falls back to PEP 503 HTML (PyTorch index) with local versions and relative links', async () => {
    const result = await harness.client().getProject({ url: harness.server.indexes.cu124 }, 'torch');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.project.format).toBe('html');
    expect(result.project.versions).toEqual(['2.4.1+cu124', '2.5.0+cu124', '2.5.1+cu124', '2.6.0+cu124']);
    expect(result.project.releases[0].files[0].url).toMatch(new RegExp(`^${harness.server.url}/files/pytorch-cu124/torch-2.4.1%2Bcu124-`));
  });

  it('follows the PEP 503 redirect to the normalized name', async () => {
    const result = await harness.client().getProject({ url: harness.server.indexes.pypi.slice(0, -1) }, 'scikit_learn');
    expect(result.ok && result.project.versions.at(-1)).toBe('1.6.0');
  });

  it('fetches PEP 658 metadata on demand', async () => {
    const client = harness.client();
    const result = await client.getMetadata({ url: harness.server.indexes.pypi }, 'accelerate', '0.33.0');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.metadata.requiresDist).toContain('numpy<2.0.0,>=1.17');
    expect(result.metadata.providesExtra).toEqual(['deepspeed']);
    expect(result.file.filename).toBe('accelerate-0.33.0-py3-none-any.whl');
    const missing = await client.getMetadata({ url: harness.server.indexes.pypi }, 'accelerate', '9.9');
    expect(missing.ok || missing.error.kind).toBe('not-found');
  });

  it('reads the PyPI JSON API only where it is served', async () => {
    const client = harness.client();
    const details = await client.getPypiDetails({ url: harness.server.indexes.pypi, jsonApi: true }, 'flask');
    expect(details.ok && details.details.releaseDates['3.1.0']).toBe('2024-11-13T18:24:36Z');
    const notServed = await client.getPypiDetails({ url: harness.server.indexes.pypi }, 'flask');
    expect(notServed.ok || notServed.error.kind).toBe('not-found');
  });

  it('returns not-found for unknown projects', async () => {
    const result = await harness.client().getProject({ url: harness.server.indexes.pypi }, 'pytorch');
    expect(result.ok || result.error.kind).toBe('not-found');
  });

  it('the private index needs credentials: auth error without, data with', async () => {
    const without = await harness.client().getProject({ url: harness.server.indexes.private }, 'acme-internal');
    expect(without.ok || without.error.kind).toBe('auth');
    const withUserinfo = await harness.client().getProject({ url: harness.server.indexes.private.replace('http://', 'http://alice:s3cret@') }, 'acme-internal');
    expect(withUserinfo.ok && withUserinfo.project.versions).toEqual(['1.0.0', '1.1.0']);
    // The answering index is shown without the password.
    expect(withUserinfo.ok && withUserinfo.index.url).toBe(harness.server.indexes.private);
    const host = new URL(harness.server.url).hostname;
    const withNetrc = await harness.client({ netrc: [{ machine: host, login: 'alice', password: 's3cret' }] }).getProject({ url: harness.server.indexes.private }, 'acme-internal');
    expect(withNetrc.ok).toBe(true);
  });
});

describe('resolveProject', () => {
  it('uv first-match: the pinned index answers torch; unpinned asks in order', async () => {
    const client = harness.client();
    const declarations = [
      { tool: 'uv' as const, role: 'explicit', name: 'pytorch-cu124', url: harness.server.indexes.cu124, span: { start: 0, end: 0 } },
    ];
    const plan = buildIndexPlan({ tool: 'uv', declarations, settings: [{ url: harness.server.indexes.pypi, default: true, name: 'local' }] });
    const torch = await resolveProject(client, indexesForRequirement(plan, { index: 'pytorch-cu124' }), 'torch');
    expect(torch.ok && torch.project.versions.at(-1)).toBe('2.6.0+cu124');
    expect(torch.ok && torch.answeredBy.map((index) => index.name)).toEqual(['pytorch-cu124']);
    const plain = await resolveProject(client, indexesForRequirement(plan, { index: null }), 'torch');
    expect(plain.ok && plain.project.versions.at(-1)).toBe('2.5.1');
  });

  it('pip merge: versions of both indexes, each attributed to its index', async () => {
    const client = harness.client();
    const plan = buildIndexPlan({ tool: 'pip', declarations: [], settings: [{ url: harness.server.indexes.pypi, default: true }, { url: harness.server.indexes.cu124 }] });
    const torch = await resolveProject(client, indexesForRequirement(plan, { index: null }), 'torch');
    if (!torch.ok) throw new Error(torch.error.message);
    expect(torch.project.versions).toEqual(['2.4.1', '2.4.1+cu124', '2.5.0', '2.5.0+cu124', '2.5.1', '2.5.1+cu124', '2.6.0+cu124']);
    expect(torch.versionIndex.get('2.6.0+cu124')!.url).toBe(harness.server.indexes.cu124);
    expect(torch.versionIndex.get('2.5.1+cu124')!.url).toBe(harness.server.indexes.cu124);
    const missing = await resolveProject(client, indexesForRequirement(plan, { index: null }), 'no-such-project');
    expect(missing.ok || missing.error.kind).toBe('not-found');
  });
});
