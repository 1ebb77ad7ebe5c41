/**
 * Extras that name the project itself (`all = ["example[csv]"]`) against uv.lock's
 * `[package.metadata]`. uv records a project with static metadata as written; for a project whose
 * version is dynamic, the metadata comes from the build backend, which may flatten the
 * self-references (`pandas>=2.0.0 ; extra == 'all'`), and uv accepts either form.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { MapFileSource } from '../../../server/src/core/file-source';
import type { Finding } from '../../../server/src/core/model';

const staleFindings = (findings: Finding[]) => findings.filter((finding) => finding.code === 'lock-stale');

function check(pyproject: string, lock: string): { text: string; stale: Finding[] } {
  const files = { '/p/pyproject.toml': pyproject, '/p/uv.lock': lock };
  const analysis = analyzeDocument('/p/pyproject.toml', pyproject, new MapFileSource(files))!;
  expect(analysis.dependencies).toContain('/p/uv.lock');
  return { text: pyproject, stale: staleFindings(analysis.findings) };
}

const spanText = (text: string, finding: Finding) => text.slice(finding.span.start, finding.span.end);

function lockOf(project: { version?: string; requiresDist: string[]; requiresDev?: Record<string, string[]>; extras: string[] }): string {
  const lines = [
    'version = 1',
    'revision = 3',
    'requires-python = ">=3.10"',
    '',
    '[[package]]',
    'name = "example"',
    ...(project.version ? [`version = "${project.version}"`] : []),
    'source = { editable = "." }',
    'dependencies = [',
    '    { name = "requests" },',
    ']',
    '',
    '[package.metadata]',
    'requires-dist = [',
    ...project.requiresDist.map((entry) => `    ${entry},`),
    ']',
    `provides-extras = [${project.extras.map((extra) => `"${extra}"`).join(', ')}]`,
    '',
  ];
  if (project.requiresDev) {
    lines.push('[package.metadata.requires-dev]');
    for (const [group, entries] of Object.entries(project.requiresDev)) lines.push(`${group} = [`, ...entries.map((entry) => `    ${entry},`), ']');
    lines.push('');
  }
  for (const [name, version] of [['matplotlib', '3.9.2'], ['pandas', '2.2.3'], ['pytest', '8.3.3'], ['requests', '2.32.3'], ['seaborn', '0.13.2']]) {
    lines.push('[[package]]', `name = "${name}"`, `version = "${version}"`, 'source = { registry = "https://pypi.org/simple" }', '');
  }
  return lines.join('\n');
}

const SIMPLE = [
  '[project]',
  'name = "example"',
  'dynamic = ["version"]',
  'requires-python = ">=3.10"',
  'dependencies = ["requests>=2.31"]',
  '',
  '[project.optional-dependencies]',
  'csv = ["pandas>=2.0.0"]',
  'all = ["example[csv]"]',
  '',
  '[build-system]',
  'requires = ["hatchling"]',
  'build-backend = "hatchling.build"',
  '',
].join('\n');

describe('self-referencing extras against uv.lock', () => {
  it('accepts the flattened form a dynamic project is recorded with', () => {
    const lock = lockOf({
      extras: ['all', 'csv'],
      requiresDist: [
        '{ name = "pandas", marker = "extra == \'all\'", specifier = ">=2.0.0" }',
        '{ name = "pandas", marker = "extra == \'csv\'", specifier = ">=2.0.0" }',
        '{ name = "requests", specifier = ">=2.31" }',
      ],
    });
    expect(check(SIMPLE, lock).stale).toEqual([]);
  });

  it('accepts the self-reference as written (static metadata)', () => {
    const lock = lockOf({
      version: '0.1.0',
      extras: ['all', 'csv'],
      requiresDist: [
        '{ name = "example", extras = ["csv"], marker = "extra == \'all\'" }',
        '{ name = "pandas", marker = "extra == \'csv\'", specifier = ">=2.0.0" }',
        '{ name = "requests", specifier = ">=2.31" }',
      ],
    });
    expect(check(SIMPLE.replace('dynamic = ["version"]', 'version = "0.1.0"'), lock).stale).toEqual([]);
  });

  const RECURSIVE = [
    '[project]',
    'name = "example"',
    'dynamic = ["version"]',
    'requires-python = ">=3.10"',
    'dependencies = ["requests>=2.31"]',
    '',
    '[project.optional-dependencies]',
    'csv = ["pandas>=2.0.0"]',
    'plot = ["matplotlib>=3.8", "Example[viz]"]',
    'viz = ["seaborn>=0.13", "example[plot]"]',
    'gpu = ["example[csv] ; sys_platform == \'linux\'"]',
    'all = ["example[csv,plot]", "example[gpu]"]',
    '',
  ].join('\n');
  const RECURSIVE_FLAT = [
    '{ name = "matplotlib", marker = "extra == \'all\'", specifier = ">=3.8" }',
    '{ name = "matplotlib", marker = "extra == \'plot\'", specifier = ">=3.8" }',
    '{ name = "matplotlib", marker = "extra == \'viz\'", specifier = ">=3.8" }',
    '{ name = "pandas", marker = "extra == \'all\'", specifier = ">=2.0.0" }',
    '{ name = "pandas", marker = "extra == \'csv\'", specifier = ">=2.0.0" }',
    '{ name = "pandas", marker = "sys_platform == \'linux\' and extra == \'gpu\'", specifier = ">=2.0.0" }',
    '{ name = "requests", specifier = ">=2.31" }',
    '{ name = "seaborn", marker = "extra == \'all\'", specifier = ">=0.13" }',
    '{ name = "seaborn", marker = "extra == \'plot\'", specifier = ">=0.13" }',
    '{ name = "seaborn", marker = "extra == \'viz\'", specifier = ">=0.13" }',
  ];

  it('flattens recursively: extras through other extras, cycles, and markers on the self-reference', () => {
    const lock = lockOf({ extras: ['all', 'csv', 'gpu', 'plot', 'viz'], requiresDist: RECURSIVE_FLAT });
    expect(check(RECURSIVE, lock).stale).toEqual([]);
  });

  it('still reports a requirement of a nested extra that changed since the flattened lock', () => {
    const lock = lockOf({ extras: ['all', 'csv', 'gpu', 'plot', 'viz'], requiresDist: RECURSIVE_FLAT });
    const { text, stale } = check(RECURSIVE.replace('"seaborn>=0.13"', '"seaborn>=0.13.1"'), lock);
    expect(stale.map((finding) => spanText(text, finding))).toEqual(['seaborn>=0.13.1']);
  });

  it('blames a self-reference added since the flattened lock', () => {
    const lock = lockOf({ extras: ['all', 'csv', 'gpu', 'plot', 'viz'], requiresDist: RECURSIVE_FLAT });
    const { text, stale } = check(RECURSIVE.replace('csv = [', 'docs = ["example[csv]"]\ncsv = ['), lock);
    expect(stale.map((finding) => text.slice(text.lastIndexOf('\n', finding.span.start) + 1, text.indexOf('\n', finding.span.end)))).toEqual(['docs = ["example[csv]"]']);
  });

  it('keeps a self-reference with a workspace source as a requirement on the project itself', () => {
    const pyproject = `${SIMPLE}[tool.uv.sources]\nexample = { workspace = true }\n`;
    const lock = lockOf({
      extras: ['all', 'csv'],
      requiresDist: [
        '{ name = "example", editable = ".", marker = "extra == \'all\'" }',
        '{ name = "pandas", marker = "extra == \'all\'", specifier = ">=2.0.0" }',
        '{ name = "pandas", marker = "extra == \'csv\'", specifier = ">=2.0.0" }',
        '{ name = "requests", specifier = ">=2.31" }',
      ],
    });
    expect(check(pyproject, lock).stale).toEqual([]);
  });

  it('compares dependency groups that name the project or include other groups as uv records them', () => {
    const pyproject = [
      SIMPLE.replace('dynamic = ["version"]', 'version = "0.1.0"'),
      '[dependency-groups]',
      'test = ["pytest>=8"]',
      'dev = ["example[csv]", { include-group = "test" }]',
      'self = ["example"]',
      '',
    ].join('\n');
    const lock = lockOf({
      version: '0.1.0',
      extras: ['all', 'csv'],
      requiresDist: [
        '{ name = "example", extras = ["csv"], marker = "extra == \'all\'" }',
        '{ name = "pandas", marker = "extra == \'csv\'", specifier = ">=2.0.0" }',
        '{ name = "requests", specifier = ">=2.31" }',
      ],
      requiresDev: {
        dev: ['{ name = "example", extras = ["csv"] }', '{ name = "pytest", specifier = ">=8" }'],
        self: ['{ name = "example" }'],
        test: ['{ name = "pytest", specifier = ">=8" }'],
      },
    });
    expect(check(pyproject, lock).stale).toEqual([]);
    const { text, stale } = check(pyproject.replace('dev = ["example[csv]"', 'dev = ["example[all]"'), lock);
    expect(stale.map((finding) => spanText(text, finding))).toEqual(['example[all]']);
  });
});
