import { describe, expect, it } from 'vitest';
import { parseRequirementsTxt } from '../../../server/src/core/formats/requirements-txt';
import type { Span } from '../../../server/src/core/span';

const PATH = '/project/requirements.txt';

function cut(text: string, span: Span | undefined): string | undefined {
  return span ? text.slice(span.start, span.end) : undefined;
}

describe('requirement lines', () => {
  it('reads a PEP 508 line with spans into the file', () => {
    const text = 'flask\nrequests[socks] >= 2.31 ; python_version >= "3.8"\n';
    const file = parseRequirementsTxt(text, PATH);
    expect(file.kind).toBe('requirements');
    expect(file.errors).toEqual([]);
    expect(file.requirements.map((r) => r.name)).toEqual(['flask', 'requests']);
    const requests = file.requirements[1];
    expect(requests).toMatchObject({ normalizedName: 'requests', extras: ['socks'], specifier: '>=2.31', group: 'main', index: null, url: null });
    expect(requests.marker).toBe('python_version >= "3.8"');
    expect(cut(text, requests.spans.whole)).toBe('requests[socks] >= 2.31 ; python_version >= "3.8"');
    expect(cut(text, requests.spans.name)).toBe('requests');
    expect(cut(text, requests.spans.extras)).toBe('[socks]');
    expect(cut(text, requests.spans.specifier)).toBe('>= 2.31');
    expect(requests.constraint).toBe('>= 2.31');
    expect(cut(text, requests.spans.marker)).toBe('python_version >= "3.8"');
  });

  it('reads name @ url as a PEP 508 direct reference', () => {
    const text = 'pip @ https://github.com/pypa/pip/archive/22.0.2.zip\n';
    const [requirement] = parseRequirementsTxt(text, PATH).requirements;
    expect(requirement.name).toBe('pip');
    expect(requirement.url).toBe('https://github.com/pypa/pip/archive/22.0.2.zip');
    expect(cut(text, requirement.spans.url)).toBe(requirement.url);
  });

  it('groups lines of a constraints file as "constraint"', () => {
    const file = parseRequirementsTxt('urllib3<2\n', PATH, { asConstraints: true });
    expect(file.requirements[0].group).toBe('constraint');
  });

  it('collects several --hash values and checks the algorithm', () => {
    const text = 'six==1.16.0 --hash=sha256:aaaa --hash sha512:bbbb --hash=md5:cccc\n';
    const file = parseRequirementsTxt(text, PATH);
    expect(file.requirements[0].hashes).toEqual(['sha256:aaaa', 'sha512:bbbb', 'md5:cccc']);
    expect(file.errors.map((e) => [e.code, cut(text, e.span)])).toEqual([['invalid-requirement', 'md5:cccc']]);
    expect(file.options).toEqual([]);
  });

  it('reports invalid PEP 508 text with the parser code at the span in the file', () => {
    const text = 'ok==1\n  bad name here\nfoo==\n';
    const file = parseRequirementsTxt(text, PATH);
    expect(file.requirements.map((r) => r.name)).toContain('ok');
    expect(file.errors.length).toBeGreaterThanOrEqual(2);
    const lineTwo = { start: text.indexOf('bad'), end: text.indexOf('here') + 4 };
    const lineThree = { start: text.indexOf('foo'), end: text.indexOf('foo') + 5 };
    const [first, second] = file.errors;
    expect(['invalid-requirement', 'invalid-specifier']).toContain(first.code);
    expect(first.span.start).toBeGreaterThanOrEqual(lineTwo.start);
    expect(first.span.end).toBeLessThanOrEqual(lineTwo.end);
    expect(['invalid-requirement', 'invalid-specifier']).toContain(second.code);
    expect(second.span.start).toBeGreaterThanOrEqual(lineThree.start);
    expect(second.span.end).toBeLessThanOrEqual(lineThree.end);
  });

  it('applies only per-requirement options on a requirement line, like pip', () => {
    const text = 'numpy -i https://ignored.example/simple --config-settings=setup-args=-Dblas=openblas\n';
    const file = parseRequirementsTxt(text, PATH);
    expect(file.requirements[0].name).toBe('numpy');
    expect(file.indexes).toEqual([]);
    expect(file.options?.map((o) => [o.name, o.value])).toEqual([['--config-settings', 'setup-args=-Dblas=openblas']]);
  });

  it('does not split options out of a word that only contains a dash after a tab', () => {
    // pip splits on spaces only: "foo\t--hash=x" is one (invalid) requirement word.
    const file = parseRequirementsTxt('foo\t--hash=sha256:abc\n', PATH);
    expect(file.requirements.every((r) => r.hashes === undefined)).toBe(true);
    expect(file.errors.length).toBeGreaterThan(0);
  });
});

describe('comments, continuations and line endings', () => {
  it('strips comments that start a line or follow whitespace, but not #egg= fragments', () => {
    const text = '# header\nrequests  # pinned by ops\n\ngit+https://github.com/org/lib.git#egg=lib\nweird#name\n';
    const file = parseRequirementsTxt(text, PATH);
    const names = file.requirements.map((r) => r.name);
    expect(names.slice(0, 2)).toEqual(['requests', 'lib']);
    expect(cut(text, file.requirements[0].spans.whole)).toBe('requests');
    expect(file.requirements[1].url).toBe('git+https://github.com/org/lib.git#egg=lib');
    // "weird#name" is not a comment for pip, so it is an invalid requirement.
    expect(file.errors.length).toBeGreaterThan(0);
  });

  it('joins backslash continuations and maps spans across them', () => {
    const text = 'requests \\\n    >=2.0 \\\n    ; python_version >= "3.9"\nflask\n';
    const file = parseRequirementsTxt(text, PATH);
    expect(file.requirements.map((r) => r.name)).toEqual(['requests', 'flask']);
    const [requests] = file.requirements;
    expect(cut(text, requests.spans.name)).toBe('requests');
    expect(cut(text, requests.spans.specifier)).toBe('>=2.0');
    expect(cut(text, requests.spans.marker)).toBe('python_version >= "3.9"');
    expect(requests.marker).toBe('python_version >= "3.9"');
  });

  it('lets a trailing backslash after a comment swallow the next line (pip behaviour)', () => {
    const file = parseRequirementsTxt('alpha # note \\\nbeta\ngamma\n', PATH);
    expect(file.requirements.map((r) => r.name)).toEqual(['alpha', 'gamma']);
  });

  it('ends a continuation at a full-line comment, which never continues itself', () => {
    const file = parseRequirementsTxt('alpha \\\n#comment \\\nbeta\n', PATH);
    expect(file.requirements.map((r) => r.name)).toEqual(['alpha', 'beta']);
  });

  it('keeps a final line that ends in a backslash', () => {
    const file = parseRequirementsTxt('alpha \\', PATH);
    expect(file.requirements.map((r) => r.name)).toEqual(['alpha']);
  });

  it('handles CRLF, lone CR and a byte-order mark', () => {
    const text = '\uFEFFalpha==1\r\nbeta==2\rgamma\r\n';
    const file = parseRequirementsTxt(text, PATH);
    expect(file.requirements.map((r) => cut(text, r.spans.whole))).toEqual(['alpha==1', 'beta==2', 'gamma']);
  });
});

describe('environment variables', () => {
  it('expands ${VAR} from the given variables, keeping spans on the original text', () => {
    const text = '--extra-index-url https://${TOKEN}@pypi.example.com/simple\n${PKG}==1.0\n$HOME/pkg\n';
    const file = parseRequirementsTxt(text, PATH, { variables: { TOKEN: 'secret', PKG: 'attrs' } });
    // Shown as written; requests go to the expanded URL.
    expect(file.indexes).toEqual([
      {
        name: null,
        url: 'https://${TOKEN}@pypi.example.com/simple',
        requestUrl: 'https://secret@pypi.example.com/simple',
        role: 'extra-index-url',
        tool: 'pip',
        span: { start: 18, end: 18 + 'https://${TOKEN}@pypi.example.com/simple'.length },
      },
    ]);
    expect(file.options?.[0]).toMatchObject({ name: '--extra-index-url', value: 'https://${TOKEN}@pypi.example.com/simple' });
    const attrs = file.requirements[0];
    expect(attrs.name).toBe('attrs');
    expect(cut(text, attrs.spans.name)).toBe('${PKG}');
    expect(cut(text, attrs.spans.whole)).toBe('${PKG}==1.0');
    expect(cut(text, attrs.spans.specifier)).toBe('==1.0');
    // $HOME is not the ${VAR} form: left as written.
    expect(file.requirements[1].url).toBe('$HOME/pkg');
  });

  it('keeps include paths and URLs as written, with the expanded path beside them', () => {
    const text = '-r ${ENV_DIR}/base.txt\n-c "${ENV_DIR}/c.txt"\npkg @ https://host/${TOKEN}/pkg-1.0.tar.gz\n-e ${SRC}/lib\n';
    const file = parseRequirementsTxt(text, PATH, { variables: { ENV_DIR: 'envs/prod', TOKEN: 't0ken', SRC: '/src' } });
    expect(file.includes.map((include) => [include.target, include.expandedTarget])).toEqual([
      ['${ENV_DIR}/base.txt', 'envs/prod/base.txt'],
      ['${ENV_DIR}/c.txt', 'envs/prod/c.txt'],
    ]);
    expect(file.requirements.map((requirement) => requirement.url)).toEqual(['https://host/${TOKEN}/pkg-1.0.tar.gz', '${SRC}/lib']);
    expect(file.requirements[0].name).toBe('pkg');
    expect(JSON.stringify(file)).not.toContain('t0ken');
  });

  it('leaves unknown, empty and lower-case variables as written, as pip does', () => {
    const text = '-r ${EMPTY}/a.txt\n-r ${UNSET}/b.txt\n-r ${lower}/c.txt\n-r $PLAIN/d.txt\n';
    const file = parseRequirementsTxt(text, PATH, { variables: { EMPTY: '', lower: 'x', PLAIN: 'y', UNSET: undefined } });
    expect(file.includes.map((include) => [include.target, include.expandedTarget])).toEqual([
      ['${EMPTY}/a.txt', undefined],
      ['${UNSET}/b.txt', undefined],
      ['${lower}/c.txt', undefined],
      ['$PLAIN/d.txt', undefined],
    ]);
  });

  it('leaves unknown and lower-case variables as written', () => {
    const text = '-r ${MISSING}/base.txt\n-r ${lower}.txt\n';
    const file = parseRequirementsTxt(text, PATH, { variables: { lower: 'x' } });
    expect(file.includes.map((i) => i.target)).toEqual(['${MISSING}/base.txt', '${lower}.txt']);
  });
});

describe('editable and direct references', () => {
  it('reads editable installs: local paths with extras, VCS URLs with #egg, --editable=', () => {
    const text = [
      '-e .',
      '-e ./libs/core[dev,test]',
      '-e git+https://github.com/org/tool.git@v1.2#egg=my_tool&subdirectory=src',
      '--editable=../sibling',
      '-e "./with space"',
    ].join('\n');
    const file = parseRequirementsTxt(text, '/work/app/requirements.txt');
    expect(file.errors).toEqual([]);
    const [dot, core, tool, sibling, spaced] = file.requirements;
    // Local project folders are named by their metadata, not by the folder: unknown to the parser.
    expect(dot).toMatchObject({ name: '', normalizedName: '', url: '.', localProject: '/work/app', editable: true, extras: [] });
    expect(cut(text, dot.spans.url)).toBe('.');
    expect(core).toMatchObject({ name: '', url: './libs/core', localProject: '/work/app/libs/core', extras: ['dev', 'test'], editable: true });
    expect(cut(text, core.spans.extras)).toBe('[dev,test]');
    expect(cut(text, core.spans.name)).toBe('./libs/core');
    expect(tool).toMatchObject({ name: 'my_tool', normalizedName: 'my-tool', editable: true });
    expect(tool.localProject).toBeUndefined();
    expect(cut(text, tool.spans.name)).toBe('my_tool');
    expect(sibling).toMatchObject({ name: '', url: '../sibling', localProject: '/work/sibling' });
    expect(cut(text, sibling.spans.url)).toBe('../sibling');
    expect(spaced).toMatchObject({ name: '', url: './with space', localProject: '/work/app/with space' });
    expect(cut(text, spaced.spans.url)).toBe('./with space');
  });

  it('reports unterminated extras in an editable', () => {
    const text = '-e .[d\n';
    const file = parseRequirementsTxt(text, PATH);
    expect(file.requirements).toEqual([]);
    expect(file.errors.map((e) => [e.code, cut(text, e.span)])).toEqual([['invalid-requirement', '[d']]);
  });

  it('splits an editable at spaces like shlex, so unquoted "[a, b]" extras are unterminated', () => {
    const text = '-e ./core[dev, test]\n';
    const file = parseRequirementsTxt(text, PATH);
    expect(file.errors.map((e) => cut(text, e.span))).toEqual(['[dev,']);
  });

  it('rejects an editable plain https archive, like pip', () => {
    const file = parseRequirementsTxt('-e https://example.com/pkg.zip\n', PATH);
    expect(file.errors.map((e) => e.code)).toEqual(['invalid-requirement']);
  });

  it('reads bare paths and URLs, naming them from #egg, wheel/sdist filenames or the last component of a remote URL', () => {
    const text = [
      './pkg',
      '../x[extra]',
      './my pkg/with space',
      'file:///opt/wheels/foo_bar-1.0-py3-none-any.whl',
      'https://download.pytorch.org/whl/cu124/torch-2.5.1+cu124-cp311-cp311-linux_x86_64.whl',
      'git+https://github.com/psf/black.git@24.8.0',
      'git+ssh://git@github.com/org/private-lib.git#egg=private-lib',
      'downloads/python-dateutil-2.9.0.tar.gz',
      'torch-2.5.1+cu124-cp311-cp311-linux_x86_64.whl',
      './pkg ; python_version<"3.9"',
      'https://example.com/a.whl ; sys_platform == "win32"',
    ].join('\n');
    const file = parseRequirementsTxt(text, PATH);
    expect(file.errors).toEqual([]);
    // Local folders ('' : named by their metadata later), then wheels, VCS URLs and archives.
    expect(file.requirements.map((r) => r.name)).toEqual([
      '', '', '', 'foo_bar', 'torch', 'black', 'private-lib', 'python-dateutil', 'torch', '', 'a',
    ]);
    expect(file.requirements.map((r) => r.localProject ?? null)).toEqual([
      '/project/pkg', '/x', '/project/my pkg/with space', null, null, null, null, null, null, '/project/pkg', null,
    ]);
    const [, x, spaced, , torch, , , dateutil, , marked, wheelWithMarker] = file.requirements;
    expect(x).toMatchObject({ url: '../x', extras: ['extra'] });
    expect(cut(text, x.spans.extras)).toBe('[extra]');
    expect(spaced.url).toBe('./my pkg/with space');
    expect(cut(text, torch.spans.name)).toBe('torch');
    expect(torch.specifier).toBe('');
    expect(cut(text, dateutil.spans.name)).toBe('python-dateutil');
    expect(marked).toMatchObject({ url: './pkg', marker: 'python_version < "3.9"' });
    expect(cut(text, marked.spans.marker)).toBe('python_version<"3.9"');
    expect(cut(text, marked.spans.whole)).toBe('./pkg ; python_version<"3.9"');
    expect(wheelWithMarker).toMatchObject({ url: 'https://example.com/a.whl', marker: 'sys_platform == "win32"' });
  });
});
