import { seededRandom } from './seeded-random';
/**
 * A realistic, deterministic uv.lock of about `targetBytes` characters for benchmarks: registry
 * packages with sdist and wheels (URL, sha256, size, upload time), dependency edges with markers,
 * a few PyTorch CUDA builds from a second index, and an editable root package with metadata.
 * The same target always gives the same text (seeded generator, no clock).
 */

const PYPI = 'https://pypi.org/simple';
const PYTORCH_INDEX = 'https://download.pytorch.org/whl/cu124';
const FILE_HOST = 'https://files.pythonhosted.org/packages';
const WORDS = ['alpha', 'async', 'cloud', 'data', 'fast', 'graph', 'http', 'json', 'lite', 'micro', 'net', 'py', 'quant', 'rich', 'schema', 'tensor', 'token', 'vision', 'web', 'yaml'];
const SUFFIXES = ['core', 'utils', 'client', 'tools', 'kit', 'io', 'lib', 'ext'];
const MARKERS = [
  "sys_platform == 'linux'",
  "sys_platform == 'win32'",
  "python_full_version < '3.11'",
  "platform_machine == 'x86_64' and sys_platform == 'linux'",
  "implementation_name == 'cpython'",
  "sys_platform != 'darwin'",
];
const PYTHON_TAGS = ['cp310', 'cp311', 'cp312', 'cp313'];
const PLATFORMS = ['manylinux_2_17_x86_64.manylinux2014_x86_64', 'manylinux_2_17_aarch64.manylinux2014_aarch64', 'macosx_11_0_arm64', 'win_amd64', 'musllinux_1_2_x86_64'];

export function generateUvLock(targetBytes: number): string {
  const random = seededRandom(0x5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const hex = (length: number) => Array.from({ length }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
  const uploadTime = () => `202${Math.floor(random() * 5)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}T0${Math.floor(random() * 9)}:1${Math.floor(random() * 9)}:2${Math.floor(random() * 9)}.${Math.floor(random() * 900) + 100}Z`;
  const fileEntry = (url: string) => `{ url = "${url}", hash = "sha256:${hex(64)}", size = ${1000 + Math.floor(random() * 9_000_000)}, upload-time = "${uploadTime()}" }`;

  const chunks: string[] = [
    'version = 1\nrevision = 3\nrequires-python = ">=3.10"\nresolution-markers = [\n',
    `    "sys_platform == 'linux'",\n    "sys_platform != 'linux'",\n]\n`,
  ];
  let length = chunks.join('').length;
  const names: string[] = [];
  const rootDependencies: string[] = [];

  const addPackage = (name: string, version: string, index: string, withSdist: boolean) => {
    const lines = [`\n[[package]]`, `name = "${name}"`, `version = "${version}"`, `source = { registry = "${index}" }`];
    const dependencyCount = names.length === 0 ? 0 : Math.floor(random() * Math.min(8, names.length));
    if (dependencyCount > 0) {
      lines.push('dependencies = [');
      const chosen = new Set<string>();
      for (let i = 0; i < dependencyCount; i++) chosen.add(pick(names));
      for (const dependency of [...chosen].sort()) {
        lines.push(random() < 0.3 ? `    { name = "${dependency}", marker = "${pick(MARKERS)}" },` : `    { name = "${dependency}" },`);
      }
      lines.push(']');
    }
    const fileName = name.replace(/-/g, '_');
    const directory = () => `${FILE_HOST}/${hex(2)}/${hex(2)}/${hex(60)}`;
    if (withSdist) lines.push(`sdist = ${fileEntry(`${directory()}/${fileName}-${version}.tar.gz`)}`);
    lines.push('wheels = [');
    const wheelCount = 1 + Math.floor(random() * 10);
    for (let i = 0; i < wheelCount; i++) {
      const tag = pick(PYTHON_TAGS);
      const base = index === PYPI ? directory() : index;
      const encodedVersion = version.replace('+', '%2B');
      lines.push(`    ${fileEntry(`${base}/${fileName}-${encodedVersion}-${tag}-${tag}-${pick(PLATFORMS)}.whl`)},`);
    }
    lines.push(']');
    const block = lines.join('\n') + '\n';
    chunks.push(block);
    length += block.length;
    names.push(name);
  };

  for (let i = 0; length < targetBytes - 1200; i++) {
    if (i % 97 === 50) {
      addPackage(`torch-ext-${i}`, '2.5.1+cu124', PYTORCH_INDEX, false);
    } else {
      const version = `${Math.floor(random() * 30)}.${Math.floor(random() * 20)}.${Math.floor(random() * 10)}`;
      addPackage(`${pick(WORDS)}-${pick(SUFFIXES)}-${i}`, version, PYPI, random() < 0.8);
    }
    if (i % 10 === 0) rootDependencies.push(names[names.length - 1]);
  }

  const root = [
    '\n[[package]]',
    'name = "bench-project"',
    'version = "0.1.0"',
    'source = { editable = "." }',
    'dependencies = [',
    ...rootDependencies.map((name) => `    { name = "${name}" },`),
    ']',
    '',
    '[package.metadata]',
    'requires-dist = [',
    ...rootDependencies.map((name) => `    { name = "${name}", specifier = ">=0.1" },`),
    ']',
    '',
  ];
  chunks.push(root.join('\n'));
  return chunks.join('');
}
