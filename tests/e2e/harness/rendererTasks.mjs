/**
 * The tasks a webview's renderer thread ran, from a Chromium trace recorded over the DevTools
 * protocol (Tracing domain, categories `toplevel` and `blink.user_timing`).
 *
 * Inside the webview, 'longtask' and 'long-animation-frame' observers miss most of the work
 * (code-server's webview frames share the workbench's renderer thread, and the entries go to the
 * frame that ran the script, or the top frame); the trace sees every task of that thread, its
 * style, layout and paint included. The thread is found by a User Timing mark the caller makes in
 * the webview (`syncMark`), which also ties the trace's clock to the webview's `performance.now()`.
 */

const CATEGORIES = ['toplevel', 'blink.user_timing'];
/** With `detail`, also what ran inside each task (scripts, GC, style, layout, paint): heavier. */
const DETAIL_CATEGORIES = ['devtools.timeline', 'v8.execute', 'v8'];
const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/**
 * Starts a trace of the whole browser into a ring buffer (the newest events win, so the render
 * at the end of a long send is kept); `stop()` ends it and resolves with its events.
 */
export async function startRendererTrace(page, { detail = false } = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: detail ? [...CATEGORIES, ...DETAIL_CATEGORIES] : CATEGORIES,
      recordMode: 'recordContinuously',
    },
    bufferUsageReportingInterval: 0,
    transferMode: 'ReturnAsStream',
  });
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      const { stream } = await complete;
      const parts = [];
      for (;;) {
        const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
        parts.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
        if (eof) {
          break;
        }
      }
      await cdp.send('IO.close', { handle: stream });
      await cdp.detach();
      const parsed = JSON.parse(parts.join(''));
      return Array.isArray(parsed) ? parsed : parsed.traceEvents;
    },
  };
}

/**
 * The tasks of the thread that made the User Timing mark `syncMark` (at `syncTime`, in that
 * frame's `performance.now()` milliseconds), as `{ start, duration, inside }` in the same
 * milliseconds; `inside` lists the events over 5 ms within the task (from a `detail` trace).
 * Undefined when the mark is not in the trace.
 */
export function rendererTasks(events, syncMark, syncTime) {
  const mark = events.find((event) => event.name === syncMark && event.cat.includes('blink.user_timing'));
  if (mark === undefined) {
    return undefined;
  }
  const offset = mark.ts / 1000 - syncTime;
  const thread = events.filter(
    (event) =>
      event.ph === 'X' && event.pid === mark.pid && event.tid === mark.tid && event.dur !== undefined,
  );
  return thread
    .filter((event) => TASK_NAMES.has(event.name))
    .map((task) => ({
      start: task.ts / 1000 - offset,
      duration: task.dur / 1000,
      inside: () =>
        thread
          .filter(
            (event) =>
              event !== task && event.ts >= task.ts && event.ts < task.ts + task.dur && event.dur > 5_000,
          )
          .map((event) => `${event.name} ${Math.round(event.dur / 1000)} ms`),
    }));
}
