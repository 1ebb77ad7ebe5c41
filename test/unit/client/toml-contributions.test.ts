import { describe, expect, it } from 'vitest';
import { otherExtensionHighlightsToml } from '../../../client/src/toml-contributions';

const OWN = { id: 'pipsight.pipsight', packageJSON: { contributes: { languages: [{ id: 'toml', filenames: ['pyproject.toml'] }] } } };

describe('otherExtensionHighlightsToml', () => {
  it('ignores our own `toml` language and extensions without TOML', () => {
    const python = { id: 'ms-python.python', packageJSON: { contributes: { languages: [{ id: 'python' }], grammars: [{ language: 'pip-requirements' }] } } };
    expect(otherExtensionHighlightsToml('Pipsight.pipsight', [OWN, python, { id: 'x.broken', packageJSON: undefined }])).toBe(false);
  });

  it('sees a TOML language or grammar contributed by another extension', () => {
    const language = { id: 'tamasfe.even-better-toml', packageJSON: { contributes: { languages: [{ id: 'toml', extensions: ['.toml'] }] } } };
    const grammar = { id: 'someone.toml-grammar', packageJSON: { contributes: { grammars: [{ language: 'toml', scopeName: 'source.toml' }] } } };
    expect(otherExtensionHighlightsToml('pipsight.pipsight', [OWN, language])).toBe(true);
    expect(otherExtensionHighlightsToml('pipsight.pipsight', [OWN, grammar])).toBe(true);
  });
});
