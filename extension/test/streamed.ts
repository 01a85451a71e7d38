/**
 * Runs a body or record view the way the webview does, into the fake DOM: the node first, then
 * every slice of its stream into the element marked `data-stream`, notices collected.
 */

import { StreamBuilder, type BuildOp, type ViewStream } from '../src/webview/viewStream';
import { toDom, type VElement } from '../src/webview/vnode';
import { fakeDocument, fakeHtml, FakeElement, fakeText } from './fakeDom';

export interface Streamed {
  root: FakeElement;
  html: string;
  /** The text of the element the stream filled (all of the page when there is no stream). */
  text: string;
  /** Notices the stream gave when it started over. */
  notices: string[];
  slices: number;
}

/** The first element (depth first) with the attribute `name`. */
export function findElement(root: FakeElement, name: string): FakeElement | undefined {
  const pending: FakeElement[] = [root];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.attributes.has(name)) {
      return next;
    }
    for (let index = next.children.length - 1; index >= 0; index--) {
      const child = next.children[index];
      if (child instanceof FakeElement) {
        pending.push(child);
      }
    }
  }
  return undefined;
}

export function streamed(view: { node: VElement; stream?: ViewStream }): Streamed {
  const root = toDom(view.node, fakeDocument);
  if (!(root instanceof FakeElement)) {
    throw new Error('a view is an element');
  }
  const target = findElement(root, 'data-stream');
  const notices: string[] = [];
  let slices = 0;
  if (view.stream !== undefined) {
    if (target === undefined) {
      throw new Error('a view with a stream has an element marked data-stream');
    }
    const builder = new StreamBuilder(target, fakeDocument, (notice) => notices.push(notice));
    for (let ops = view.stream.next(); ops !== undefined; ops = view.stream.next()) {
      builder.apply(ops);
      slices += 1;
    }
  }
  return { root, html: fakeHtml(root), text: fakeText(target ?? root), notices, slices };
}

/** Every operation a stream hands out, without building anything. */
export function eachOp(stream: ViewStream, visit: (op: BuildOp) => void): number {
  let slices = 0;
  for (let ops = stream.next(); ops !== undefined; ops = stream.next()) {
    slices += 1;
    for (const op of ops) {
      visit(op);
    }
  }
  return slices;
}
