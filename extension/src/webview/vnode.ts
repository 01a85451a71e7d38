/**
 * A tiny element tree for the response panel, so that response content only ever becomes text.
 *
 * The webview turns a tree into DOM with `createElement`/`createTextNode` (`toDom`); the tests
 * turn the same tree into escaped HTML (`toHtml`). There is no way to attach an event handler or
 * raw markup: attributes are limited to an allow-list, and text is always a text node.
 *
 * Children are always passed as an array, never spread into arguments (a body can give an element
 * a million children, far more than a call's argument list holds), and both conversions walk the
 * tree with an explicit stack, so no depth of nesting can overflow the call stack.
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
  children: readonly Child[] = [],
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

function openTag(node: VElement): string {
  let attrs = '';
  for (const name in node.attrs) {
    attrs += ` ${name}="${escapeHtml(node.attrs[name] ?? '')}"`;
  }
  return `<${node.tag}${attrs}>`;
}

/** The tree as escaped HTML, built with an explicit stack (any depth, any number of children). */
export function toHtml(node: VNode): string {
  const out: string[] = [];
  // Each entry is a node still to write, or the closing tag of an element already opened.
  const pending: (VNode | string)[] = [node];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next === 'string') {
      out.push(next);
    } else if (next.kind === 'text') {
      out.push(escapeHtml(next.text));
    } else {
      out.push(openTag(next));
      if (!VOID_TAGS.has(next.tag)) {
        pending.push(`</${next.tag}>`);
        for (let index = next.children.length - 1; index >= 0; index--) {
          pending.push(next.children[index] as VNode);
        }
      }
    }
  }
  return out.join('');
}

/** The text the tree shows, as `textContent` would give it. */
export function textContent(node: VNode): string {
  const out: string[] = [];
  const pending: VNode[] = [node];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.kind === 'text') {
      out.push(next.text);
    } else {
      for (let index = next.children.length - 1; index >= 0; index--) {
        pending.push(next.children[index] as VNode);
      }
    }
  }
  return out.join('');
}

/** The slice of the DOM `toDom` needs; the browser's `document` fits it. */
export interface DomNodeLike {
  appendChild(child: DomNodeLike): unknown;
}
export interface DomElementLike extends DomNodeLike {
  setAttribute(name: string, value: string): void;
  /** With no arguments: removes every child. */
  replaceChildren(): void;
}
export interface DomDocumentLike {
  createElement(tag: string): DomElementLike;
  createTextNode(value: string): DomNodeLike;
}

function createNode(node: VNode, document: DomDocumentLike): DomNodeLike {
  if (node.kind === 'text') {
    return document.createTextNode(node.text);
  }
  const element = document.createElement(node.tag);
  for (const name in node.attrs) {
    element.setAttribute(name, node.attrs[name] ?? '');
  }
  return element;
}

/** The tree as DOM nodes (text as text nodes), built with an explicit stack. */
export function toDom(node: VNode, document: DomDocumentLike): DomNodeLike {
  const root = createNode(node, document);
  const pending: [VElement, DomNodeLike][] = node.kind === 'element' ? [[node, root]] : [];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [element, created] = next;
    for (const child of element.children) {
      const made = createNode(child, document);
      created.appendChild(made);
      if (child.kind === 'element' && child.children.length > 0) {
        pending.push([child, made]);
      }
    }
  }
  return root;
}
