import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  escapeHtml,
  h,
  toDom,
  toHtml,
  type DomDocumentLike,
  type DomElementLike,
  type DomNodeLike,
} from '../src/webview/vnode';

/** A DOM stand-in that records what was created; it has no innerHTML, so none can be used. */
class FakeElement implements DomElementLike {
  readonly attributes = new Map<string, string>();
  readonly children: DomNodeLike[] = [];
  constructor(readonly tag: string) {}
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
  appendChild(child: DomNodeLike) {
    this.children.push(child);
  }
}
class FakeText implements DomNodeLike {
  constructor(readonly data: string) {}
  appendChild(): never {
    throw new Error('text nodes have no children');
  }
}
const fakeDocument: DomDocumentLike = {
  createElement: (tag) => new FakeElement(tag),
  createTextNode: (value) => new FakeText(value),
};

describe('vnode', () => {
  it('escapes text and attribute values in HTML', () => {
    const html = toHtml(h('div', { title: '"><img src=x onerror=alert(1)>' }, '<script>alert(1)</script>&'));
    assert.equal(
      html,
      '<div title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(1)&lt;/script&gt;&amp;</div>',
    );
    assert.equal(escapeHtml(`'"<>&`), '&#39;&quot;&lt;&gt;&amp;');
  });

  it('refuses event handler attributes, style, href and unknown tags', () => {
    assert.throws(() => h('div', { onclick: 'x()' }), /attribute "onclick"/);
    assert.throws(() => h('img', { onerror: 'x()' }), /attribute "onerror"/);
    assert.throws(() => h('div', { style: 'color:red' }), /attribute "style"/);
    assert.throws(() => h('a', { href: 'javascript:x()' }), /attribute "href"/);
    assert.throws(() => h('script', {}), /tag <script>/);
    assert.throws(() => h('iframe', {}), /tag <iframe>/);
  });

  it('allows src only as a base64 image data URL on img', () => {
    assert.doesNotThrow(() => h('img', { src: 'data:image/png;base64,iVBORw0KGgo=' }));
    assert.throws(() => h('img', { src: 'https://example.com/x.png' }), /src/);
    assert.throws(() => h('img', { src: 'data:text/html;base64,PHNjcmlwdD4=' }), /src/);
    assert.throws(() => h('div', { src: 'data:image/png;base64,AA==' }), /src/);
  });

  it('turns text into text nodes in the DOM, never markup', () => {
    const node = toDom(h('pre', { class: 'body' }, '<script>alert(1)</script>'), fakeDocument);
    assert.ok(node instanceof FakeElement);
    assert.equal(node.tag, 'pre');
    assert.equal(node.attributes.get('class'), 'body');
    assert.equal(node.children.length, 1);
    const child = node.children[0];
    assert.ok(child instanceof FakeText);
    assert.equal(child.data, '<script>alert(1)</script>');
  });
});
