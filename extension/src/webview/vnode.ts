/**
 * A tiny element tree for the response panel, so that response content only ever becomes text.
 *
 * The webview turns a tree into DOM with `createElement`/`createTextNode` (`toDom`); the tests
 * turn the same tree into escaped HTML (`toHtml`). There is no way to attach an event handler or
 * raw markup: attributes are limited to an allow-list, and text is always a text node.
 */

export type VNode = VElement | VText;

export interface VElement {
  kind: 'element';
  tag: string;
  attrs: Readonly<Record<string, string>>;
  children: readonly VNode[];
}

export interface VText {
  kind: 'text';
  text: string;
}

export type Child = VNode | string | null | undefined | false;

const TAGS = new Set([
  'div',
  'span',
  'pre',
  'code',
  'button',
  'img',
  'section',
  'header',
  'ul',
  'li',
  'ol',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'strong',
  'em',
  'p',
  'h2',
  'h3',
  'details',
  'summary',
  'nav',
  'a',
  'small',
  'dl',
  'dt',
  'dd',
]);

const ATTRIBUTE = /^(class|title|role|tabindex|type|alt|hidden|src|aria-[a-z-]+|data-[a-z-]+)$/;

/** Image sources are limited to base64 data URLs of image types (CSP allows `img-src data:`). */
const IMAGE_SOURCE = /^data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]*$/i;

const checkedAttributes = new Map<string, boolean>();

function allowedAttribute(name: string): boolean {
  let allowed = checkedAttributes.get(name);
  if (allowed === undefined) {
    allowed = ATTRIBUTE.test(name);
    checkedAttributes.set(name, allowed);
  }
  return allowed;
}

export function text(value: string): VText {
  return { kind: 'text', text: value };
}

export function h(
  tag: string,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): VElement {
  if (!TAGS.has(tag)) {
    throw new Error(`vnode: the tag <${tag}> is not allowed`);
  }
  const kept: Record<string, string> = {};
  for (const name in attrs) {
    const value = attrs[name];
    if (value === undefined) {
      continue;
    }
    if (!allowedAttribute(name)) {
      throw new Error(`vnode: the attribute "${name}" is not allowed`);
    }
    if (name === 'src' && !(tag === 'img' && IMAGE_SOURCE.test(value))) {
      throw new Error('vnode: src must be a base64 image data URL on <img>');
    }
    kept[name] = value;
  }
  const kids: VNode[] = [];
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    kids.push(typeof child === 'string' ? text(child) : child);
  }
  return { kind: 'element', tag, attrs: kept, children: kids };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const VOID_TAGS = new Set(['img']);

export function toHtml(node: VNode): string {
  if (node.kind === 'text') {
    return escapeHtml(node.text);
  }
  const attrs = Object.entries(node.attrs)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  if (VOID_TAGS.has(node.tag)) {
    return `<${node.tag}${attrs}>`;
  }
  return `<${node.tag}${attrs}>${node.children.map(toHtml).join('')}</${node.tag}>`;
}

/** The slice of the DOM `toDom` needs; the browser's `document` fits it. */
export interface DomNodeLike {
  appendChild(child: DomNodeLike): unknown;
}
export interface DomElementLike extends DomNodeLike {
  setAttribute(name: string, value: string): void;
}
export interface DomDocumentLike {
  createElement(tag: string): DomElementLike;
  createTextNode(value: string): DomNodeLike;
}

export function toDom(node: VNode, document: DomDocumentLike): DomNodeLike {
  if (node.kind === 'text') {
    return document.createTextNode(node.text);
  }
  const element = document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    element.setAttribute(name, value);
  }
  for (const child of node.children) {
    element.appendChild(toDom(child, document));
  }
  return element;
}
