/**
 * Prints how long the response panel's pure steps take on large JSON bodies (no assertions:
 * figures only). Run with `make ext-bench`.
 */

import { performance } from 'node:perf_hooks';

import { DEFAULT_BODY_OPTIONS, renderBody } from '../../src/webview/bodyView';
import { prettyJson } from '../../src/webview/jsonFormat';
import { prettyJsonChunks } from '../../src/webview/textStream';
import { toHtml } from '../../src/webview/vnode';
import { textBody } from '../fixtures';

function jsonOfSize(bytes: number): string {
  const items: object[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const item = { id: i, name: `item ${i}`, tags: ['a', 'b'], price: i * 1.5, ok: i % 2 === 0, note: null };
    items.push(item);
    size += JSON.stringify(item).length + 1;
  }
  return JSON.stringify({ items });
}

function time(label: string, run: () => unknown, repeat = 5): void {
  run();
  const started = performance.now();
  for (let i = 0; i < repeat; i++) {
    run();
  }
  console.log(`${label.padEnd(52)} ${((performance.now() - started) / repeat).toFixed(1).padStart(8)} ms`);
}

const fiveMb = jsonOfSize(5 * 1024 * 1024);
const colourLimit = jsonOfSize(DEFAULT_BODY_OPTIONS.colourChars - 1024);
console.log(
  `bodies: ${(fiveMb.length / 1048576).toFixed(2)} MB and ${(colourLimit.length / 1024).toFixed(0)} KB of minified JSON`,
);
time('prettyJson, 5 MB', () => prettyJson(fiveMb));
time('renderBody, 5 MB (plain text, streamed in chunks)', () =>
  renderBody(textBody(fiveMb, 'application/json')),
);
time('renderBody, just under the colour limit (tree)', () =>
  renderBody(textBody(colourLimit, 'application/json')),
);
const tree = renderBody(textBody(colourLimit, 'application/json')).node;
time('toHtml of that tree (stands in for building the DOM)', () => toHtml(tree));
const stream = prettyJsonChunks(fiveMb);
time('one slice of the 5 MB pretty-print stream (per frame)', () => stream.next(), 20);
