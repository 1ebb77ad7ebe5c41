/**
 * A big project page is parsed in steps, with pauses for the event loop between them: the language
 * server answers other requests while a page of tens of thousands of files is read. The pauses are
 * counted (through node:timers/promises), not timed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const pauses = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:timers/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:timers/promises')>();
  return {
    ...original,
    setImmediate: (...args: Parameters<typeof original.setImmediate>) => {
      pauses.count++;
      return original.setImmediate(...args);
    },
  };
});

const { simpleJsonSteps } = await import('../../../server/src/core/indexes');
const { runStepsYielding } = await import('../../../server/src/registry/page-steps');
const { createHarness } = await import('./helpers');
type Harness = Awaited<ReturnType<typeof createHarness>>;

const RELEASES = 15_000;

function bigProject() {
  return {
    name: 'huge-project',
    index: 'pypi',
    releases: Array.from({ length: RELEASES }, (_, index) => ({
      version: `${1 + Math.floor(index / 1000)}.${index % 1000}.0`,
      requiresPython: '>=3.9',
      files: ['py3-none-any', 'sdist'],
    })),
  };
}

function page(files: number): string {
  const entries = Array.from({ length: files }, (_, index) => JSON.stringify({ filename: `demo-1.${index}.0.tar.gz`, url: `https://files.example/demo-1.${index}.0.tar.gz`, hashes: {} }));
  return `{"meta":{"api-version":"1.1"},"name":"demo","files":[${entries.join(',')}]}`;
}

describe('parsing in steps', () => {
  it('pauses between steps and gives the same page as the one-call parse', async () => {
    const text = page(10_000);
    let ticks = 0;
    let done = false;
    const tick = () => {
      ticks++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const result = await runStepsYielding(simpleJsonSteps(text, 'https://index.example/simple/demo/', 'demo'), 0);
    done = true;
    expect(result.value!.releases).toHaveLength(10_000);
    // 10,000 files and 10,000 releases in steps of 2,000: the loop turned at least 9 times meanwhile.
    expect(ticks).toBeGreaterThanOrEqual(9);
  });
});

describe('the index client on a page of 30,000 files', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ extraProjects: [bigProject()] });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('reads it with pauses for the event loop', async () => {
    const client = harness.client();
    const before = pauses.count;
    const result = await client.getProject({ url: harness.server.indexes.pypi }, 'huge-project');
    expect(result.ok && result.project.releases.length).toBe(RELEASES);
    // Before: one synchronous parse, no pause at all.
    expect(pauses.count - before).toBeGreaterThan(0);
  });
});
