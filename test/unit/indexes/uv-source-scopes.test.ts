/**
 * `[tool.uv.sources]` entries scoped to an extra (`extra = "cpu"`) or a dependency group
 * (`group = "dev"`): as in uv, an entry applies only to the requirements of that extra or group of
 * the project, an entry with neither to all; where no entry applies (or no applying entry's marker
 * holds), the requirement comes from the default indexes.
 */
import { describe, expect, it } from 'vitest';
import { buildIndexPlan, indexesForRequirement, readUvIndexSources } from '../../../server/src/core/indexes';
import type { Requirement } from '../../../server/src/core/model';
import { parseDocument } from '../../../server/src/core/parse';

const CPU = 'https://download.pytorch.example/whl/cpu';
const CU128 = 'https://download.pytorch.example/whl/cu128';
const INTERNAL = 'https://pypi.internal.example/simple';

const INDEXES = [
  '[[tool.uv.index]]', 'name = "pytorch-cpu"', `url = "${CPU}"`, 'explicit = true', '',
  '[[tool.uv.index]]', 'name = "pytorch-cu128"', `url = "${CU128}"`, 'explicit = true', '',
  '[[tool.uv.index]]', 'name = "internal"', `url = "${INTERNAL}"`, 'explicit = true', '',
].join('\n');

const LINUX = { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', platform_machine: 'x86_64', python_version: '3.12', python_full_version: '3.12.4' };
const MAC = { ...LINUX, sys_platform: 'darwin', platform_system: 'Darwin', platform_machine: 'arm64' };

function parse(text: string) {
  const file = parseDocument('/p/pyproject.toml', text)!;
  expect(file.errors).toEqual([]);
  return file;
}

/** "name group → index" for every requirement, in document order. */
function routing(requirements: Requirement[]): string[] {
  return requirements.map((requirement) => `${requirement.name} ${requirement.group} → ${requirement.index}`);
}

/** The URLs asked for each requirement ("name group → urls"). */
function asked(text: string, targetEnvironment: Record<string, string> | null = null): string[] {
  const file = parse(text);
  const plan = buildIndexPlan({ tool: 'uv', declarations: file.indexes, uvSources: readUvIndexSources(text), targetEnvironment });
  return file.requirements.map((requirement) => {
    const { indexes } = indexesForRequirement(plan, requirement);
    return `${requirement.name} ${requirement.group} → ${indexes.map((index) => index.name ?? index.url).join(', ')}`;
  });
}

const EXTRAS = [
  '[project]',
  'name = "ml"',
  'version = "0.1.0"',
  'dependencies = ["torch==2.8.0"]',
  '',
  '[project.optional-dependencies]',
  'cpu = ["torch==2.8.0"]',
  'cu128 = ["torch==2.8.0"]',
  '',
  INDEXES,
  '[tool.uv.sources]',
  'torch = [{ index = "pytorch-cpu", extra = "cpu" }, { index = "pytorch-cu128", extra = "cu128" }]',
  '',
].join('\n');

describe('uv sources scoped to an extra', () => {
  it('pins each extra\'s requirement to its own index and leaves the main requirement on the default index', () => {
    expect(routing(parse(EXTRAS).requirements)).toEqual([
      'torch main → null',
      'torch extra:cpu → pytorch-cpu',
      'torch extra:cu128 → pytorch-cu128',
    ]);
  });

  it('the index plan asks the default index for the main requirement and the extra\'s index for each extra', () => {
    const expected = ['torch main → pypi', 'torch extra:cpu → pytorch-cpu', 'torch extra:cu128 → pytorch-cu128'];
    expect(asked(EXTRAS)).toEqual(expected);
    // A target environment changes nothing: the entries have no markers.
    expect(asked(EXTRAS, LINUX)).toEqual(expected);
  });

  it('compares extra names normalized (PEP 685)', () => {
    const text = EXTRAS.replace('cu128 = ["torch==2.8.0"]', 'CU_128 = ["torch==2.8.0"]').replace('extra = "cu128"', 'extra = "cu-128"');
    expect(routing(parse(text).requirements)).toEqual(['torch main → null', 'torch extra:cpu → pytorch-cpu', 'torch extra:CU_128 → pytorch-cu128']);
  });
});

describe('uv sources scoped to a dependency group', () => {
  const text = [
    '[project]',
    'name = "ml"',
    'version = "0.1.0"',
    'dependencies = ["torch>=2.4", "torchvision>=0.20"]',
    '',
    '[dependency-groups]',
    'gpu-tests = ["torch>=2.4"]',
    'lint = ["torch>=2.4"]',
    '',
    '[tool.uv]',
    'dev-dependencies = ["torchvision>=0.20"]',
    '',
    INDEXES,
    '[tool.uv.sources]',
    'torch = { index = "pytorch-cu128", group = "GPU_tests" }',
    'torchvision = [{ index = "pytorch-cpu", group = "dev" }]',
    '',
  ].join('\n');

  it('applies to that PEP 735 group only; [tool.uv] dev-dependencies is the group "dev"', () => {
    expect(routing(parse(text).requirements)).toEqual([
      'torch main → null',
      'torchvision main → null',
      'torch group:gpu-tests → pytorch-cu128',
      'torch group:lint → null',
      'torchvision uv-dev → pytorch-cpu',
    ]);
    expect(asked(text)).toEqual([
      'torch main → pypi',
      'torchvision main → pypi',
      'torch group:gpu-tests → pytorch-cu128',
      'torch group:lint → pypi',
      'torchvision uv-dev → pytorch-cpu',
    ]);
  });
});

describe('uv sources with neither extra nor group', () => {
  it('apply to every requirement of the package, beside the scoped entries', () => {
    const text = [
      '[project]',
      'name = "ml"',
      'version = "0.1.0"',
      'dependencies = ["torch>=2.4"]',
      '',
      '[project.optional-dependencies]',
      'cpu = ["torch>=2.4"]',
      'docs = ["torch>=2.4"]',
      '',
      '[dependency-groups]',
      'dev = ["torch>=2.4"]',
      '',
      '[tool.uv]',
      'constraint-dependencies = ["torch<3"]',
      '',
      INDEXES,
      '[tool.uv.sources]',
      'torch = [{ index = "internal", marker = "sys_platform == \'linux\'" }, { index = "pytorch-cpu", extra = "cpu", marker = "sys_platform != \'linux\'" }]',
      '',
    ].join('\n');
    expect(routing(parse(text).requirements)).toEqual([
      'torch main → internal',
      'torch extra:cpu → internal | pytorch-cpu',
      'torch extra:docs → internal',
      'torch group:dev → internal',
      'torch uv-constraint → internal',
    ]);
    // On macOS only the cpu extra has an entry whose marker holds; the others use the default index.
    expect(asked(text, MAC)).toEqual([
      'torch main → pypi',
      'torch extra:cpu → pytorch-cpu',
      'torch extra:docs → pypi',
      'torch group:dev → pypi',
      'torch uv-constraint → pypi',
    ]);
    expect(asked(text, LINUX)).toEqual([
      'torch main → internal',
      'torch extra:cpu → internal',
      'torch extra:docs → internal',
      'torch group:dev → internal',
      'torch uv-constraint → internal',
    ]);
  });
});

describe('uv sources with a marker and an extra', () => {
  const text = [
    '[project]',
    'name = "ml"',
    'version = "0.1.0"',
    'dependencies = ["torch>=2.4"]',
    '',
    '[project.optional-dependencies]',
    'gpu = ["torch>=2.4"]',
    'cpu = ["torch>=2.4"]',
    '',
    INDEXES,
    '[tool.uv.sources]',
    'torch = [',
    '  { index = "pytorch-cu128", extra = "gpu", marker = "sys_platform == \'linux\'" },',
    '  { index = "pytorch-cpu", extra = "cpu", marker = "sys_platform == \'darwin\'" },',
    '  { index = "internal", extra = "cpu", marker = "sys_platform != \'darwin\'" },',
    ']',
    '',
  ].join('\n');

  it('keeps the applying entries of each extra', () => {
    expect(routing(parse(text).requirements)).toEqual(['torch main → null', 'torch extra:gpu → pytorch-cu128', 'torch extra:cpu → pytorch-cpu | internal']);
  });

  it('the marker picks among the extra\'s entries; where none holds, the default index answers', () => {
    expect(asked(text, LINUX)).toEqual(['torch main → pypi', 'torch extra:gpu → pytorch-cu128', 'torch extra:cpu → internal']);
    expect(asked(text, MAC)).toEqual(['torch main → pypi', 'torch extra:gpu → pypi', 'torch extra:cpu → pytorch-cpu']);
  });

  it('without a target environment, asks the default index too where the markers leave environments uncovered', () => {
    expect(asked(text)).toEqual(['torch main → pypi', 'torch extra:gpu → pytorch-cu128, pypi', 'torch extra:cpu → pytorch-cpu, internal']);
  });
});
