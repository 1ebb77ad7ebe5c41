import { describe, expect, it } from 'vitest';
import { applyEdits, pinExactlyEdit, updateAllEdits, updateToVersionEdit } from '../../../server/src/core/insights/edits';
import type { Requirement } from '../../../server/src/core/model';
import { parseDocument } from '../../../server/src/core/parse';

const REQUIREMENTS = '/p/requirements.txt';
const PYPROJECT = '/p/pyproject.toml';

function requirementOf(path: string, text: string, name: string): Requirement {
  const requirement = parseDocument(path, text)!.requirements.find((candidate) => candidate.normalizedName === name);
  if (!requirement) throw new Error(`${name} not parsed from ${text}`);
  return requirement;
}

function pep621(line: string): string {
  return `[project]\nname = "demo"\ndependencies = [\n    ${line},  # keep me\n]\n`;
}

function poetry(value: string): string {
  return `[tool.poetry.dependencies]\npython = "^3.10"\nnumpy = ${value}  # keep me\n`;
}

// [file, text, package, version, expected text (null: no edit)]
const UPDATES: [string, string, string, string, string | null][] = [
  [REQUIREMENTS, 'numpy==1.2  # pinned\n', 'numpy', '1.5', 'numpy==1.5  # pinned\n'],
  [REQUIREMENTS, 'numpy >= 1.2\n', 'numpy', '1.5', 'numpy >= 1.5\n'],
  [REQUIREMENTS, 'numpy>1.2\n', 'numpy', '1.5', 'numpy>=1.5\n'],
  [REQUIREMENTS, 'numpy~=1.2\n', 'numpy', '1.5.3', 'numpy~=1.5\n'],
  [REQUIREMENTS, 'numpy ~= 1.26.0\n', 'numpy', '2.1.3', 'numpy ~= 2.1.3\n'],
  [REQUIREMENTS, 'numpy==1.*\n', 'numpy', '2.1.3', 'numpy==2.*\n'],
  [REQUIREMENTS, 'numpy>=1.2,<2\n', 'numpy', '1.5', 'numpy>=1.5,<2\n'],
  [REQUIREMENTS, 'numpy >= 1.2, < 2 ; python_version >= "3.9"\n', 'numpy', '2.1.3', 'numpy >= 2.1.3, < 3 ; python_version >= "3.9"\n'],
  [REQUIREMENTS, 'numpy>=1.2,<2.1\n', 'numpy', '2.3.0', 'numpy>=2.3.0,<2.4\n'],
  [REQUIREMENTS, 'numpy<=1.9\n', 'numpy', '2.1', 'numpy<=2.1\n'],
  [REQUIREMENTS, 'numpy>=1.2,!=2.1.3\n', 'numpy', '2.1.3', null],
  [REQUIREMENTS, 'numpy\n', 'numpy', '2.1.3', null],
  [REQUIREMENTS, 'numpy==2.1.3\n', 'numpy', '2.1.3', null],
  [PYPROJECT, pep621('"numpy==1.26.4"'), 'numpy', '2.1.3', pep621('"numpy==2.1.3"')],
  [PYPROJECT, pep621("'numpy[extra] >=1.2,<2'"), 'numpy', '2.1.3', pep621("'numpy[extra] >=2.1.3,<3'")],
  [PYPROJECT, poetry('"^1.2"'), 'numpy', '2.1.3', poetry('"^2.1"')],
  [PYPROJECT, poetry('"~1.2"'), 'numpy', '1.5.3', poetry('"~1.5"')],
  [PYPROJECT, poetry('{ version = "^1.26", optional = true }'), 'numpy', '2.1.3', poetry('{ version = "^2.1", optional = true }')],
  [PYPROJECT, poetry("'1.2.0'"), 'numpy', '2.1.3', poetry("'2.1.3'")],
  [PYPROJECT, poetry('">=1.2,<2.0"'), 'numpy', '2.1.3', poetry('">=2.1.3,<3.0"')],
  [PYPROJECT, poetry('"^1.2 || ^2.0"'), 'numpy', '3.0.0', null],
];

describe('updateToVersionEdit keeps the user style', () => {
  it.each(UPDATES)('%s %j → %s', (path, text, name, version, expected) => {
    const edit = updateToVersionEdit(requirementOf(path, text, name), text, version);
    expect(edit === null ? null : applyEdits(text, [edit])).toBe(expected);
  });
});

// [file, text, package, version, expected]
const PINS: [string, string, string, string, string | null][] = [
  [REQUIREMENTS, 'numpy>=1.2  # c\n', 'numpy', '2.1.3', 'numpy==2.1.3  # c\n'],
  [REQUIREMENTS, 'numpy[dev] ; python_version >= "3.9"\n', 'numpy', '2.1.3', 'numpy[dev]==2.1.3 ; python_version >= "3.9"\n'],
  [REQUIREMENTS, 'numpy\n', 'numpy', '2.1.3', 'numpy==2.1.3\n'],
  [REQUIREMENTS, 'numpy==2.1.3\n', 'numpy', '2.1.3', null],
  [PYPROJECT, pep621('"numpy>=1"'), 'numpy', '1.26.4', pep621('"numpy==1.26.4"')],
  [PYPROJECT, poetry('"^1.2"'), 'numpy', '1.26.4', poetry('"1.26.4"')],
  [PYPROJECT, poetry('"*"'), 'numpy', '1.26.4', poetry('"1.26.4"')],
  [REQUIREMENTS, 'numpy @ https://example.org/numpy-1.0.tar.gz\n', 'numpy', '2.1.3', null],
];

describe('pinExactlyEdit (pin exactly, pin to the locked version)', () => {
  it.each(PINS)('%s %j → %s', (path, text, name, version, expected) => {
    const edit = pinExactlyEdit(requirementOf(path, text, name), text, version);
    expect(edit === null ? null : applyEdits(text, [edit])).toBe(expected);
  });
});

describe('updateAllEdits', () => {
  it('updates every requirement with a target in one go, leaving the rest of the file alone', () => {
    const text = '# tools\nnumpy==1.26.4\nrequests >=2.0, <2.31 # http\nflask\n';
    const file = parseDocument(REQUIREMENTS, text)!;
    const [numpy, requests, flask] = file.requirements;
    const edits = updateAllEdits(file, text, new Map([[numpy, '2.1.3'], [requests, '2.32.3'], [flask, '3.1.0']]));
    expect(applyEdits(text, edits)).toBe('# tools\nnumpy==2.1.3\nrequests >=2.32.3, <2.33 # http\nflask\n');
  });
});
