/**
 * uv `[tool.uv.sources]` marker arrays: the entry whose marker holds for the target environment
 * picks the index; when nothing decides, every index is asked and the versions are merged,
 * each labelled with its index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseUvIndex, readUvIndexSources } from '../../../server/src/core/indexes';
import { parseDocument } from '../../../server/src/core/parse';
import { collectInsights, createInsightsContext } from '../../../server/src/registry/insights';
import { createHarness, uvTorchProject, type Harness } from '../registry/helpers';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(async () => harness.close());

const LINUX = { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', platform_machine: 'x86_64', python_version: '3.12', python_full_version: '3.12.4' };
const MAC = { ...LINUX, sys_platform: 'darwin', platform_system: 'Darwin', platform_machine: 'arm64' };

function pyproject(): string {
  const { cpu, cu124 } = harness.server.indexes;
  return uvTorchProject({
    indexes: { cpu, cu124 },
    sources: ['torch = [', '  { index = "cpu", marker = "sys_platform != \'linux\'" },', '  { index = "cu124", marker = "sys_platform == \'linux\'" },', ']'],
  });
}

async function insightFor(targetEnvironment: Record<string, string> | null) {
  const text = pyproject();
  const file = parseDocument('/p/pyproject.toml', text)!;
  const { plan } = createInsightsContext({ file, text, targetEnvironment });
  harness.server.clearRequests();
  const insights = await collectInsights(harness.client(), plan, file);
  return [...insights.values()][0];
}

describe('uv source marker arrays', () => {
  it('reads the entries and picks the one whose marker holds', () => {
    const sources = readUvIndexSources(pyproject()).get('torch')!;
    expect(sources).toEqual([{ index: 'cpu', marker: "sys_platform != 'linux'" }, { index: 'cu124', marker: "sys_platform == 'linux'" }]);
    expect(chooseUvIndex(sources, LINUX)).toBe('cu124');
    expect(chooseUvIndex(sources, MAC)).toBe('cpu');
    expect(chooseUvIndex(sources, null)).toBeNull();
    // Entries naming different indexes that both hold do not decide.
    expect(chooseUvIndex([{ index: 'a', marker: null }, { index: 'b', marker: 'python_version >= "3.8"' }], LINUX)).toBeNull();
  });

  it('asks only the index the target environment selects', async () => {
    const linux = await insightFor(LINUX);
    expect(linux.answeredBy?.url).toBe(harness.server.indexes.cu124);
    expect(linux.latestStable?.version).toBe('2.6.0+cu124');
    expect(harness.server.countRequests('/whl/cpu/')).toBe(0);
    const mac = await insightFor(MAC);
    expect(mac.answeredBy?.url).toBe(harness.server.indexes.cpu);
    expect(harness.server.countRequests('/whl/cu124/')).toBe(0);
  });

  it('without an environment asks every index and labels each version with its index', async () => {
    const merged = await insightFor(null);
    expect(harness.server.countRequests('/whl/cpu/')).toBe(1);
    expect(harness.server.countRequests('/whl/cu124/')).toBe(1);
    const cuda = merged.versions.find((release) => release.version === '2.5.1+cu124');
    const cpu = merged.versions.find((release) => release.version === '2.5.1+cpu');
    expect(cuda?.index?.url).toBe(harness.server.indexes.cu124);
    expect(cpu?.index?.url).toBe(harness.server.indexes.cpu);
    expect(merged.answeredBy?.url).toBe(merged.latestStable?.index?.url);
  });
});
