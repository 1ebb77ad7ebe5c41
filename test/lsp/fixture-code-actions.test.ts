/**
 * Every code action offered on our own fixture and example files (with made-up index answers, see
 * scripts/fix-audit.ts), applied: none leaves a new parse error or a duplicated requirement.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MapFileSource } from '../../server/src/core/file-source';
import { auditFixes, auditKind, EVERY_ANSWER } from '../../scripts/fix-audit';

const root = join(__dirname, '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

describe('code actions on the fixtures and examples', () => {
  const paths = [...filesUnder(join(root, 'test', 'fixtures')), ...filesUnder(join(root, 'examples'))];
  const texts = new Map(paths.map((path) => [path, readFileSync(path, 'utf8')]));
  const files = new MapFileSource(texts);

  it('every offered action applies cleanly: no new parse error, no duplicate', () => {
    let applied = 0;
    let rejected = 0;
    let audited = 0;
    const failures: string[] = [];
    for (const [path, text] of texts) {
      const kind = auditKind(path, text);
      if (!kind) continue;
      audited += 1;
      // Every requirement with every kind of made-up index answer.
      const audit = auditFixes(path, text, kind, files, EVERY_ANSWER);
      applied += audit.applied;
      rejected += audit.rejected;
      failures.push(...audit.failures.map((failure) => failure.replace(path, relative(root, path))));
    }
    expect(failures).toEqual([]);
    expect(audited).toBeGreaterThan(40);
    // Updates, pins, pins to the locked version, renames, removals and update-all were all tried,
    // and the check refused some (renames to a name the file already has).
    expect(applied).toBeGreaterThan(1000);
    expect(rejected).toBeGreaterThan(0);
  }, 120_000);
});
