/**
 * The README's CLI samples are real output: every code block that starts with `$ pipsight …` is run
 * against the repository (examples/) and must print exactly the rest of the block (stdout, or
 * stderr for a usage error). Runs never touch the network: `check` gets --no-index-checks (the
 * helper adds it) and `outdated` --offline.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCapture } from './run-cli-helper';

const REPOSITORY = resolve(__dirname, '../../..');

interface Sample {
  line: number;
  argv: string[];
  output: string;
}

/** `$ pipsight a 'b c' d` → ['a', 'b c', 'd'] (single and double quotes, no escapes). */
function shellWords(text: string): string[] {
  return [...text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]);
}

function readmeSamples(markdown: string): Sample[] {
  const samples: Sample[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (!/^```\w*$/.test(lines[index]) || !lines[index + 1]?.startsWith('$ pipsight ')) continue;
    const end = lines.indexOf('```', index + 1);
    const argv = shellWords(lines[index + 1].slice('$ pipsight '.length));
    samples.push({ line: index + 2, argv, output: lines.slice(index + 2, end).map((line) => `${line}\n`).join('') });
    index = end;
  }
  return samples;
}

const samples = readmeSamples(readFileSync(resolve(REPOSITORY, 'README.md'), 'utf8'));

describe('README command-line samples', () => {
  it('has samples of check, tree and a usage error', () => {
    expect(samples.map((sample) => sample.argv[0])).toEqual(expect.arrayContaining(['check', 'tree', 'chek']));
  });

  it.each(samples.map((sample) => [`README.md:${sample.line} pipsight ${sample.argv.join(' ')}`, sample] as const))('%s', async (_name, sample) => {
    const argv = sample.argv[0] === 'outdated' ? [...sample.argv, '--offline'] : sample.argv;
    const result = await runCapture(argv, { cwd: REPOSITORY, env: { HOME: resolve(REPOSITORY, 'examples') } });
    expect(result.code === 2 ? result.stderr : result.stdout).toBe(sample.output);
  });
});
