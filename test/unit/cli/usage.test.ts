import { describe, expect, it } from 'vitest';
import { version } from '../../../package.json';
import { runCapture } from './run-cli-helper';

describe('pipsight usage', () => {
  it('prints the package version', async () => {
    for (const flag of ['--version', '-v']) {
      const result = await runCapture([flag]);
      expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('prints help for the program and for each command', async () => {
    const main = await runCapture(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/Usage: pipsight <command>/);
    for (const command of ['check', 'deps', 'lsp']) {
      const help = await runCapture([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: pipsight ${command}`);
      expect((await runCapture(['help', command])).stdout).toBe(help.stdout);
    }
  });

  it('exits 2 with a message on stderr for usage errors', async () => {
    const cases = [
      [],
      ['frobnicate'],
      ['--bogus'],
      ['check', '--bogus'],
      ['check', '--format', 'xml', 'clean'],
      ['check', 'no-such-dir'],
      ['deps'],
      ['deps', 'clean/missing-requirements.txt'],
      ['deps', 'unsupported.cfg'],
      ['deps', '--kind', 'gemfile', 'unsupported.cfg'],
    ];
    for (const argv of cases) {
      const result = await runCapture(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).not.toBe('');
    }
    const missing = await runCapture(['check', 'no-such-dir']);
    expect(missing.stderr).toContain('no-such-dir: no such file or directory');
    expect(missing.stdout).toBe('');
  });
});
