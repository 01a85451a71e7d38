/**
 * Runs a view stream into the page in time slices: each task applies the stream's operations
 * until about `SLICE_MS` have passed, then yields to the event loop, so input, scrolling and
 * painting go on between slices and no task of ours runs much past the budget. The clock and the
 * way to yield come from the caller (the webview yields with a MessageChannel message).
 */

import type { BuildOp, ViewStream } from './viewStream';

/** Milliseconds of work per task: well under the 50 ms at which a task counts as long. */
export const SLICE_MS = 12;

export interface SliceScheduler {
  now(): number;
  /** Runs `task` in a later task of the event loop. */
  later(task: () => void): void;
}

/**
 * Applies the stream's operations until `budgetMs` have passed (at least one step). Returns
 * true while the stream has more.
 */
export function runSlice(
  stream: ViewStream,
  apply: (ops: BuildOp[]) => void,
  budgetMs: number,
  now: () => number,
): boolean {
  const deadline = now() + budgetMs;
  do {
    const ops = stream.next();
    if (ops === undefined) {
      return false;
    }
    apply(ops);
  } while (now() < deadline);
  return true;
}

export interface SlicedRun {
  cancel(): void;
}

/** Runs the first slice now (so the next paint shows the start) and the rest in later tasks. */
export function runInSlices(
  stream: ViewStream,
  apply: (ops: BuildOp[]) => void,
  scheduler: SliceScheduler,
): SlicedRun {
  let cancelled = false;
  const slice = (): void => {
    if (!cancelled && runSlice(stream, apply, SLICE_MS, () => scheduler.now())) {
      scheduler.later(slice);
    }
  };
  slice();
  return {
    cancel() {
      cancelled = true;
    },
  };
}
