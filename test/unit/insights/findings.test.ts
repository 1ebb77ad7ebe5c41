import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../../../server/src/core/insights/edits';
import { insightFindings } from '../../../server/src/core/insights/findings';
import type { Finding, FixData } from '../../../server/src/core/model';
import { parseDocument } from '../../../server/src/core/parse';
import { collectInsights, createInsightsContext } from '../../../server/src/registry/insights';
import { createHarness, type Harness } from '../registry/helpers';

const APP = join(__dirname, '../../fixtures/insights/app/pyproject.toml');

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterEach(() => {
  harness.server.clearFaults();
  harness.server.clearRequests();
});
afterAll(async () => harness.close());

async function analyse(path: string, text: string, options: { settings?: { url: string; default?: boolean }[]; lockedVersions?: Map<string, string>; outdated?: 'hint' | 'information' | 'off' } = {}) {
  const file = parseDocument(path, text)!;
  const { plan } = createInsightsContext({ file, settings: options.settings ?? [{ url: harness.server.indexes.pypi, default: true }] });
  const client = harness.client();
  const insights = await collectInsights(client, plan, file);
  const findings = insightFindings(file, text, insights, { outdated: options.outdated ?? 'hint', lockedVersions: options.lockedVersions });
  return { file, insights, findings, client };
}

function fixesOf(finding: Finding): FixData[] {
  return finding.data === undefined ? [] : Array.isArray(finding.data) ? finding.data : [finding.data];
}

function applyFix(text: string, fix: FixData): string {
  if (fix.fix === 'edits') return applyEdits(text, fix.edits);
  return applyEdits(text, [{ span: fix.span, newText: fix.fix === 'replace' ? fix.newText : '' }]);
}

function summary(findings: Finding[]): string[] {
  return findings.map((finding) => `${finding.code} ${finding.severity} ${finding.package}`);
}

describe('insight findings against the local index server', () => {
  const text = readFileSync(APP, 'utf8');

  it('finds one problem of each kind in the fixture, in document order', async () => {
    const { findings, insights, file } = await analyse(APP, text);
    expect(summary(findings)).toEqual([
      'yanked-version warning requests',
      'unknown-package warning pytorch',
      'requires-python-mismatch warning numpy',
      'outdated hint flask',
      'no-matching-version error pandas',
    ]);
    const local = file.requirements.find((requirement) => requirement.normalizedName === 'local-tool')!;
    expect(insights.get(local)?.status).toBe('skipped');
    const django = insights.get(file.requirements.find((requirement) => requirement.normalizedName === 'django')!)!;
    expect(django).toMatchObject({ status: 'found', latestStable: { version: '5.1.3' }, latestPrerelease: { version: '5.2a1' }, newestForPython: { version: '4.2.17' }, newestSatisfying: { version: '5.1.3' } });
    expect(django.answeredBy?.url).toBe(harness.server.indexes.pypi);
  });

  it('yanked-version gives the reason and updates to the newest release', async () => {
    const { findings } = await analyse(APP, text, { lockedVersions: new Map([['requests', '2.31.0']]) });
    const yanked = findings.find((finding) => finding.code === 'yanked-version')!;
    expect(yanked.message).toContain('2.32.0 was yanked');
    expect(yanked.message).toContain('CVE-2024-35195');
    const fixes = fixesOf(yanked);
    expect(fixes.map((fix) => fix.title)).toEqual(['Update requests to ==2.32.3', 'Pin requests to 2.31.0 (the locked version)']);
    expect(applyFix(text, fixes[0])).toContain('"requests==2.32.3",        # yanked on the index');
  });

  it('unknown-package suggests the real project name, verified on the index', async () => {
    const { findings } = await analyse(APP, text);
    const unknown = findings.find((finding) => finding.code === 'unknown-package')!;
    expect(unknown.message).toMatch(/Did you mean "torch"\?/);
    const [fix] = fixesOf(unknown);
    expect(applyFix(text, fix)).toContain('"torch>=2",');
  });

  it('unknown-package for a placeholder project of a famous wrong name, even though the index has it', async () => {
    const requirements = 'sklearn==0.0.post12\nflask\n';
    const { findings, insights } = await analyse('/p/requirements.txt', requirements);
    expect([...insights.values()][0]).toMatchObject({ status: 'found', latestStable: { version: '0.0.post12' } });
    expect(summary(findings)).toEqual(['unknown-package warning sklearn']);
    expect(findings[0].message).toBe('sklearn is not the real package: install scikit-learn');
    const [fix] = fixesOf(findings[0]);
    expect(applyFix(requirements, fix)).toBe('scikit-learn\nflask\n');
  });

  it('no-matching-version names the nearest releases', async () => {
    const { findings } = await analyse(APP, text);
    const none = findings.find((finding) => finding.code === 'no-matching-version')!;
    expect(none.message).toContain('Nearest: 2.2.3.');
    expect(applyFix(text, fixesOf(none)[0])).toContain('"pandas==2.2.3",');
  });

  it('requires-python-mismatch offers the newest release that supports the project', async () => {
    const { findings } = await analyse(APP, text);
    const mismatch = findings.find((finding) => finding.code === 'requires-python-mismatch')!;
    expect(mismatch.message).toContain('supports Python 3.9');
    expect(mismatch.message).toContain('The newest release that does is 2.0.2');
    expect(applyFix(text, fixesOf(mismatch)[0])).toContain('"numpy==2.0.2",');
  });

  describe('requires-python-mismatch and the newest for Python honour the requirement marker', () => {
    const project = (dependencies: string[]) => `[project]\nname = "m"\nversion = "1"\nrequires-python = ">=3.9"\ndependencies = [\n${dependencies.map((line) => `  '${line}',`).join('\n')}\n]\n`;

    it('a marker that excludes the old Pythons is not a mismatch', async () => {
      const { findings, insights } = await analyse('/p/pyproject.toml', project(['django>=5.0 ; python_version >= "3.10"', 'numpy==2.2.6 ; python_full_version >= "3.10.1"']));
      expect(summary(findings)).toEqual([]);
      const [django] = insights.values();
      expect(django.newestForPython?.version).toBe('5.1.3');
    });

    it('a marker that holds on no allowed Python is not checked', async () => {
      const { findings } = await analyse('/p/pyproject.toml', project(['django>=5.0 ; python_version < "3.8"']));
      expect(summary(findings)).toEqual([]);
    });

    it('outdated aims at the newest release for the lowest Python the marker allows', async () => {
      const marked = await analyse('/p/pyproject.toml', project(['django>=4.2,<5 ; python_version >= "3.10"']));
      expect(summary(marked.findings)).toEqual(['outdated hint django']);
      expect(marked.findings[0].message).toBe('django 5.1.3 is available for Python 3.10; >=4.2,<5 does not allow it.');
      // Without the marker 4.2.17 is the newest for Python 3.9, and the specifier allows it.
      expect(summary((await analyse('/p/pyproject.toml', project(['django>=4.2,<5']))).findings)).toEqual([]);
    });

    it('names the newest stable allowed release and never offers a downgrade as an update', async () => {
      const text = project(['django>=5.0']);
      const { findings } = await analyse('/p/pyproject.toml', text);
      expect(summary(findings)).toEqual(['requires-python-mismatch warning django']);
      expect(findings[0].message).toContain(': 5.1.3 requires Python >=3.10.');
      expect(findings[0].message).not.toContain('5.2a1');
      const fixes = fixesOf(findings[0]);
      expect(fixes.map((fix) => fix.title)).toEqual(['Pin django to 4.2.17 (downgrade: the newest release supporting Python 3.9)']);
      expect(applyFix(text, fixes[0])).toContain("'django==4.2.17',");
    });
  });

  it('outdated: severity per option, keep-style, exact, locked and update-all fixes', async () => {
    const requirements = 'flask>=2.0,<3  # web\ndjango==4.2.16\nnumpy~=1.26.0\nrequests\n';
    const { findings } = await analyse('/p/requirements.txt', requirements, { lockedVersions: new Map([['flask', '2.3.3']]) });
    expect(summary(findings)).toEqual(['outdated hint flask', 'outdated hint django', 'outdated hint numpy']);
    const flaskFixes = fixesOf(findings[0]);
    expect(flaskFixes.map((fix) => fix.title)).toEqual([
      'Update flask to >=3.1.0,<4',
      'Pin flask to 3.1.0',
      'Pin flask to 2.3.3 (the locked version)',
      'Update all 3 outdated requirements in this file',
    ]);
    expect(applyFix(requirements, flaskFixes[3])).toBe('flask>=3.1.0,<4  # web\ndjango==5.1.3\nnumpy~=2.3.4\nrequests\n');
    const information = await analyse('/p/requirements.txt', requirements, { outdated: 'information' });
    expect(information.findings.every((finding) => finding.severity === 'information')).toBe(true);
    expect((await analyse('/p/requirements.txt', requirements, { outdated: 'off' })).findings).toEqual([]);
  });

  it('asks each (index, package) once, however often the package appears', async () => {
    const requirements = 'numpy>=1\nnumpy<3 ; python_version < "3.12"\n-c constraints.txt\nflask\n';
    await analyse('/p/requirements.txt', requirements);
    expect(harness.server.countRequests('/simple/numpy/')).toBe(1);
    expect(harness.server.countRequests('/simple/')).toBe(2);
  });

  it('index-unreachable: once per index per document, at the first requirement using it (5xx)', async () => {
    harness.server.setFault('/simple/', { kind: 'status', status: 503 });
    const requirements = 'flask\nnumpy\nrequests==2.32.0\n';
    const { findings, insights } = await analyse('/p/requirements.txt', requirements);
    expect(summary(findings)).toEqual(['index-unreachable information flask']);
    expect(findings[0].message).toContain(harness.server.indexes.pypi);
    expect([...insights.values()].every((insight) => insight.status === 'unavailable')).toBe(true);
  });

  it('a private index: unreachable without credentials, answers with them, and never shows them', async () => {
    const privateUrl = harness.server.indexes.private;
    const withCredentials = privateUrl.replace('http://', 'http://alice:s3cret@');
    const requirements = (url: string) => `--extra-index-url ${url}\nacme-internal==1.0.0\n`;
    const denied = await analyse('/p/requirements.txt', requirements(privateUrl));
    // Not "unknown": an index that could not answer may have it.
    expect(summary(denied.findings)).toEqual(['index-unreachable information acme-internal']);
    expect(denied.findings[0].message).toContain(privateUrl);
    const allowed = await analyse('/p/requirements.txt', requirements(withCredentials));
    const [insight] = allowed.insights.values();
    expect(insight).toMatchObject({ status: 'found', answeredBy: { url: privateUrl }, latestStable: { version: '1.1.0' } });
    expect(summary(allowed.findings)).toEqual(['outdated hint acme-internal']);
    expect(JSON.stringify([...denied.findings, ...allowed.findings, ...allowed.insights.values()])).not.toContain('s3cret');
  });

  it('reports progress and honours an abort without throwing', async () => {
    const file = parseDocument('/p/requirements.txt', 'flask\nnumpy\ntorch\n')!;
    const { plan } = createInsightsContext({ file, settings: [{ url: harness.server.indexes.pypi, default: true }] });
    const progress: [number, number][] = [];
    const done = await collectInsights(harness.client(), plan, file, { onProgress: (count, total) => progress.push([count, total]) });
    expect(progress).toEqual([[0, 3], [1, 3], [2, 3], [3, 3]]);
    expect([...done.values()].map((insight) => insight.status)).toEqual(['found', 'found', 'found']);

    harness.server.setFault('*', { kind: 'timeout' });
    const controller = new AbortController();
    const pending = collectInsights(harness.client(), plan, file, { signal: controller.signal });
    controller.abort();
    const aborted = await pending;
    expect([...aborted.values()].map((insight) => insight.problem)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('fetches summary and links from core metadata when asked', async () => {
    const file = parseDocument('/p/requirements.txt', 'requests\n')!;
    const { plan } = createInsightsContext({ file, settings: [{ url: harness.server.indexes.pypi, default: true }] });
    const [insight] = (await collectInsights(harness.client(), plan, file, { fetchMetadata: true })).values();
    expect(insight.summary).toEqual(expect.any(String));
    expect(insight.summary!.length).toBeGreaterThan(0);
  });
});
