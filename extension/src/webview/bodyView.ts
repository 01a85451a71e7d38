/**
 * How a response (or request) body is shown: coloured, foldable JSON when it is small enough;
 * XML, HTML and other text as escaped source; images from base64; anything large as plain text
 * that the webview streams into the page in chunks (`BodyView.stream`).
 */

import type { RecordBody } from '../protocol';
import { formatBytes } from '../panel/format';
import { parseJsonTree, type JsonContainer, type JsonTree } from './jsonFormat';
import { prettyJsonChunks, textChunks, type TextStream } from './textStream';
import { h, type Child, type VElement, type VNode } from './vnode';

export type BodyKind = 'empty' | 'json' | 'xml' | 'html' | 'image' | 'text' | 'binary';

export interface BodyView {
  node: VElement;
  /** Slices to append, one per frame, to the element marked `data-stream` inside `node`. */
  stream?: TextStream;
}

export interface BodyOptions {
  /** Longest text (in characters) that is coloured; longer bodies are plain text. */
  colourChars: number;
  /** Deepest JSON nesting that is shown as a foldable tree. */
  maxFoldDepth: number;
}

export const DEFAULT_BODY_OPTIONS: BodyOptions = { colourChars: 256 * 1024, maxFoldDepth: 100 };

/** Text longer than this is streamed rather than put in the tree at once. */
const STREAM_CHARS = 64 * 1024;
const HEX_PREVIEW_BYTES = 256;

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

export function bodyKind(body: RecordBody | null): BodyKind {
  if (body === null || (body.text ?? body.base64 ?? '') === '') {
    return 'empty';
  }
  const type = mediaType(body.contentType);
  if (body.text === null) {
    return /^image\/[a-z0-9.+-]+$/.test(type) ? 'image' : 'binary';
  }
  const start = body.text.trimStart().slice(0, 64).toLowerCase();
  if (type === 'application/json' || type.endsWith('+json') || type === 'text/json') {
    return 'json';
  }
  if (type === 'text/html' || start.startsWith('<!doctype html') || start.startsWith('<html')) {
    return 'html';
  }
  if (type.endsWith('/xml') || type.endsWith('+xml') || start.startsWith('<?xml')) {
    return 'xml';
  }
  if (start.startsWith('{') || start.startsWith('[')) {
    return 'json';
  }
  return 'text';
}

function plainText(text: string, className: string): BodyView {
  if (text.length > STREAM_CHARS) {
    return {
      node: h('pre', { class: `body ${className}`, 'data-stream': 'body' }),
      stream: textChunks(text),
    };
  }
  return { node: h('pre', { class: `body ${className}` }, [text]) };
}

function scalarClass(tree: JsonTree): string {
  if (tree.kind === 'container') {
    return 'jp';
  }
  if (tree.type === 'string') {
    return 'js';
  }
  if (tree.type === 'number') {
    return 'jn';
  }
  return tree.raw === 'null' ? 'jz' : 'jb';
}

function entryLine(entry: { key?: string }, value: Child[], comma: boolean, toggle?: VElement): VElement {
  return h('div', { class: 'jl' }, [
    toggle,
    entry.key !== undefined ? h('span', { class: 'jk' }, [entry.key]) : null,
    entry.key !== undefined ? h('span', { class: 'jp' }, [': ']) : null,
    ...value,
    comma ? h('span', { class: 'jp' }, [',']) : null,
  ]);
}

function containerView(container: JsonContainer, key: { key?: string }, comma: boolean): VElement {
  const close = container.open === '{' ? '}' : ']';
  if (container.entries.length === 0) {
    return entryLine(key, [h('span', { class: 'jp' }, [container.open + close])], comma);
  }
  const count = container.entries.length;
  const summary = `${count} ${container.open === '{' ? 'key' : 'item'}${count === 1 ? '' : 's'}`;
  const toggle = h('span', {
    class: 'jt',
    role: 'button',
    tabindex: '0',
    'aria-expanded': 'true',
    title: 'Fold or unfold',
  });
  const children = container.entries.map((entry, index) =>
    treeView(entry.value, entry, index < container.entries.length - 1),
  );
  return h('div', { class: 'jf' }, [
    entryLine(
      key,
      [
        h('span', { class: 'jp' }, [container.open]),
        h('span', { class: 'jsum' }, [` ${summary} `]),
        h('span', { class: 'jp jsum' }, [close]),
      ],
      false,
      toggle,
    ),
    h('div', { class: 'jc' }, children),
    h('div', { class: 'jl jend' }, [
      h('span', { class: 'jp' }, [close]),
      comma ? h('span', { class: 'jp' }, [',']) : null,
    ]),
  ]);
}

function treeView(tree: JsonTree, key: { key?: string }, comma: boolean): VElement {
  if (tree.kind === 'container') {
    return containerView(tree, key, comma);
  }
  return entryLine(key, [h('span', { class: scalarClass(tree) }, [tree.raw])], comma);
}

function jsonView(text: string, options: BodyOptions): BodyView {
  if (text.length <= options.colourChars) {
    const parsed = parseJsonTree(text);
    if (parsed === undefined) {
      return plainText(text, 'text');
    }
    if (parsed.depth <= options.maxFoldDepth) {
      const tree = treeView(parsed.tree, {}, false);
      return { node: h('div', { class: 'body json' }, [tree]) };
    }
  }
  const note =
    text.length > options.colourChars
      ? `Large JSON (${formatBytes(text.length)}): shown without colours or folding.`
      : 'Deeply nested JSON: shown without folding.';
  return {
    node: h('div', {}, [
      h('p', { class: 'notice', 'data-stream-notice': '' }, [note]),
      h('pre', { class: 'body json-plain', 'data-stream': 'body' }),
    ]),
    stream: prettyJsonChunks(text),
  };
}

function hexPreview(base64: string): string {
  let bytes: string;
  try {
    bytes = atob(base64.slice(0, Math.ceil(HEX_PREVIEW_BYTES / 3) * 4));
  } catch {
    return '';
  }
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const hex: string[] = [];
    let ascii = '';
    for (let index = offset; index < Math.min(offset + 16, bytes.length); index++) {
      const code = bytes.charCodeAt(index);
      hex.push(code.toString(16).padStart(2, '0'));
      ascii += code >= 0x20 && code <= 0x7e ? bytes.charAt(index) : '.';
    }
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.join(' ').padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}

function truncationNotice(body: RecordBody): VNode | null {
  if (!body.truncated) {
    return null;
  }
  return h('div', { class: 'notice truncated' }, [
    `Body cut at the size limit; the full body is ${formatBytes(body.size)}. `,
    body.fullPath !== null
      ? h('button', { type: 'button', 'data-action': 'openFullBody' }, ['Open full body in editor'])
      : null,
  ]);
}

export function renderBody(body: RecordBody | null, options: BodyOptions = DEFAULT_BODY_OPTIONS): BodyView {
  const kind = bodyKind(body);
  if (body === null || kind === 'empty') {
    return { node: h('p', { class: 'empty' }, ['No body.']) };
  }
  let view: BodyView;
  if (kind === 'image' && body.base64 !== null) {
    const type = mediaType(body.contentType);
    view = {
      node: h('div', { class: 'image' }, [
        h('img', { src: `data:${type};base64,${body.base64}`, alt: `${type} response body` }),
        h('p', { class: 'caption' }, [`${type}, ${formatBytes(body.size)}`]),
      ]),
    };
  } else if (kind === 'binary' && body.base64 !== null) {
    const type = mediaType(body.contentType) || 'unknown type';
    view = {
      node: h('div', {}, [
        h('p', { class: 'notice' }, [
          `Binary body (${type}, ${formatBytes(body.size)}). Save body keeps it as a file.`,
        ]),
        h('pre', { class: 'body hex' }, [hexPreview(body.base64)]),
      ]),
    };
  } else if (kind === 'json') {
    view = jsonView(body.text ?? '', options);
  } else {
    view = plainText(body.text ?? '', kind);
  }
  const notice = truncationNotice(body);
  if (notice === null) {
    return view;
  }
  return { node: h('div', {}, [notice, view.node]), stream: view.stream };
}
