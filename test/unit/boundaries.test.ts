/** The layer rules of the architecture are enforced by ESLint; prove the rule bites. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.filter((m) => m.ruleId?.startsWith('no-restricted')).map((m) => m.message);
}

describe('layer import boundaries', () => {
  it('core may not import node:*, vscode or the registry', async () => {
    expect(await importErrors('server/src/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await importErrors('server/src/core/x.ts', "import * as vscode from 'vscode';\nexport const a = vscode;\n")).toHaveLength(1);
    expect(await importErrors('server/src/core/x.ts', "import { a } from '../registry/client';\nexport const b = a;\n")).toHaveLength(1);
    expect(await importErrors('server/src/core/x.ts', 'export const t = Date.now();\n')).toHaveLength(1);
  });

  it('core may import itself and pure libraries', async () => {
    expect(await importErrors('server/src/core/x.ts', "import { normalizeName } from './names';\nimport { parse } from 'smol-toml';\nexport const a = [normalizeName, parse];\n")).toEqual([]);
  });

  it('the client may import only protocol.ts of the server', async () => {
    expect(await importErrors('client/src/x.ts', "import { analyzeDocument } from '../../server/src/core/analyze';\nexport const a = analyzeDocument;\n")).toHaveLength(1);
    expect(await importErrors('client/src/x.ts', "import * as protocol from '../../server/src/protocol';\nexport const a = protocol;\n")).toEqual([]);
  });

  it('env may not import the registry, lsp may not import the client', async () => {
    expect(await importErrors('server/src/env/x.ts', "import { a } from '../registry/client';\nexport const b = a;\n")).toHaveLength(1);
    expect(await importErrors('server/src/lsp/x.ts', "import { a } from '../../../client/src/extension';\nexport const b = a;\n")).toHaveLength(1);
  });
});
