import { describe, expect, it } from 'vitest';
import { parseRequirementsTxt } from '../../../server/src/core/formats/requirements-txt';
import type { Span } from '../../../server/src/core/span';

const PATH = '/project/requirements.txt';

function cut(text: string, span: Span | undefined): string | undefined {
  return span ? text.slice(span.start, span.end) : undefined;
}

describe('pip options', () => {
  it('records file options with canonical names, values and spans', () => {
    const text = [
      '--index-url=https://pypi.example.com/simple',
      '--extra-index https://download.pytorch.org/whl/cu124',
      '-f ./wheels',
      '-ihttps://mirror.example.com/simple',
      '--trusted-host mirror.example.com',
      '--no-binary :all:',
      '--only-binary=numpy,scipy',
      '--pre --prefer-binary',
      '--require-hashes',
      '--no-index',
      '--use-feature=truststore',
    ].join('\n');
    const file = parseRequirementsTxt(text, PATH);
    expect(file.errors).toEqual([]);
    expect(file.options?.map((o) => [o.name, o.value, cut(text, o.span)])).toEqual([
      ['--index-url', 'https://pypi.example.com/simple', '--index-url=https://pypi.example.com/simple'],
      ['--extra-index-url', 'https://download.pytorch.org/whl/cu124', '--extra-index https://download.pytorch.org/whl/cu124'],
      ['--find-links', './wheels', '-f ./wheels'],
      ['--index-url', 'https://mirror.example.com/simple', '-ihttps://mirror.example.com/simple'],
      ['--trusted-host', 'mirror.example.com', '--trusted-host mirror.example.com'],
      ['--no-binary', ':all:', '--no-binary :all:'],
      ['--only-binary', 'numpy,scipy', '--only-binary=numpy,scipy'],
      ['--pre', null, '--pre'],
      ['--prefer-binary', null, '--prefer-binary'],
      ['--require-hashes', null, '--require-hashes'],
      ['--no-index', null, '--no-index'],
      ['--use-feature', 'truststore', '--use-feature=truststore'],
    ]);
    expect(file.indexes.map((i) => [i.role, i.url, cut(text, i.span), i.tool])).toEqual([
      ['index-url', 'https://pypi.example.com/simple', 'https://pypi.example.com/simple', 'pip'],
      ['extra-index-url', 'https://download.pytorch.org/whl/cu124', 'https://download.pytorch.org/whl/cu124', 'pip'],
      ['find-links', './wheels', './wheels', 'pip'],
      ['index-url', 'https://mirror.example.com/simple', 'https://mirror.example.com/simple', 'pip'],
    ]);
  });

  it('reports an unknown option at its span', () => {
    const text = 'flask\n--frobnicate yes\nnumpy --hashes=sha256:abc\n';
    const file = parseRequirementsTxt(text, PATH);
    expect(file.errors.map((e) => [e.code, e.severity, cut(text, e.span)])).toEqual([
      ['invalid-requirement', 'error', '--frobnicate'],
      ['invalid-requirement', 'error', '--hashes=sha256:abc'],
    ]);
    expect(file.errors[0].message).toContain('--frobnicate');
    expect(file.requirements.map((r) => r.name)).toEqual(['flask', 'numpy']);
  });

  it('reports unknown short options, flags given a value and options missing their value', () => {
    const text = '-x foo\n--pre=1\n-r\n';
    const file = parseRequirementsTxt(text, PATH);
    expect(file.errors.map((e) => cut(text, e.span))).toEqual(['-x', '--pre=1', '-r']);
    expect(file.errors.every((e) => e.code === 'invalid-requirement')).toBe(true);
  });

  it('reports an ambiguous abbreviation (--pr: --pre or --prefer-binary)', () => {
    const text = '--pr\n';
    const file = parseRequirementsTxt(text, PATH);
    expect(file.errors.map((e) => cut(text, e.span))).toEqual(['--pr']);
    expect(file.errors[0].message).toMatch(/ambiguous/i);
  });

  it('reports an unclosed quotation', () => {
    const text = '-r "unclosed.txt\n';
    const file = parseRequirementsTxt(text, PATH);
    expect(file.errors.map((e) => e.code)).toEqual(['invalid-requirement']);
    expect(file.includes).toEqual([]);
  });
});

describe('includes', () => {
  it('records -r and -c includes in every spelling, with line and path spans', () => {
    const text = [
      '-r base.txt',
      '-rshared.txt',
      '--requirement=dev/extra.txt',
      '--requirement ../common.txt  # shared',
      '-c constraints.txt',
      '--constraint=pins.txt',
      '-r "my reqs.txt"',
      '-r https://example.com/remote.txt',
    ].join('\n');
    const file = parseRequirementsTxt(text, PATH);
    expect(file.errors).toEqual([]);
    expect(file.includes.map((i) => [i.kind, i.target, cut(text, i.targetSpan), cut(text, i.span)])).toEqual([
      ['requirement', 'base.txt', 'base.txt', '-r base.txt'],
      ['requirement', 'shared.txt', 'shared.txt', '-rshared.txt'],
      ['requirement', 'dev/extra.txt', 'dev/extra.txt', '--requirement=dev/extra.txt'],
      ['requirement', '../common.txt', '../common.txt', '--requirement ../common.txt'],
      ['constraint', 'constraints.txt', 'constraints.txt', '-c constraints.txt'],
      ['constraint', 'pins.txt', 'pins.txt', '--constraint=pins.txt'],
      ['requirement', 'my reqs.txt', 'my reqs.txt', '-r "my reqs.txt"'],
      ['requirement', 'https://example.com/remote.txt', 'https://example.com/remote.txt', '-r https://example.com/remote.txt'],
    ]);
    expect(file.options).toEqual([]);
  });

  it('follows only the first -r of a line, and -r before -c, like pip', () => {
    const file = parseRequirementsTxt('-c pins.txt -r a.txt -r b.txt\n', PATH);
    expect(file.includes.map((i) => [i.kind, i.target])).toEqual([['requirement', 'a.txt']]);
  });
});
