// Poll a condition until it holds or a deadline passes: the e2e tests never sleep a fixed time.
'use strict';

/**
 * Calls `probe` every `intervalMs` until it returns a truthy value (returned) or `timeoutMs`
 * passes (throws, with the last value or error in the message so a failure says what was seen).
 */
async function waitFor(description, probe, { timeoutMs = 30000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description} (last: ${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

module.exports = { waitFor };
