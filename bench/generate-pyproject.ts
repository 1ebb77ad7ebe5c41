/**
 * Deterministic pyproject.toml files for benchmarks (our own synthetic text, no randomness).
 *  - generateLargePyproject(targetBytes): PEP 621 + extras + PEP 735 groups + Poetry groups + uv
 *    tables, until the text reaches targetBytes.
 *  - generatePyprojectWithRequirements(count): a PEP 621 project with `count` dependencies spread
 *    over the main list and three groups.
 */
const WORDS = ['async', 'cloud', 'data', 'fast', 'graph', 'http', 'json', 'lite', 'micro', 'net', 'quant', 'rich', 'schema', 'tensor', 'vision', 'web'];
const SUFFIXES = ['core', 'utils', 'client', 'tools', 'kit', 'io'];
const MARKERS = ['', "; sys_platform == 'linux'", "; python_version < '3.12'", "; platform_machine == 'x86_64'", ''];

function packageName(index: number): string {
  const word = WORDS[index % WORDS.length];
  const suffix = SUFFIXES[Math.floor(index / WORDS.length) % SUFFIXES.length];
  const generation = Math.floor(index / (WORDS.length * SUFFIXES.length));
  return generation === 0 ? `${word}-${suffix}` : `${word}-${suffix}${generation + 1}`;
}

function pep508(index: number): string {
  const major = 1 + (index % 7);
  const minor = index % 13;
  const specifier = index % 3 === 0 ? `>=${major}.${minor},<${major + 1}` : index % 3 === 1 ? `~=${major}.${minor}` : `>=${major}.${minor}`;
  return `${packageName(index)}${index % 11 === 0 ? '[extra]' : ''}${specifier}${MARKERS[index % MARKERS.length]}`;
}

function poetryEntry(index: number): string {
  const major = 1 + (index % 5);
  const minor = index % 9;
  switch (index % 4) {
    case 0:
      return `${packageName(index)} = "^${major}.${minor}"`;
    case 1:
      return `${packageName(index)} = "~${major}.${minor}.0"`;
    case 2:
      return `${packageName(index)} = { version = ">=${major}.${minor},<${major + 1}", extras = ["extra"] }`;
    default:
      return `${packageName(index)} = { version = "^${major}.${minor}", python = ">=3.10", optional = true }`;
  }
}

function stringArray(items: string[]): string {
  return `[\n${items.map((item) => `    "${item}",`).join('\n')}\n]`;
}

export function generateLargePyproject(targetBytes: number): string {
  const parts: string[] = [
    '[project]\nname = "benchmark-monorepo"\nversion = "2.3.0"\nrequires-python = ">=3.10"',
  ];
  let next = 0;
  const take = (count: number) => Array.from({ length: count }, () => next++);
  parts.push(`dependencies = ${stringArray(take(30).map(pep508))}`);
  parts.push('[project.optional-dependencies]');
  for (const extra of ['gpu', 'cloud', 'docs']) parts.push(`${extra} = ${stringArray(take(8).map(pep508))}`);
  parts.push('[dependency-groups]');
  for (const group of ['lint', 'test', 'typing']) parts.push(`${group} = ${stringArray(take(10).map(pep508))}`);
  parts.push('dev = [{ include-group = "lint" }, { include-group = "test" }, "ipython>=8"]');
  parts.push('[tool.uv]\ndefault-groups = ["dev"]');
  parts.push(`constraint-dependencies = ${stringArray(take(6).map(pep508))}`);
  parts.push('[[tool.uv.index]]\nname = "pytorch-cu124"\nurl = "https://download.pytorch.org/whl/cu124"\nexplicit = true');
  parts.push('[tool.uv.sources]\ntorch = [{ index = "pytorch-cu124", marker = "sys_platform == \'linux\'" }]');
  parts.push('[tool.poetry]\nname = "benchmark-monorepo"\nversion = "2.3.0"\ndescription = "Synthetic project for benchmarks"\nauthors = ["Bench <bench@example.com>"]');
  parts.push(`[tool.poetry.dependencies]\npython = "^3.10"\n${take(30).map(poetryEntry).join('\n')}`);
  parts.push('[[tool.poetry.source]]\nname = "internal"\nurl = "https://pypi.internal.example.com/simple/"\npriority = "explicit"');
  // Poetry groups until the size is reached.
  for (let group = 0; parts.join('\n\n').length < targetBytes; group++) {
    parts.push(`[tool.poetry.group.group${group}.dependencies]\n${take(12).map(poetryEntry).join('\n')}`);
  }
  return `${parts.join('\n\n')}\n`;
}

export function generatePyprojectWithRequirements(count: number): string {
  const perList = Math.ceil(count / 4);
  const indexes = Array.from({ length: count }, (_, index) => index);
  const lists = [0, 1, 2, 3].map((list) => indexes.slice(list * perList, (list + 1) * perList).map(pep508));
  return [
    '[project]\nname = "keystroke-benchmark"\nversion = "0.1.0"\nrequires-python = ">=3.10"',
    `dependencies = ${stringArray(lists[0])}`,
    '[dependency-groups]',
    `test = ${stringArray(lists[1])}`,
    `lint = ${stringArray(lists[2])}`,
    `docs = ${stringArray(lists[3])}`,
    '',
  ].join('\n\n');
}

/** A requirements tree of three files (dev.txt → -r test.txt → -r base.txt), `perFile` lines each. */
export function generateRequirementsTree(perFile: number): Record<string, string> {
  const lines = (offset: number) => Array.from({ length: perFile }, (_, index) => `${packageName(offset + index)}==${1 + (index % 9)}.${index % 17}.0`);
  return {
    'requirements/base.txt': `${lines(0).join('\n')}\n`,
    'requirements/test.txt': `-r base.txt\n${lines(perFile).join('\n')}\n`,
    'requirements/dev.txt': `-r test.txt\n-c constraints.txt\n${lines(2 * perFile).join('\n')}\n`,
    'requirements/constraints.txt': `${lines(3 * perFile).slice(0, 20).join('\n')}\n`,
  };
}
