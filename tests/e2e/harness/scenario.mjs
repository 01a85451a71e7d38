/**
 * How a scenario runs on a session: the workbench is reset first, and a failure leaves the
 * screenshot and logs of `Session.captureFailure` in the artifacts before it is reported.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

/**
 * A `scenario(name, body)` function for the session `current()` returns (it starts in a
 * `before` hook, so it is read when each scenario runs); `prefix` starts the artifacts' names.
 */
export function scenarioOn(current, { prefix = '', timeout = 240_000 } = {}) {
  return (name, body) =>
    test(name, { timeout }, async () => {
      const session = current();
      assert.ok(session, 'the e2e session did not start (see the error of the before hook)');
      try {
        await session.workbench.reset();
        await body();
      } catch (error) {
        await session.captureFailure(`${prefix}${name}`);
        throw error;
      }
    });
}
