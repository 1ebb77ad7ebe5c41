/**
 * `pipsight deps` and `pipsight outdated` on a uv project whose `[tool.uv.sources]` entries are
 * scoped to extras: the main requirement goes to the default index, each extra's requirement to
 * its own index, as uv routes them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCapture } from '../cli/run-cli-helper';
import { createHarness, uvTorchProject, type Harness } from '../registry/helpers';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(async () => harness.close());

function project(): string {
  const folder = harness.temporaryDirectory();
  const { cpu, cu124 } = harness.server.indexes;
  const text = uvTorchProject({
    extras: ['cpu', 'cu124'],
    indexes: { 'pytorch-cpu': cpu, 'pytorch-cu124': cu124 },
    sources: ['torch = [{ index = "pytorch-cpu", extra = "cpu" }, { index = "pytorch-cu124", extra = "cu124" }]'],
  });
  writeFileSync(join(folder, 'pyproject.toml'), text);
  return folder;
}

describe('uv sources scoped to extras, through the CLI', () => {
  it('deps --format json gives each torch requirement the index uv uses for it', async () => {
    const folder = project();
    const result = await runCapture(['deps', 'pyproject.toml', '--format', 'json'], { cwd: folder, env: { HOME: folder } });
    expect(result.code).toBe(0);
    const [file] = (JSON.parse(result.stdout) as { files: { requirements: { name: string; group: string; index: string | null }[] }[] }).files;
    expect(file.requirements.map(({ name, group, index }) => ({ name, group, index }))).toEqual([
      { name: 'torch', group: 'main', index: null },
      { name: 'torch', group: 'extra:cpu', index: 'pytorch-cpu' },
      { name: 'torch', group: 'extra:cu124', index: 'pytorch-cu124' },
    ]);
  });

  it('outdated asks the default index for the main torch and the extra\'s PyTorch index for each extra', async () => {
    const folder = project();
    harness.server.clearRequests();
    const result = await runCapture(['outdated', 'pyproject.toml', '--format', 'json', '--index-url', harness.server.indexes.pypi, '--cache-dir', join(folder, 'cache')], { cwd: folder, env: { HOME: folder } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const packages = (JSON.parse(result.stdout) as { files: { packages: { name: string; latest: string | null; index: string | null }[] }[] }).files[0].packages;
    expect(packages.map(({ latest, index }) => ({ latest, index }))).toEqual([
      { latest: '2.5.1', index: harness.server.indexes.pypi },
      { latest: '2.9.1+cpu', index: harness.server.indexes.cpu },
      { latest: '2.6.0+cu124', index: harness.server.indexes.cu124 },
    ]);
    expect(harness.server.countRequests('/simple/torch/')).toBe(1);
    expect(harness.server.countRequests('/whl/cpu/torch/')).toBe(1);
    expect(harness.server.countRequests('/whl/cu124/torch/')).toBe(1);
  });
});
