import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { escapeHtml, h, textContent, toDom, toHtml, type VElement } from '../src/webview/vnode';
import { fakeDocument, fakeHtml, FakeElement, FakeText } from './fakeDom';

describe('vnode', () => {
  it('escapes text and attribute values in HTML', () => {
    const html = toHtml(
      h('div', { title: '"><img src=x onerror=alert(1)>' }, ['<script>alert(1)</script>&']),
    );
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
    const node = toDom(h('pre', { class: 'body' }, ['<script>alert(1)</script>']), fakeDocument);
    assert.ok(node instanceof FakeElement);
    assert.equal(node.tag, 'pre');
    assert.equal(node.attributes.get('class'), 'body');
    assert.equal(node.children.length, 1);
    const child = node.children[0];
    assert.ok(child instanceof FakeText);
    assert.equal(child.data, '<script>alert(1)</script>');
  });

  it('takes 300,000 children as an array (spread into arguments, about 125,000 overflow)', () => {
    const items = Array.from({ length: 300_000 }, (_, index) => h('li', {}, [String(index % 10)]));
    const list = h('ol', {}, items);
    assert.equal(list.children.length, 300_000);
    const html = toHtml(list);
    assert.ok(html.startsWith('<ol><li>0</li><li>1</li>'));
    assert.equal(html.length, '<ol></ol>'.length + 300_000 * '<li>0</li>'.length);
    const dom = toDom(list, fakeDocument);
    assert.ok(dom instanceof FakeElement);
    assert.equal(dom.children.length, 300_000);
  });

  it('turns trees nested 100,000 deep into HTML, text and DOM without recursion', () => {
    let node: VElement = h('span', {}, ['core']);
    for (let depth = 0; depth < 100_000; depth++) {
      node = h('div', {}, [node]);
    }
    const html = toHtml(node);
    assert.equal(html, `${'<div>'.repeat(100_000)}<span>core</span>${'</div>'.repeat(100_000)}`);
    assert.equal(textContent(node), 'core');
    const dom = toDom(node, fakeDocument);
    assert.ok(dom instanceof FakeElement);
    assert.equal(fakeHtml(dom), html);
  });

  it('keeps children in order, whatever their nesting', () => {
    const tree = h('div', { class: 'a' }, [
      'one',
      h('p', {}, ['two', h('em', {}, ['three'])]),
      null,
      false,
      h('img', { alt: 'x' }),
      'four',
    ]);
    const expected = '<div class="a">one<p>two<em>three</em></p><img alt="x"></img>four</div>';
    const dom = toDom(tree, fakeDocument);
    assert.ok(dom instanceof FakeElement);
    assert.equal(fakeHtml(dom), expected);
    assert.equal(toHtml(tree), expected.replace('</img>', ''));
    assert.equal(textContent(tree), 'onetwothreefour');
  });
});
