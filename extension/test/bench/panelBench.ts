/**
 * Prints how long the response panel's pure steps take in Node on large and odd JSON bodies (no
 * assertions: figures only): the whole stream, and its longest single step, which bounds how far
 * one of the webview's time slices can run over its budget. Run with `make ext-bench`; the
 * figures from a real VS Code come from `make bench` (bench/panel_bench.mjs).
 */

import { performance } from 'node:perf_hooks';

import { DEFAULT_BODY_OPTIONS, renderBody, type BodyOptions } from '../../src/webview/bodyView';
import { prettyJson } from '../../src/webview/jsonPrinter';
import type { RecordBody } from '../../src/protocol';
import { toDom } from '../../src/webview/vnode';
import { fakeDocument } from '../fakeDom';
import { textBody } from '../fixtures';

function jsonOfSize(bytes: number): string {
  const items: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const item = JSON.stringify({
      id: i,
      name: `item ${i}`,
      tags: ['a', 'b'],
      price: i * 1.5,
      ok: i % 2 === 0,
      note: null,
    });
    items.push(item);
    size += item.length + 1;
  }
  return `{"items":[${items.join(',')}]}`;
}

function row(label: string, figures: string): void {
  console.log(`  ${label.padEnd(50)} ${figures}`);
}

function timeOnce(label: string, run: () => unknown): void {
  const started = performance.now();
  run();
  row(label, `${(performance.now() - started).toFixed(0).padStart(6)} ms`);
}

/** Runs a body's view to the end (into a stand-in DOM), timing every step of its stream. */
function timeStream(label: string, body: RecordBody, options: BodyOptions = DEFAULT_BODY_OPTIONS): void {
  const started = performance.now();
  const view = renderBody(body, options);
  toDom(view.node, fakeDocument);
  let longest = 0;
  let steps = 0;
  for (;;) {
    const stepStarted = performance.now();
    const ops = view.stream?.next();
    if (ops === undefined) {
      break;
    }
    for (const op of ops) {
      if (op.kind === 'append' || op.kind === 'enter') {
        toDom(op.node, fakeDocument);
      }
    }
    longest = Math.max(longest, performance.now() - stepStarted);
    steps += 1;
  }
  const total = performance.now() - started;
  row(label, `${total.toFixed(0).padStart(6)} ms in all, ${steps} steps, longest ${longest.toFixed(1)} ms`);
}

const megabyte = 1024 * 1024;
const oneMb = jsonOfSize(megabyte);
const fiveMb = jsonOfSize(5 * megabyte);
const colourLimit = jsonOfSize(DEFAULT_BODY_OPTIONS.colourChars - 1024);
const deep = '['.repeat(10_000) + ']'.repeat(10_000);
const flat = `[${'0,'.repeat(999_999)}0]`;

console.log('response panel in Node (stand-in DOM; figures only)');
timeOnce('prettyJson, 5 MB, in one go', () => prettyJson(fiveMb));
timeStream('JSON tree, just under the colour limit (255 KB)', textBody(colourLimit, 'application/json'));
timeStream('pretty JSON text, 1 MB', textBody(oneMb, 'application/json'));
timeStream(
  'pretty JSON text, 5 MB cut at the size limit',
  textBody(fiveMb.slice(0, 5 * megabyte - 7), 'application/json', { truncated: true, size: 50 * megabyte }),
);
timeStream('JSON tree, 10,000 deep (20 KB)', textBody(deep, 'application/json'));
timeStream('pretty JSON text, a million-item array (2 MB)', textBody(flat, 'application/json'));
