/**
 * A DOM stand-in for the webview code under test: it records what was created and can print it
 * back as HTML or text. It has no innerHTML, so nothing under test can use one.
 */

import {
  escapeHtml,
  type DomDocumentLike,
  type DomElementLike,
  type DomNodeLike,
} from '../src/webview/vnode';

export class FakeText implements DomNodeLike {
  constructor(readonly data: string) {}
  appendChild(): never {
    throw new Error('text nodes have no children');
  }
}

export class FakeElement implements DomElementLike {
  readonly attributes = new Map<string, string>();
  children: (FakeElement | FakeText)[] = [];
  constructor(readonly tag: string) {}
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  appendChild(child: DomNodeLike): void {
    if (!(child instanceof FakeElement || child instanceof FakeText)) {
      throw new Error('only fake nodes can be appended');
    }
    this.children.push(child);
  }
  replaceChildren(): void {
    this.children = [];
  }
}

export const fakeDocument: DomDocumentLike = {
  createElement: (tag) => new FakeElement(tag),
  createTextNode: (value) => new FakeText(value),
};

/** The fake tree as HTML, walked with an explicit stack (the trees under test can be deep). */
export function fakeHtml(node: FakeElement | FakeText): string {
  const out: string[] = [];
  const pending: (FakeElement | FakeText | string)[] = [node];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next === 'string') {
      out.push(next);
    } else if (next instanceof FakeText) {
      out.push(escapeHtml(next.data));
    } else {
      const attrs = [...next.attributes].map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
      out.push(`<${next.tag}${attrs}>`);
      pending.push(`</${next.tag}>`);
      for (let index = next.children.length - 1; index >= 0; index--) {
        pending.push(next.children[index] as FakeElement | FakeText);
      }
    }
  }
  return out.join('');
}

/** The text under `node`, as `textContent` gives it. */
export function fakeText(node: FakeElement | FakeText): string {
  const out: string[] = [];
  const pending: (FakeElement | FakeText)[] = [node];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next instanceof FakeText) {
      out.push(next.data);
    } else {
      for (let index = next.children.length - 1; index >= 0; index--) {
        pending.push(next.children[index] as FakeElement | FakeText);
      }
    }
  }
  return out.join('');
}
