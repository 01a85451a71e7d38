/**
 * Timing of the response panel from inside its webview frame, for the panel benchmark.
 *
 * `installPanelProbe(frame)` puts a probe into the webview's document (through the DevTools
 * protocol, so the page's CSP does not apply to it; the panel's own code is untouched). For every
 * `show` message it notes when the record arrived (a capture listener on window runs before the
 * panel's own listener), then watches the body with a MutationObserver and a frame loop:
 * - first paint: the end of the first frame whose body tab holds any body text (notices, such
 *   as "cut at the size limit", do not count);
 * - complete: the end of the frame after the body's last change, once nothing changed for
 *   `quietMs`;
 * - the longest gap between two frames after first paint (a cross-check of the longest task,
 *   which rendererTasks.mjs reads from a trace: 'longtask' and 'long-animation-frame' observers
 *   in the webview frame saw none of the tasks, even of a second, that the trace shows).
 * Once complete, it also counts the characters of text the body tab shows.
 * "The end of a frame" is a message posted from requestAnimationFrame: it runs once that frame's
 * style, layout and paint are done.
 */

import { sleep } from './waiting.mjs';

const SYNC_MARK_PREFIX = 'panel-bench:arrival:';

/** The User Timing mark the probe makes in the webview when record `id` arrives. */
export function syncMarkName(id) {
  return `${SYNC_MARK_PREFIX}${id}`;
}

/** Installs the probe, once per webview document. */
export async function installPanelProbe(frame, { quietMs = 2_000 } = {}) {
  return frame.evaluate(
    ({ quiet, markPrefix }) => {
      if (window.__panelProbe !== undefined) {
        return;
      }
      const probe = { runs: [] };
      window.__panelProbe = probe;

      const afterPaint = (callback) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => callback(performance.now());
        channel.port2.postMessage(0);
      };

      /** True when the body tab of record `id` shows a character of body text. */
      const bodyShown = (id) => {
        const content = document.querySelector(
          `.record[data-id="${CSS.escape(id)}"] [data-tab-content="body"]`,
        );
        if (content === null) {
          return false;
        }
        const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          if (node.data.trim() !== '' && node.parentElement?.closest('.notice, .panel-notice') == null) {
            return true;
          }
        }
        return false;
      };

      window.addEventListener(
        'message',
        (event) => {
          const record = event.data?.type === 'show' ? event.data.record : undefined;
          if (record === undefined || probe.runs.some((run) => run.id === record.id)) {
            return;
          }
          const body = record.body ?? {};
          const run = {
            id: record.id,
            arrival: performance.now(),
            body: {
              chars: (body.text ?? body.base64 ?? '').length,
              size: body.size ?? 0,
              truncated: body.truncated === true,
            },
            firstPaint: null,
            complete: null,
            lastChange: performance.now(),
            longestFrameGap: 0,
            done: false,
          };
          probe.runs.push(run);
          // Ties a trace of the renderer (rendererTasks.mjs) to this frame's clock.
          run.sync = performance.now();
          performance.mark(`${markPrefix}${record.id}`);
          let changed = true;
          const observer = new MutationObserver(() => {
            changed = true;
            run.lastChange = performance.now();
          });
          observer.observe(document.getElementById('root'), {
            childList: true,
            subtree: true,
            characterData: true,
          });
          let previousFrame = performance.now();
          const tick = (now) => {
            if (run.firstPaint !== null) {
              run.longestFrameGap = Math.max(run.longestFrameGap, now - previousFrame);
            }
            previousFrame = now;
            if (changed) {
              changed = false;
              afterPaint((time) => {
                run.complete = time;
              });
            }
            if (run.firstPaint === null && run.firstPaintPending !== true && bodyShown(run.id)) {
              run.firstPaintPending = true;
              afterPaint((time) => {
                run.firstPaint = time;
              });
            }
            if (run.firstPaint !== null && !changed && performance.now() - run.lastChange > quiet) {
              observer.disconnect();
              run.shownChars = document.querySelector(
                `.record[data-id="${CSS.escape(run.id)}"] [data-tab-content="body"]`,
              )?.textContent.length;
              run.done = true;
              return;
            }
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        },
        { capture: true },
      );
    },
    { quiet: quietMs, markPrefix: SYNC_MARK_PREFIX },
  );
}

/**
 * Waits until the probe saw record `id` rendered completely, or `timeoutMs` passed; returns its
 * figures in ms from the record's arrival (`firstPaint` and `complete` null when not reached).
 */
export async function panelTiming(frame, id, { timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const timing = await frame.evaluate((wanted) => {
      const probe = window.__panelProbe;
      const found = probe?.runs.find((candidate) => candidate.id === wanted);
      if (found === undefined) {
        return undefined;
      }
      const end = found.done ? found.complete : performance.now();
      const since = (time) => (time === null ? null : time - found.arrival);
      return {
        done: found.done,
        body: found.body,
        firstPaint: since(found.firstPaint),
        complete: found.done ? since(found.complete) : null,
        longestFrameGap: found.longestFrameGap,
        shownChars: found.shownChars ?? null,
        at: { arrival: found.arrival, firstPaint: found.firstPaint, complete: end, sync: found.sync },
      };
    }, id);
    if (timing?.done === true || (Date.now() > deadline && timing !== undefined)) {
      return timing;
    }
    if (Date.now() > deadline) {
      throw new Error(`the panel probe never saw record ${id} arrive`);
    }
    await sleep(500);
  }
}
