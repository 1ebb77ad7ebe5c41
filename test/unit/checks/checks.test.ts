import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { MapFileSource } from '../../../server/src/core/file-source';
import type { Finding } from '../../../server/src/core/model';

function analyze(path: string, text: string, others: Record<string, string> = {}) {
  const result = analyzeDocument(path, text, new MapFileSource({ [path]: text, ...others }));
  if (!result) throw new Error(`${path} is not a supported file`);
  return result;
}

function byCode(findings: Finding[], code: string) {
  return findings.filter((f) => f.code === code);
}

function applyFix(text: string, finding: Finding): string {
  const data = Array.isArray(finding.data) ? finding.data[0] : finding.data;
  if (!data || data.fix === 'edits') throw new Error(`finding ${finding.code} has no single-edit fix`);
  const newText = data.fix === 'replace' ? data.newText : '';
  return text.slice(0, data.span.start) + newText + text.slice(data.span.end);
}

describe('contradictory-requirements', () => {
  const pyproject = [
    '[project]',
    'name = "demo"',
    'requires-python = ">=3.10"',
    'dependencies = ["numpy>=2", "accelerate==0.33.0"]',
    '',
    '[dependency-groups]',
    'dev = ["numpy<2.0.0", "pytest"]',
    '',
  ].join('\n');

  it('reports both sides with related information pointing at the other', () => {
    const findings = byCode(analyze('/p/pyproject.toml', pyproject).findings, 'contradictory-requirements');
    expect(findings).toHaveLength(2);
    const texts = findings.map((f) => pyproject.slice(f.span.start, f.span.end)).sort();
    expect(texts).toEqual(['<2.0.0', '>=2']);
    for (const finding of findings) {
      expect(finding.severity).toBe('error');
      expect(finding.package).toBe('numpy');
      expect(finding.related).toHaveLength(1);
      const related = finding.related![0];
      expect(pyproject.slice(related.span.start, related.span.end)).not.toBe(pyproject.slice(finding.span.start, finding.span.end));
    }
  });

  it('does not report requirements whose markers never meet', () => {
    const text = '[project]\nname = "x"\ndependencies = [\n  "numpy>=2; python_version >= \'3.10\'",\n  "numpy<2; python_version < \'3.10\'",\n]\n';
    expect(byCode(analyze('/p/pyproject.toml', text).findings, 'contradictory-requirements')).toEqual([]);
  });

  it('does not compare two different extras (they may be mutually exclusive)', () => {
    const text = '[project]\nname = "x"\n[project.optional-dependencies]\ncu118 = ["torch<2.4"]\ncu124 = ["torch>=2.4"]\n';
    expect(byCode(analyze('/p/pyproject.toml', text).findings, 'contradictory-requirements')).toEqual([]);
  });

  it('sees a constraint file included with -c', () => {
    const text = '-c constraints.txt\nnumpy>=2\n';
    const findings = analyze('/p/requirements.txt', text, { '/p/constraints.txt': 'numpy<2\n' }).findings;
    const contradictions = byCode(findings, 'contradictory-requirements');
    expect(contradictions).toHaveLength(1);
    expect(text.slice(contradictions[0].span.start, contradictions[0].span.end)).toBe('>=2');
    expect(contradictions[0].related?.[0].path).toBe('/p/constraints.txt');
  });

  it('keeps the build environment apart from the runtime one', () => {
    const text = '[build-system]\nrequires = ["setuptools>=70"]\n[project]\nname = "x"\ndependencies = ["setuptools<60"]\n';
    expect(byCode(analyze('/p/pyproject.toml', text).findings, 'contradictory-requirements')).toEqual([]);
  });
});

describe('duplicate-requirement', () => {
  it('reports the second occurrence in the same group', () => {
    const text = 'requests>=2\nflask\nRequests[socks]==2.32.3\nrequests==2.32.3\n';
    const findings = byCode(analyze('/p/requirements.txt', text).findings, 'duplicate-requirement');
    expect(findings).toHaveLength(1);
    expect(text.slice(findings[0].span.start, findings[0].span.end)).toBe('requests==2.32.3');
    expect(findings[0].related?.[0].span.start).toBe(0);
  });

  it('offers to remove the repeated line, keeping the first and every comment', () => {
    const text = 'requests>=2  # http\nflask\nrequests>=2\n# end\n';
    const [finding] = byCode(analyze('/p/requirements.txt', text).findings, 'duplicate-requirement');
    expect((finding.data as { title: string }).title).toBe('Remove this duplicate requests');
    expect(applyFix(text, finding)).toBe('requests>=2  # http\nflask\n# end\n');
    const pyproject = '[project]\nname = "x"\ndependencies = [\n  "numpy>=1.26",\n  "pandas",\n  "numpy>=1.26",  # again\n]\n';
    const [inToml] = byCode(analyze('/p/pyproject.toml', pyproject).findings, 'duplicate-requirement');
    expect(applyFix(pyproject, inToml)).toBe('[project]\nname = "x"\ndependencies = [\n  "numpy>=1.26",\n  "pandas",\n]\n');
  });

  it('ignores the same package under exclusive markers', () => {
    const text = 'torch==2.5.1; sys_platform == "linux"\ntorch==2.5.1; sys_platform == "darwin"\n';
    expect(byCode(analyze('/p/requirements.txt', text).findings, 'duplicate-requirement')).toEqual([]);
  });

  it('ignores the same package in different groups', () => {
    const text = '[project]\nname = "x"\ndependencies = ["pytest"]\n[dependency-groups]\ndev = ["pytest"]\n';
    expect(byCode(analyze('/p/pyproject.toml', text).findings, 'duplicate-requirement')).toEqual([]);
  });
});

describe('python2-backport', () => {
  it('flags futures when requires-python excludes Python 2 and its fix removes the element only', () => {
    const text = '[project]\nname = "x"\nrequires-python = ">=3.9"\ndependencies = ["requests", "futures>=3.0", "enum34"]  # runtime\n';
    const findings = byCode(analyze('/p/pyproject.toml', text).findings, 'python2-backport');
    expect(findings.map((f) => f.package)).toEqual(['futures', 'enum34']);
    expect(applyFix(text, findings[0])).toBe('[project]\nname = "x"\nrequires-python = ">=3.9"\ndependencies = ["requests", "enum34"]  # runtime\n');
    expect(applyFix(text, findings[1])).toBe('[project]\nname = "x"\nrequires-python = ">=3.9"\ndependencies = ["requests", "futures>=3.0"]  # runtime\n');
  });

  it('removes a whole line when the element is alone on it', () => {
    const text = '[project]\nname = "x"\nrequires-python = ">=3.9"\ndependencies = [\n    "typing>=3.7",\n    "attrs",\n]\n';
    const [finding] = byCode(analyze('/p/pyproject.toml', text).findings, 'python2-backport');
    expect(applyFix(text, finding)).toBe('[project]\nname = "x"\nrequires-python = ">=3.9"\ndependencies = [\n    "attrs",\n]\n');
  });

  it('removes the whole logical line of a requirements file, hashes included', () => {
    const text = 'attrs==23.1.0\nfutures==3.4.0 \\\n    --hash=sha256:aaaa\nsix==1.16.0\n';
    // python2-backport needs a requires-python: the requirements file takes its project's.
    const [finding] = byCode(analyze('/p/requirements.txt', text, { '/p/pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.9"\n' }).findings, 'python2-backport');
    expect(applyFix(text, finding)).toBe('attrs==23.1.0\nsix==1.16.0\n');
  });

  it('leaves a backport restricted to old Pythons by its marker alone', () => {
    const text = '[project]\nname = "x"\nrequires-python = ">=3.6"\ndependencies = ["dataclasses; python_version < \'3.7\'"]\n';
    expect(byCode(analyze('/p/pyproject.toml', text).findings, 'python2-backport')).toEqual([]);
  });

  it('does not flag dataclasses while the project still supports Python 3.6', () => {
    const text = '[project]\nname = "x"\nrequires-python = ">=3.6"\ndependencies = ["dataclasses"]\n';
    expect(byCode(analyze('/p/pyproject.toml', text).findings, 'python2-backport')).toEqual([]);
  });

});
