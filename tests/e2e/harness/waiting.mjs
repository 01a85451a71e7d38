/**
 * Bounded waiting for the UI: poll a condition until it holds or a deadline passes, and say
 * what was awaited (and the last error) when it does not.
 */

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `attempt` until it returns something other than undefined, or throws after `timeoutMs`. */
export async function eventually(what, attempt, { timeoutMs = 30_000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const result = await attempt();
      if (result !== undefined && result !== false) {
        return result;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError !== undefined ? `: ${lastError.message.split('\n')[0]}` : '';
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${cause}`);
    }
    await sleep(intervalMs);
  }
}
