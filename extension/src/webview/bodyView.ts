/**
 * How a response (or request) body is shown: JSON as a coloured, foldable tree when it is small
 * enough, else pretty-printed text; XML, HTML and other text as escaped source; images from
 * base64; binary bodies as a hex preview. Anything that can be large comes with a stream that
 * the webview runs a slice at a time into the element marked `data-stream` inside `node`.
 *
 * A body cut at the size limit says so at the top ("first 5.0 MB of 50 MB") and where it stops,
 * and is shown as the prefix it is: cut JSON is pretty-printed as far as it goes, never called
 * invalid. A body whose download stopped at the maximum response size says the server had more.
 * A body the history no longer keeps says that instead.
 */

import { formatBytes } from '../panel/format';
import type { RecordBody } from '../protocol';
import { jsonTreeStream, TREE_MAX_VALUES } from './jsonTreeView';
import { plainTextStream, prettyJsonStream } from './textView';
import type { ViewStream } from './viewStream';
import { h, type VElement, type VNode } from './vnode';

export type BodyKind = 'empty' | 'json' | 'xml' | 'html' | 'image' | 'text' | 'binary';

export interface BodyView {
  node: VElement;
  stream?: ViewStream;
}

export interface BodyOptions {
  /** Longest text (in characters) shown as a coloured tree; longer JSON is pretty-printed text. */
  colourChars: number;
  /** Deepest JSON nesting shown as structure; deeper values are shown as written. */
  maxDepth: number;
  /** Most JSON values shown as a tree; more are pretty-printed text (`TREE_MAX_VALUES`). */
  maxTreeValues: number;
}

/**
 * Nesting past 100 levels is shown as written. Indented 2 spaces a level, a line at depth 100
 * already starts 200 columns in, past the panel's edge, so deeper indentation shows nothing;
 * API payloads nest a few levels, rarely past 20. And indentation is what grows: text nested n
 * deep prints about n² characters (10,000 deep: 20 KB in, 200 million characters out), while
 * with the limit no line carries more than 200 spaces.
 */
export const JSON_DEPTH_LIMIT = 100;

export const DEFAULT_BODY_OPTIONS: BodyOptions = {
  colourChars: 256 * 1024,
  maxDepth: JSON_DEPTH_LIMIT,
  maxTreeValues: TREE_MAX_VALUES,
};

/** Text longer than this is streamed rather than put in the page at once. */
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

function utf8Length(text: string): number {
  let bytes = text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 1; // with its low surrogate: 4 bytes for 2 code units
      index += 1;
    } else if (code >= 0x800) {
      bytes += 2;
    } else if (code >= 0x80) {
      bytes += 1;
    }
  }
  return bytes;
}

/** Bytes of the body the record holds (its text is decoded from them). */
export function heldBytes(body: RecordBody): number {
  if (body.text === null) {
    const base64 = body.base64 ?? '';
    return Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
  }
  const charset = (body.charset ?? 'utf-8').toLowerCase().replace(/[_-]/g, '');
  if (charset === 'utf8') {
    return utf8Length(body.text);
  }
  return charset.startsWith('utf16') ? body.text.length * 2 : body.text.length;
}

/** "5.0 MB of 50 MB": what the record holds of the whole body. */
function cutExtent(body: RecordBody): string {
  return `${formatBytes(heldBytes(body))} of ${formatBytes(body.size)}`;
}

function openFullBodyButton(body: RecordBody): VNode | null {
  return body.fullPath !== null
    ? h('button', { type: 'button', 'data-action': 'openFullBody' }, ['Open full body in editor'])
    : null;
}

function cutNotice(body: RecordBody): VElement {
  const where = body.fullPath !== null ? ' — open the full body in the editor' : '';
  return h('div', { class: 'notice truncated', 'data-cut': '' }, [
    `First ${cutExtent(body)}; cut at the size limit${where}. `,
    openFullBodyButton(body),
  ]);
}

/** The download stopped at `oauthHttp.maxResponseMB`: what arrived is not the whole response. */
function incompleteNotice(body: RecordBody): VElement {
  return h('div', { class: 'notice truncated', 'data-incomplete': '' }, [
    `Download stopped after ${formatBytes(body.size)} at the maximum response size ` +
      '(oauthHttp.maxResponseMB); the server had more.',
  ]);
}

/** The line where a cut body's text stops. */
function cutMarker(body: RecordBody): VElement {
  return h('div', { class: 'cut-marker' }, [
    `Cut here at the size limit: the first ${cutExtent(body)} end here.`,
  ]);
}

function streamNotice(text: string): VElement {
  return h('p', { class: 'notice', 'data-stream-notice': '', hidden: text === '' ? '' : undefined }, [text]);
}

function textView(body: RecordBody, text: string, className: string): BodyView {
  const endNote = body.truncated ? cutMarker(body) : undefined;
  if (text.length <= STREAM_CHARS) {
    return { node: h('div', {}, [h('pre', { class: `body ${className}` }, [text]), endNote]) };
  }
  return {
    node: h('div', { class: `body ${className}`, 'data-stream': 'body' }),
    stream: plainTextStream(text, { endNote }),
  };
}

function deepLabel(options: BodyOptions): string {
  return `nested deeper than ${options.maxDepth} levels, as received: `;
}

function jsonView(body: RecordBody, text: string, options: BodyOptions): BodyView {
  const label = deepLabel(options);
  if (!body.truncated && text.length <= options.colourChars) {
    return {
      node: h('div', {}, [streamNotice(''), h('div', { class: 'body json', 'data-stream': 'body' })]),
      stream: jsonTreeStream(text, {
        maxDepth: options.maxDepth,
        deepLabel: label,
        maxTreeValues: options.maxTreeValues,
      }),
    };
  }
  const note =
    text.length > options.colourChars
      ? `Large JSON (${formatBytes(text.length)}): shown without colours or folding.`
      : 'Cut JSON: shown without colours or folding.';
  return {
    node: h('div', {}, [streamNotice(note), h('div', { class: 'body json-plain', 'data-stream': 'body' })]),
    stream: prettyJsonStream(text, {
      cut: body.truncated,
      maxDepth: options.maxDepth,
      deepLabel: label,
      endNote: body.truncated ? cutMarker(body) : undefined,
    }),
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

function notKeptView(body: RecordBody): BodyView {
  return {
    node: h('div', { class: 'notice not-kept' }, [
      `The history no longer keeps this body (${formatBytes(body.size)}): newer responses took its room. `,
      'Send the request again to see it. ',
      openFullBodyButton(body),
    ]),
  };
}

/**
 * The view of `body`. `kept` is false once the history dropped the body's text to make room
 * (the record still holds its size and where the full body was saved).
 */
export function renderBody(
  body: RecordBody | null,
  options: BodyOptions = DEFAULT_BODY_OPTIONS,
  kept = true,
): BodyView {
  if (body !== null && !kept) {
    return notKeptView(body);
  }
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
    view = jsonView(body, body.text ?? '', options);
  } else {
    view = textView(body, body.text ?? '', kind);
  }
  if (!body.truncated && body.complete) {
    return view;
  }
  const notices = [body.complete ? null : incompleteNotice(body), body.truncated ? cutNotice(body) : null];
  return { node: h('div', {}, [...notices, view.node]), stream: view.stream };
}
