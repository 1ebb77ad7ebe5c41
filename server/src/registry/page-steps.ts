/**
 * Runs a core parse that comes in steps (core/indexes PageSteps) without blocking the event loop:
 * after each step that ends more than `sliceMs` after the last pause, it waits for the next turn of
 * the loop (setImmediate), so a page of 100,000 files does not hold up the language server's other
 * requests for the whole parse. Small pages finish without a pause.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

export const DEFAULT_SLICE_MS = 10;

export async function runStepsYielding<T>(steps: Generator<void, T, void>, sliceMs = DEFAULT_SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
