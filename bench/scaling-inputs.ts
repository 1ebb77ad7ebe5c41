/**
 * Inputs of a chosen size for the scaling benchmark (bench/scaling.ts): ordinary files and the
 * pathological shapes a parser or check must survive in (near-)linear time. Deterministic: the
 * same size always gives the same text.
 */

export function packageName(index: number): string {
  return `pkg-${index.toString(36)}`;
}

function version(index: number): string {
  return `${1 + (index % 40)}.${Math.floor(index / 40) % 100}.${Math.floor(index / 4000)}`;
}

// requirements files

export function requirementsOrdinary(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const marker = i % 5 === 0 ? ` ; python_version >= "3.${8 + (i % 5)}"` : '';
    const comment = i % 7 === 0 ? '  # pinned for reasons' : '';
    out.push(`${packageName(i)}${i % 3 === 0 ? '[extra]' : ''}>=${version(i)},<${1 + (i % 40) + 1}${marker}${comment}`);
  }
  return `${out.join('\n')}\n`;
}

export function requirementsRepeats(copies: number): string {
  return 'numpy\n'.repeat(copies);
}

/** Alternating contradictory specifiers on one package. */
export function requirementsContradictions(copies: number): string {
  const out: string[] = [];
  for (let i = 0; i < copies; i++) out.push(i % 2 === 0 ? 'numpy>=2' : 'numpy<2');
  return `${out.join('\n')}\n`;
}

export function requirementsSpaces(spaces: number): string {
  return `numpy${' '.repeat(spaces)}\n`;
}

export function requirementsSpacesThenWord(spaces: number): string {
  return `numpy${' \t'.repeat(spaces >> 1)}x\n`;
}

export function requirementsContinuations(lines: number): string {
  return `numpy \\\n${'  >=1.0 \\\n'.repeat(lines)}\n`;
}

export function requirementsManyHashes(hashes: number): string {
  const parts = ['numpy==2.0.0'];
  for (let i = 0; i < hashes; i++) parts.push(`--hash=sha256:${i.toString(16).padStart(64, '0')}`);
  return `${parts.join(' ')}\n`;
}

export function longMarkerChain(terms: number): string {
  const parts: string[] = [];
  for (let i = 0; i < terms; i++) parts.push(i % 2 === 0 ? `python_version >= "3.${i % 13}"` : `sys_platform != "os${i}"`);
  return parts.join(' and ');
}

export function deepMarker(depth: number): string {
  return `${'('.repeat(depth)}python_version >= "3.8"${')'.repeat(depth)}`;
}

// pyproject.toml

export function pyprojectOrdinary(count: number): string {
  const lists: string[][] = [[], [], [], []];
  for (let i = 0; i < count; i++) {
    const marker = i % 5 === 0 ? ` ; sys_platform == 'linux'` : '';
    lists[i % 4].push(`    "${packageName(i)}>=${version(i)}${marker}",`);
  }
  return [
    '[project]', 'name = "scaling"', 'version = "0.1.0"', 'requires-python = ">=3.10"',
    'dependencies = [', ...lists[0], ']',
    '[dependency-groups]',
    'test = [', ...lists[1], ']',
    'lint = [', ...lists[2], ']',
    'docs = [', ...lists[3], ']', '',
  ].join('\n');
}

export function pyprojectRepeats(copies: number): string {
  return ['[project]', 'name = "scaling"', 'version = "0.1.0"', 'dependencies = [', ...Array.from({ length: copies }, () => '    "numpy",'), ']', ''].join('\n');
}

export function pyprojectDeepNesting(depth: number): string {
  return `[project]\nname = "scaling"\nversion = "0.1.0"\n\n[tool.other]\nx = ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

export function pyprojectLongString(spaces: number): string {
  return `[project]\nname = "scaling"\nversion = "0.1.0"\ndependencies = ["numpy${' '.repeat(spaces)}>=1"]\n`;
}

/** dependency-groups g0 … gn, each including the previous one. */
export function pyprojectIncludeChain(groups: number): string {
  const lines = ['[project]', 'name = "scaling"', 'version = "0.1.0"', '', '[dependency-groups]', 'g0 = ["numpy"]'];
  for (let i = 1; i < groups; i++) lines.push(`g${i} = [{ include-group = "g${i - 1}" }, "${packageName(i)}"]`);
  return `${lines.join('\n')}\n`;
}

// lockfiles

export function uvLock(packages: number, options: { chain?: boolean; sameName?: boolean } = {}): string {
  const out = ['version = 1', 'revision = 3', 'requires-python = ">=3.10"', ''];
  const name = (i: number) => (options.sameName ? 'numpy' : packageName(i));
  for (let i = 0; i < packages; i++) {
    out.push('[[package]]', `name = "${name(i)}"`, `version = "${version(i)}"`, 'source = { registry = "https://pypi.org/simple" }');
    if (options.sameName && i > 0) out.push(`resolution-markers = ["python_full_version == '3.${10 + (i % 5)}.${i}'"]`);
    const dependencies = options.chain ? (i + 1 < packages ? [i + 1] : []) : [i + 1, i + 7, i * 3 + 2].filter((d) => d < packages && !options.sameName);
    if (dependencies.length) out.push('dependencies = [', ...dependencies.map((d) => `    { name = "${name(d)}" },`), ']');
    out.push(`wheels = [`, `    { url = "https://files.example/${name(i)}-${version(i)}-py3-none-any.whl", hash = "sha256:${i.toString(16).padStart(64, '0')}", size = ${1000 + i} },`, ']', '');
  }
  const roots = options.chain ? [0] : Array.from({ length: Math.min(packages, 200) }, (_, i) => i * Math.max(1, Math.floor(packages / 200))).filter((i) => i < packages);
  out.push('[[package]]', 'name = "scaling"', 'version = "0.1.0"', 'source = { editable = "." }');
  out.push('dependencies = [', ...roots.map((i) => `    { name = "${name(i)}" },`), ']', '', '[package.metadata]');
  out.push('requires-dist = [', ...roots.map((i) => `    { name = "${name(i)}", specifier = ">=0.1" },`), ']', '');
  return out.join('\n');
}

/** The pyproject whose dependencies are uvLock's roots. */
export function pyprojectForUvLock(packages: number): string {
  const roots = Array.from({ length: Math.min(packages, 200) }, (_, i) => i * Math.max(1, Math.floor(packages / 200))).filter((i) => i < packages);
  return ['[project]', 'name = "scaling"', 'version = "0.1.0"', 'requires-python = ">=3.10"', 'dependencies = [', ...roots.map((i) => `    "${packageName(i)}>=0.1",`), ']', ''].join('\n');
}

export function poetryLock(packages: number): string {
  const out = ['# This file is automatically @generated by Poetry 2.1.1 and should not be changed by hand.', ''];
  for (let i = 0; i < packages; i++) {
    out.push('[[package]]', `name = "${packageName(i)}"`, `version = "${version(i)}"`, 'description = ""', 'optional = false', 'python-versions = ">=3.9"', 'groups = ["main"]');
    out.push('files = [', `    {file = "${packageName(i)}-${version(i)}-py3-none-any.whl", hash = "sha256:${i.toString(16).padStart(64, '0')}"},`, ']', '');
    const dependencies = [i + 1, i * 2 + 3].filter((d) => d < packages);
    if (dependencies.length) out.push('[package.dependencies]', ...dependencies.map((d) => `${packageName(d)} = ">=0.1"`), '');
  }
  out.push('[metadata]', 'lock-version = "2.1"', 'python-versions = ">=3.10"', `content-hash = "${'0'.repeat(64)}"`, '');
  return out.join('\n');
}

export function pdmLock(packages: number): string {
  const out = ['# This file is @generated by PDM.', '', '[metadata]', 'groups = ["default"]', 'strategy = ["inherit_metadata"]', 'lock_version = "4.5.0"', `content_hash = "sha256:${'0'.repeat(64)}"`, '', '[[metadata.targets]]', 'requires_python = ">=3.9"', ''];
  for (let i = 0; i < packages; i++) {
    out.push('[[package]]', `name = "${packageName(i)}"`, `version = "${version(i)}"`, 'requires_python = ">=3.9"', 'summary = ""', 'groups = ["default"]');
    const dependencies = [i + 1, i * 2 + 3].filter((d) => d < packages);
    if (dependencies.length) out.push('dependencies = [', ...dependencies.map((d) => `    "${packageName(d)}>=0.1",`), ']');
    out.push('files = [', `    {file = "${packageName(i)}-${version(i)}-py3-none-any.whl", hash = "sha256:${i.toString(16).padStart(64, '0')}"},`, ']', '');
  }
  return out.join('\n');
}

export function pylock(packages: number): string {
  const out = ['lock-version = "1.0"', 'requires-python = ">=3.10"', 'created-by = "scaling"', ''];
  for (let i = 0; i < packages; i++) {
    out.push('[[packages]]', `name = "${packageName(i)}"`, `version = "${version(i)}"`, 'index = "https://pypi.org/simple"');
    const dependencies = [i + 1, i * 2 + 3].filter((d) => d < packages);
    if (dependencies.length) out.push(`dependencies = [${dependencies.map((d) => `{ name = "${packageName(d)}" }`).join(', ')}]`);
    out.push('wheels = [', `    { name = "${packageName(i)}-${version(i)}-py3-none-any.whl", url = "https://files.example/${packageName(i)}-${version(i)}-py3-none-any.whl", size = ${1000 + i}, hashes = { sha256 = "${i.toString(16).padStart(64, '0')}" } },`, ']', '');
  }
  return out.join('\n');
}

// index pages

export function htmlPage(files: number): string {
  const out = ['<!DOCTYPE html>', '<html><head><meta name="pypi:repository-version" content="1.1"><title>Links for demo</title></head><body>'];
  for (let i = 0; i < files; i++) {
    const file = `demo-${version(i)}-py3-none-any.whl`;
    out.push(`<a href="https://files.example/${file}#sha256=${i.toString(16).padStart(64, '0')}" data-requires-python="&gt;=3.8" data-core-metadata="true">${file}</a><br/>`);
  }
  out.push('</body></html>', '');
  return out.join('\n');
}

export function htmlUnterminated(tag: 'a' | 'meta', count: number): string {
  return `<!DOCTYPE html><html><body>${`<${tag} `.repeat(count)}`;
}

export function htmlUnclosedAnchors(count: number): string {
  return `<!DOCTYPE html><html><body>${'<a href="x.whl">x '.repeat(count)}`;
}

export function jsonPage(files: number, distinctVersions: number): string {
  const entries: string[] = [];
  for (let i = 0; i < files; i++) {
    const v = version(i % distinctVersions);
    const tag = i % 3 === 0 ? `+cu${118 + (i % 7)}` : '';
    const filename = `demo-${v}${tag}-cp3${i % 13}-cp3${i % 13}-manylinux_2_17_x86_64.whl`;
    entries.push(`{"filename":"${filename}","url":"https://files.example/${i}/${filename}","hashes":{"sha256":"${i.toString(16).padStart(64, '0')}"},"requires-python":">=3.8","core-metadata":{"sha256":"ab"},"yanked":${i % 50 === 0},"size":${1000 + i},"upload-time":"2024-01-01T00:00:00Z"}`);
  }
  return `{"meta":{"api-version":"1.1"},"name":"demo","files":[${entries.join(',')}],"versions":[]}`;
}

// PEP 440

export function specifierList(count: number): string {
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? `>=${version(i)}` : `!=${version(i)}`)).join(', ');
}

export function specifierSpaces(spaces: number): string {
  return `>=1.0${' '.repeat(spaces)},<2`;
}

export function longVersionSpecifier(segments: number): string {
  return `>=${Array.from({ length: segments }, (_, i) => i % 10).join('.')}`;
}

// credential masking (redactCredentials)

/** `=a:b` repeated with no `@` in the word: each `=` starts a possible `user:secret@host`. */
export function userinfoWithoutAt(repeats: number): string {
  return `${'=a:b'.repeat(repeats)} @`;
}

/** A run of `//` with no white space: each one starts a possible URL authority. */
export function slashRun(repeats: number): string {
  return `${'//'.repeat(repeats)} @`;
}

/** A log line holding many URLs with credentials, some in JSON strings. */
export function urlsWithCredentials(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(i % 2 === 0 ? `https://user${i}:secret${i}@host${i}.example/simple/ ` : `{"url":"https://token${i}@host.example/p${i}/"} alice:pa/ss${i}@host/simple/ `);
  return parts.join('');
}
