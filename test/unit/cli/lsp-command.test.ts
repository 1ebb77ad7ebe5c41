/** `pipsight lsp` as a person or a script starts it (the built CLI): it must not end without a word. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runBuiltCli } from './built-cli';

describe('pipsight lsp', () => {
  beforeAll(() => ensureCliBuilt(), 120_000);

  for (const args of [[], ['--stdio']]) {
    it(`says why it stops when its input ends before a shutdown request (${args.join(' ') || 'no --stdio'})`, async () => {
      // stdin is closed at once: no initialize, no shutdown.
      const result = await runBuiltCli(['lsp', ...args]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('pipsight lsp: the connection ended without a shutdown request (exit status 1)');
      // Nothing but protocol messages on stdout.
      expect(result.stdout).not.toContain('pipsight lsp:');
    }, 30_000);
  }
});
