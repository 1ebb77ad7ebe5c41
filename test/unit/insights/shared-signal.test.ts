import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../../server/src/core/parse';
import { collectInsights, createInsightsContext } from '../../../server/src/registry/insights';
import { createHarness, type Harness } from '../registry/helpers';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(async () => harness.close());

describe('collectInsights with one signal shared by many calls', () => {
  // The editor asks for each requirement of a document separately, all under the document's one
  // job signal: a listener per call passed Node's limit (MaxListenersExceededWarning on stderr).
  it('adds one abort listener to the signal, however many calls wait on it', async () => {
    harness.server.setFault('*', { kind: 'timeout' });
    try {
      const file = parseDocument('/p/requirements.txt', Array.from({ length: 30 }, (_, index) => `package-${index}\n`).join(''))!;
      const { plan } = createInsightsContext({ file, settings: [{ url: harness.server.indexes.pypi, default: true }] });
      const client = harness.client();
      const controller = new AbortController();
      const runs = file.requirements.map((requirement) => collectInsights(client, plan, { ...file, requirements: [requirement] }, { signal: controller.signal }));
      expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
      controller.abort();
      const results = await Promise.all(runs);
      expect(results.flatMap((insights) => [...insights.values()].map((insight) => insight.problem))).toEqual(Array(30).fill('cancelled'));
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    } finally {
      harness.server.clearFaults();
    }
  });

  it('lets a call that finished leave no listener behind', async () => {
    const file = parseDocument('/p/requirements.txt', 'flask\n')!;
    const { plan } = createInsightsContext({ file, settings: [{ url: harness.server.indexes.pypi, default: true }] });
    const controller = new AbortController();
    await collectInsights(harness.client(), plan, file, { signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
