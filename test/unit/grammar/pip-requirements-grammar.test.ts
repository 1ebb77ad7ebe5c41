import { describe, expect, it } from 'vitest';
import { scopeOf, tokenizeLines } from './tokenizer';

const S = '.pip-requirements';

async function line(text: string) {
  const [tokens] = await tokenizeLines([text]);
  return tokens;
}

describe('pip-requirements grammar', () => {
  it('scopes comments, but not a # inside a URL', async () => {
    const tokens = await line('# pinned for CUDA 12');
    expect(scopeOf(tokens, '#')).toContain(`punctuation.definition.comment${S}`);
    expect(scopeOf(tokens, ' pinned for CUDA 12')).toContain(`comment.line.number-sign${S}`);

    const url = await line('https://example.com/pkg-1.0.tar.gz#egg=pkg');
    expect(scopeOf(url, 'https://example.com/pkg-1.0.tar.gz#egg=pkg')).toContain(`markup.underline.link${S}`);
  });

  it('scopes a requirement: name, extras, specifiers, comment', async () => {
    const tokens = await line('requests[socks, security]>=2.8.1,<3  # http');
    expect(scopeOf(tokens, 'requests')).toContain(`entity.name.package${S}`);
    expect(scopeOf(tokens, '[')).toContain(`punctuation.section.extras.begin${S}`);
    expect(scopeOf(tokens, 'socks')).toContain(`variable.parameter.extra${S}`);
    expect(scopeOf(tokens, 'security')).toContain(`variable.parameter.extra${S}`);
    expect(scopeOf(tokens, '>=')).toContain(`keyword.operator.comparison.version${S}`);
    expect(scopeOf(tokens, '2.8.1')).toContain(`constant.numeric.version${S}`);
    expect(scopeOf(tokens, ',')).toContain(`punctuation.separator.comma${S}`);
    expect(scopeOf(tokens, '<')).toContain(`keyword.operator.comparison.version${S}`);
    expect(scopeOf(tokens, ' http')).toContain(`comment.line.number-sign${S}`);
  });

  it('scopes the comma between specifiers', async () => {
    const tokens = await line('django>=4.2,<5');
    expect(scopeOf(tokens, ',')).toContain(`punctuation.separator.specifier${S}`);
  });

  it('scopes every version operator', async () => {
    for (const operator of ['~=', '==', '!=', '<=', '>=', '<', '>', '===']) {
      const tokens = await line(`pkg ${operator}1.0`);
      expect(scopeOf(tokens, operator)).toContain(`keyword.operator.comparison.version${S}`);
      expect(scopeOf(tokens, '1.0')).toContain(`constant.numeric.version${S}`);
    }
  });

  it('scopes markers: variables, operators, strings', async () => {
    const tokens = await line(`pywin32>=300; sys_platform == "win32" and python_version not in '3.6'`);
    expect(scopeOf(tokens, ';')).toContain(`punctuation.separator.marker${S}`);
    expect(scopeOf(tokens, 'sys_platform')).toContain(`variable.language.marker${S}`);
    expect(scopeOf(tokens, '==')).toContain(`keyword.operator.comparison.marker${S}`);
    expect(scopeOf(tokens, 'win32')).toContain(`string.quoted.double${S}`);
    expect(scopeOf(tokens, 'and')).toContain(`keyword.operator.logical${S}`);
    expect(scopeOf(tokens, 'python_version')).toContain(`variable.language.marker${S}`);
    expect(scopeOf(tokens, 'not in')).toContain(`keyword.operator.comparison.marker${S}`);
    expect(scopeOf(tokens, '3.6')).toContain(`string.quoted.single${S}`);
  });

  it('scopes options and their values', async () => {
    const include = await line('-r base.txt');
    expect(scopeOf(include, '-r')).toContain(`keyword.other.option${S}`);
    expect(scopeOf(include, 'base.txt')).toContain(`string.unquoted.path${S}`);

    const constraint = await line('--constraint=constraints.txt');
    expect(scopeOf(constraint, '--constraint')).toContain(`keyword.other.option${S}`);
    expect(scopeOf(constraint, '=')).toContain(`punctuation.separator.key-value${S}`);
    expect(scopeOf(constraint, 'constraints.txt')).toContain(`string.unquoted.path${S}`);

    const index = await line('--extra-index-url https://download.pytorch.org/whl/cu121');
    expect(scopeOf(index, '--extra-index-url')).toContain(`keyword.other.option${S}`);
    expect(scopeOf(index, 'https://download.pytorch.org/whl/cu121')).toContain(`markup.underline.link${S}`);

    const flag = await line('--pre');
    expect(scopeOf(flag, '--pre')).toContain(`keyword.other.option${S}`);

    const editable = await line('-e ./packages/core');
    expect(scopeOf(editable, '-e')).toContain(`keyword.other.option${S}`);
    expect(scopeOf(editable, './packages/core')).toContain(`string.unquoted.path${S}`);
  });

  it('scopes direct references', async () => {
    const tokens = await line('torch @ https://download.pytorch.org/whl/cu121/torch-2.3.0.whl ; python_version >= "3.9"');
    expect(scopeOf(tokens, 'torch')).toContain(`entity.name.package${S}`);
    expect(scopeOf(tokens, '@')).toContain(`punctuation.separator.direct-reference${S}`);
    expect(scopeOf(tokens, 'https://download.pytorch.org/whl/cu121/torch-2.3.0.whl')).toContain(`markup.underline.link${S}`);
    expect(scopeOf(tokens, 'python_version')).toContain(`variable.language.marker${S}`);

    const vcs = await line('git+https://github.com/org/repo.git@v1.0#egg=repo');
    expect(scopeOf(vcs, 'git+https://github.com/org/repo.git@v1.0#egg=repo')).toContain(`markup.underline.link${S}`);
  });

  it('scopes --hash with its algorithm and digest', async () => {
    const tokens = await line('idna==3.7 --hash=sha256:82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0');
    expect(scopeOf(tokens, '--hash')).toContain(`keyword.other.option.hash${S}`);
    expect(scopeOf(tokens, 'sha256')).toContain(`storage.type.hash-algorithm${S}`);
    expect(scopeOf(tokens, '82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0')).toContain(`constant.other.hash-digest${S}`);
  });

  it('scopes environment variables', async () => {
    const tokens = await line('--index-url https://${PIP_USER}:${PIP_TOKEN}@pypi.example.com/simple');
    expect(scopeOf(tokens, 'PIP_USER')).toContain(`variable.other.environment${S}`);
    expect(scopeOf(tokens, '${')).toContain(`punctuation.definition.variable.begin${S}`);
    const include = await line('-r ${CONFIG_DIR}/base.txt');
    expect(scopeOf(include, 'CONFIG_DIR')).toContain(`variable.other.environment${S}`);
  });

  it('carries a requirement across line continuations', async () => {
    const [first, second, third] = await tokenizeLines([
      'certifi==2024.7.4 \\',
      '    --hash=sha256:ca78db4565a652026a4db2bcdf68f2fb589ea80d0be70e03929ed730746b84e9 \\',
      '    ; python_version >= "3.8"',
    ]);
    expect(scopeOf(first, '\\')).toContain(`punctuation.separator.continuation.line${S}`);
    expect(scopeOf(second, '--hash')).toContain(`meta.requirement${S}`);
    expect(scopeOf(second, 'sha256')).toContain(`storage.type.hash-algorithm${S}`);
    expect(scopeOf(third, 'python_version')).toContain(`variable.language.marker${S}`);
    expect(scopeOf(third, 'python_version')).toContain(`meta.requirement${S}`);
  });

  it('ends a requirement at the line end without a continuation', async () => {
    const [, second] = await tokenizeLines(['numpy>=1.26', 'python_version']);
    expect(scopeOf(second, 'python_version')).toContain(`entity.name.package${S}`);
    expect(scopeOf(second, 'python_version')).not.toContain(`meta.marker${S}`);
  });
});
