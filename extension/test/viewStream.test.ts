import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { runInSlices, runSlice, type SliceScheduler } from '../src/webview/slices';
import {
  append,
  enter,
  LEAVE,
  StreamBuilder,
  type BuildOp,
  type ViewStream,
} from '../src/webview/viewStream';
import { h } from '../src/webview/vnode';
import { fakeDocument, fakeHtml, FakeElement } from './fakeDom';

function streamOf(slices: BuildOp[][]): ViewStream {
  let next = 0;
  return { next: () => slices[next++] };
}

describe('stream builder', () => {
  it('appends, enters and leaves elements in document order, across slices', () => {
    const target = new FakeElement('div');
    const builder = new StreamBuilder(target, fakeDocument, () => {});
    builder.apply([
      append(h('p', {}, ['a'])),
      enter(h('section', { class: 's' })),
      append(h('em', {}, ['b'])),
    ]);
    builder.apply([enter(h('ul')), append(h('li', {}, ['c'])), LEAVE, LEAVE, append(h('p', {}, ['d']))]);
    assert.equal(
      fakeHtml(target),
      '<div><p>a</p><section class="s"><em>b</em><ul><li>c</li></ul></section><p>d</p></div>',
    );
  });

  it('starts over on restart: drops what was built, tells the notice, builds at the top again', () => {
    const target = new FakeElement('div');
    const notices: string[] = [];
    const builder = new StreamBuilder(target, fakeDocument, (notice) => notices.push(notice));
    builder.apply([enter(h('ul')), append(h('li', {}, ['x']))]);
    builder.apply([{ kind: 'restart', notice: 'not JSON' }, append(h('pre', {}, ['raw']))]);
    assert.equal(fakeHtml(target), '<div><pre>raw</pre></div>');
    assert.deepEqual(notices, ['not JSON']);
  });

  it('never leaves the target it builds in', () => {
    const target = new FakeElement('div');
    const builder = new StreamBuilder(target, fakeDocument, () => {});
    builder.apply([LEAVE, LEAVE, append(h('p', {}, ['still inside']))]);
    assert.equal(fakeHtml(target), '<div><p>still inside</p></div>');
  });
});

describe('time slices', () => {
  it('runs steps until the budget is spent, at least one, and says whether more remain', () => {
    let clock = 0;
    const applied: number[] = [];
    const stream = streamOf(Array.from({ length: 10 }, (_, i) => [append(h('p', {}, [String(i)]))]));
    const now = (): number => clock;
    const apply = (ops: BuildOp[]): void => {
      applied.push(ops.length);
      clock += 5; // each step takes 5 ms on this clock
    };
    assert.equal(runSlice(stream, apply, 12, now), true);
    assert.equal(applied.length, 3, 'steps at 0, 5 and 10 ms; the budget ends at 12');
    assert.equal(runSlice(stream, apply, 0, now), true);
    assert.equal(applied.length, 4, 'a spent budget still runs one step');
    assert.equal(runSlice(stream, apply, 1000, now), false);
    assert.equal(applied.length, 10);
  });

  it('runs the first slice at once, the rest in later tasks, and can be cancelled', () => {
    const tasks: (() => void)[] = [];
    let clock = 0;
    const scheduler: SliceScheduler = { now: () => (clock += 20), later: (task) => tasks.push(task) };
    const slices = Array.from({ length: 4 }, (_, i) => [append(h('p', {}, [String(i)]))]);
    const steps: number[] = [];
    runInSlices(streamOf(slices), (ops) => steps.push(ops.length), scheduler);
    assert.equal(steps.length, 1, 'one step per slice on this slow clock');
    while (tasks.length > 0) tasks.shift()?.();
    assert.equal(steps.length, 4);

    const cancelledSteps: number[] = [];
    const run = runInSlices(streamOf(slices), (ops) => cancelledSteps.push(ops.length), scheduler);
    run.cancel();
    while (tasks.length > 0) tasks.shift()?.();
    assert.equal(cancelledSteps.length, 1, 'nothing runs after cancel');
  });
});
