import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { HistoryEntry } from '../src/panel/messages';
import { contentSecurityPolicy, makeNonce, panelHtml } from '../src/panel/panelHtml';
import { bodyKind, DEFAULT_BODY_OPTIONS, JSON_DEPTH_LIMIT, renderBody } from '../src/webview/bodyView';
import { prettyJson } from '../src/webview/jsonPrinter';
import { GROUP_ENTRIES } from '../src/webview/jsonTreeView';
import { headersTable, historyView, recordView } from '../src/webview/recordView';
import { BLOCK_LINES } from '../src/webview/textView';
import { escapeHtml, toHtml } from '../src/webview/vnode';
import { record, textBody } from './fixtures';
import { FakeElement, fakeText } from './fakeDom';
import { eachOp, findElement, streamed } from './streamed';

const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

/** The page of a view once its stream ran to the end, as HTML. */
function html(view: Parameters<typeof streamed>[0]): string {
  return streamed(view).html;
}

function entry(id: string, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id,
    label: `req ${id}`,
    method: 'GET',
    url: '/',
    statusText: '200 OK',
    statusClass: 'success',
    startedAt: '',
    bodyKept: true,
    ...extra,
  };
}

const count = (text: string, pattern: RegExp): number => (text.match(pattern) ?? []).length;

describe('panel HTML shell', () => {
  const input = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/extension/media/panel.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/extension/media/panel.css',
  };

  it('has a strict CSP: nothing by default, scripts only with the nonce, styles and images from the webview', () => {
    const nonce = makeNonce();
    const page = panelHtml({ ...input, nonce });
    const csp = contentSecurityPolicy(input.cspSource, nonce);
    assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`));
    assert.match(csp, /^default-src 'none';/);
    assert.ok(csp.includes(`script-src 'nonce-${nonce}'`));
    assert.ok(csp.includes(`style-src ${input.cspSource}`));
    assert.ok(csp.includes(`img-src ${input.cspSource} data:`));
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
  });

  it('loads exactly one script, carrying the nonce, and has no inline handlers', () => {
    const nonce = makeNonce();
    const page = panelHtml({ ...input, nonce });
    const scripts = page.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script nonce="${nonce}" src="${input.scriptUri}">`]);
    assert.doesNotMatch(page, /\son[a-z]+\s*=/i);
  });

  it('uses a fresh random nonce for every render', () => {
    const nonces = new Set(Array.from({ length: 20 }, () => makeNonce()));
    assert.equal(nonces.size, 20);
    for (const nonce of nonces) {
      assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/, '128 random bits in base64');
    }
    const first = panelHtml({ ...input, nonce: makeNonce() });
    const second = panelHtml({ ...input, nonce: makeNonce() });
    assert.notEqual(first, second);
  });

  it('takes the nonce from the random source it is given', () => {
    assert.equal(
      makeNonce((size) => Buffer.alloc(size, 1)),
      'AQEBAQEBAQEBAQEBAQEBAQ==',
    );
  });
});

describe('record view', () => {
  it('shows a hostile body as text, never as markup', () => {
    for (const contentType of ['text/html', 'text/plain', 'application/xml', 'application/json']) {
      const page = html(recordView(record({ body: textBody(HOSTILE, contentType) }), [], 'body'));
      assert.ok(!page.includes('<script>'), contentType);
      assert.ok(!page.includes('<img src=x'), contentType);
      assert.ok(
        page.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;'),
        contentType,
      );
    }
  });

  it('escapes hostile headers, URL, label, error and OAuth base string too', () => {
    const hostile = record({
      label: HOSTILE,
      headers: [[HOSTILE, HOSTILE]],
      request: {
        method: 'GET',
        url: `http://x/${HOSTILE}`,
        headers: [[HOSTILE, HOSTILE]],
        body: textBody(HOSTILE),
      },
      error: { kind: 'network', message: HOSTILE, hint: HOSTILE },
      oauth: { provider: HOSTILE, signatureMethod: 'HMAC-SHA1', placement: 'header', baseString: HOSTILE },
    });
    const history = [entry('r1', { label: HOSTILE, url: HOSTILE })];
    for (const tab of ['body', 'headers', 'request', 'oauth'] as const) {
      const page = html(recordView(hostile, history, tab));
      assert.ok(!page.includes('<script>'), tab);
      assert.ok(!/<img[^>]*onerror/.test(page), tab);
    }
  });

  it('colours the status by class and shows time and size', () => {
    const cases: [number | null, string][] = [
      [200, 'success'],
      [302, 'redirect'],
      [404, 'client-error'],
      [503, 'server-error'],
      [null, 'error'],
    ];
    for (const [status, cls] of cases) {
      const error =
        status === null
          ? { kind: 'connection', message: 'Connection refused', hint: 'Start the sandbox' }
          : null;
      const page = html(recordView(record({ status, error }), [], 'body'));
      assert.ok(page.includes(`class="status ${cls}"`), `${status}`);
    }
    const page = html(recordView(record(), [], 'body'));
    assert.ok(page.includes('200 OK'));
    assert.ok(page.includes('42 ms'));
    assert.ok(page.includes('12 B'));
  });

  it('shows the error message and hint when the record has an error', () => {
    const page = html(
      recordView(
        record({
          status: null,
          body: null,
          error: { kind: 'timeout', message: 'No answer in 30 s', hint: 'Raise oauthHttp.timeoutSeconds' },
        }),
        [],
        'body',
      ),
    );
    assert.ok(page.includes('role="alert"'));
    assert.ok(page.includes('No answer in 30 s'));
    assert.ok(page.includes('Raise oauthHttp.timeoutSeconds'));
    assert.ok(page.includes('Failed: timeout'));
  });

  it('offers the OAuth tab only for signed requests and shows the base string there', () => {
    const signed = html(recordView(record(), [], 'oauth'));
    assert.ok(signed.includes('data-tab="oauth"'));
    assert.ok(signed.includes('GET&amp;http%3A%2F%2F127.0.0.1%3A8080%2F1.1&amp;count%3D2'));
    const unsigned = html(recordView(record({ oauth: null }), [], 'oauth'));
    assert.ok(!unsigned.includes('data-tab="oauth"'));
    assert.ok(unsigned.includes('data-tab-content="body"'), 'falls back to the body tab');
  });

  it('shows the request as sent, with its (masked) headers', () => {
    const page = html(recordView(record(), [], 'request'));
    assert.ok(page.includes('GET http://127.0.0.1:8080/1.1/statuses/home_timeline.json?count=2'));
    assert.ok(page.includes('oauth_signature=&quot;****&quot;'));
  });

  it('offers "Open full body" only for a cut body that was saved', () => {
    const cut = textBody('{"a":', 'application/json', {
      truncated: true,
      size: 9_000_000,
      fullPath: '/tmp/body.json',
    });
    const page = html(recordView(record({ body: cut }), [], 'body'));
    assert.ok(page.includes('data-action="openFullBody"'));
    assert.ok(page.includes('8.6 MB'));
    const whole = html(recordView(record(), [], 'body'));
    assert.ok(whole.includes('<button type="button" data-action="openFullBody" hidden="">'));
  });

  it('lists the history newest first and marks the shown record', () => {
    const entries = ['a', 'b', 'c'].map((id) => entry(id));
    const page = toHtml(historyView(entries, 'b'));
    assert.ok(page.indexOf('req c') < page.indexOf('req b') && page.indexOf('req b') < page.indexOf('req a'));
    assert.ok(page.includes('class="history-item selected" data-action="select" data-id="b"'));
    assert.ok(page.includes('History (3)'));
  });
});

describe('body view', () => {
  it('recognises body kinds from the content type and from the first characters', () => {
    assert.equal(bodyKind(null), 'empty');
    assert.equal(bodyKind(textBody('')), 'empty');
    assert.equal(bodyKind(textBody('{}', 'application/vnd.api+json')), 'json');
    assert.equal(bodyKind(textBody('[1]', 'text/plain')), 'json');
    assert.equal(bodyKind(textBody('<a/>', 'application/atom+xml')), 'xml');
    assert.equal(bodyKind(textBody('<?xml version="1.0"?><a/>', 'text/plain')), 'xml');
    assert.equal(bodyKind(textBody('<!DOCTYPE html><p>', 'application/octet-stream')), 'html');
    assert.equal(bodyKind(textBody('plain')), 'text');
    const image = { ...textBody(''), text: null, base64: 'iVBORw0KGgo=', contentType: 'image/png' };
    assert.equal(bodyKind(image), 'image');
    assert.equal(bodyKind({ ...image, contentType: 'application/pdf' }), 'binary');
  });

  it('colours small JSON with folding toggles', () => {
    const page = html(
      renderBody(textBody('{"name":"x","n":1,"ok":true,"z":null,"list":[1,2]}', 'application/json')),
    );
    assert.ok(page.includes('<span class="jk">&quot;name&quot;</span>'));
    assert.ok(page.includes('<span class="js">&quot;x&quot;</span>'));
    assert.ok(page.includes('<span class="jn">1</span>'));
    assert.ok(page.includes('<span class="jb">true</span>'));
    assert.ok(page.includes('<span class="jz">null</span>'));
    assert.equal(count(page, /class="jt"/g), 2, 'one toggle per non-empty container');
    assert.ok(page.includes('2 items'));
    assert.ok(page.includes('5 keys'));
  });

  it('builds the tree a slice at a time, each container once, with commas where they belong', () => {
    const value = { a: [1, { b: 'x', c: [] }], d: {}, e: null };
    const view = streamed(renderBody(textBody(JSON.stringify(value), 'application/json')));
    const summaries = / \d+ (?:keys?|items?) [}\]]/g; // shown only while a container is folded
    assert.equal(view.text.replace(summaries, ''), prettyJson(JSON.stringify(value))?.replace(/\n\s*/g, ''));
    assert.equal(count(view.html, /<div class="jf">/g), 3);
    assert.equal(count(view.html, /<div class="jl jend">/g), 3);
    assert.deepEqual(view.notices, []);
  });

  it('groups the entries of a long container so the page can skip those out of view', () => {
    const items = 3 * GROUP_ENTRIES + 7;
    const view = streamed(renderBody(textBody(JSON.stringify(Array.from({ length: items }, (_, i) => i)))));
    assert.equal(count(view.html, /<div class="jg">/g), 4);
    assert.equal(count(view.html, /<span class="jn">/g), items);
    assert.ok(view.slices > 3, `${view.slices} slices`);
  });

  it('streams large JSON as pretty text in blocks of whole lines', () => {
    const big = JSON.stringify({
      items: Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `item ${i}` })),
    });
    const view = renderBody(textBody(big, 'application/json'), {
      ...DEFAULT_BODY_OPTIONS,
      colourChars: 64 * 1024,
    });
    assert.ok(toHtml(view.node).includes('without colours or folding'));
    const shown = streamed(view);
    assert.equal(shown.text, prettyJson(big));
    assert.ok(prettyJson(big)?.startsWith('{\n  "items": [\n    {\n      "id": 0,'));
    assert.ok(!shown.html.includes('class="jk"'));
    const target = findElement(shown.root, 'data-stream');
    assert.ok(target !== undefined);
    assert.ok(target.children.length > 100, `${target.children.length} blocks`);
    for (const block of target.children.slice(0, -1)) {
      assert.ok(block instanceof FakeElement && block.tag === 'pre');
      const text = fakeText(block);
      assert.ok(text.endsWith('\n'), 'a block ends at a line end');
      assert.ok(count(text, /\n/g) <= BLOCK_LINES);
    }
  });

  it('still calls invalid JSON invalid, small or large, and shows it as received', () => {
    const small = streamed(renderBody(textBody('{"a": <b>}', 'application/json')));
    assert.deepEqual(small.notices, ['This body is not valid JSON (line 1, column 7): shown as received.']);
    assert.equal(small.text, '{"a": <b>}');
    const large = `[${'1,'.repeat(200_000)}\n  oops]`;
    const shown = streamed(renderBody(textBody(large, 'application/json')));
    assert.deepEqual(shown.notices, ['This body is not valid JSON (line 2, column 3): shown as received.']);
    assert.equal(shown.text, large);
    const unfinished = streamed(renderBody(textBody('{"a": [1, 2', 'application/json')));
    assert.deepEqual(unfinished.notices, [
      'This body is not valid JSON (it ends before the JSON value does): shown as received.',
    ]);
  });

  it('says when the download stopped at the maximum response size, cut or not', () => {
    const stopped = textBody('x'.repeat(2048), 'text/plain', { complete: false });
    const shown = streamed(renderBody(stopped));
    assert.match(
      shown.html,
      /<div class="notice truncated" data-incomplete="">Download stopped after 2(\.0)? KB at the maximum response size \(oauthHttp\.maxResponseMB\); the server had more\.<\/div>/,
    );
    assert.ok(!shown.html.includes('data-cut'), 'not cut: the record holds all that arrived');
    const both = streamed(
      renderBody(textBody('y'.repeat(100), 'text/plain', { complete: false, truncated: true, size: 4096 })),
    );
    assert.ok(
      both.html.indexOf('data-incomplete') < both.html.indexOf('data-cut'),
      'both notices, stop first',
    );
    assert.ok(!streamed(renderBody(textBody('whole'))).html.includes('data-incomplete'));
  });

  it('shows valid JSON cut at the size limit as the cut prefix it is, pretty-printed and labelled', () => {
    const whole = JSON.stringify({
      items: Array.from({ length: 30_000 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a'] })),
    });
    for (const size of [100_000, 1_000_000]) {
      const prefix = whole.slice(0, size - 3); // ends inside a token
      const body = textBody(prefix, 'application/json', {
        truncated: true,
        size: 50 * 1024 * 1024,
        fullPath: '/tmp/body.json',
      });
      const shown = streamed(renderBody(body));
      assert.deepEqual(shown.notices, [], 'never restarted as "not valid JSON"');
      assert.ok(!shown.html.includes('not valid JSON'));
      assert.match(
        shown.html,
        /<div class="notice truncated" data-cut="">First [\d.]+ (KB|MB) of 50 MB; cut at the size limit — open the full body in the editor\. <button type="button" data-action="openFullBody">/,
      );
      const printed = shown.text.replace(/Cut here at the size limit: .*$/, '');
      assert.ok(prettyJson(whole)?.startsWith(printed), 'the pretty-printed start of the whole body');
      assert.ok(printed.length > size, 'printed as far as it goes');
      assert.match(shown.text, /Cut here at the size limit: the first [\d.]+ (KB|MB) of 50 MB end here\.$/);
    }
  });

  it('calls a cut body invalid when it goes wrong before the cut', () => {
    const body = textBody('[1, 2, oops, 3', 'application/json', { truncated: true, size: 10_000_000 });
    const shown = streamed(renderBody(body));
    assert.deepEqual(shown.notices, ['This body is not valid JSON (line 1, column 8): shown as received.']);
    assert.ok(shown.text.startsWith('[1, 2, oops, 3'));
    assert.ok(shown.html.includes('First 14 B of 9.5 MB; cut at the size limit. '), 'no full body to open');
  });

  it('marks where a cut text body stops', () => {
    const text = 'line\n'.repeat(50_000);
    const shown = streamed(renderBody(textBody(text, 'text/plain', { truncated: true, size: 1_000_000 })));
    assert.ok(shown.text.startsWith(text));
    assert.ok(shown.text.endsWith('Cut here at the size limit: the first 244 KB of 977 KB end here.'));
  });

  it('shows JSON nested 100,000 deep as 100 levels and the rest as written, labelled', () => {
    const depth = 100_000;
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    const rest = '['.repeat(depth - JSON_DEPTH_LIMIT) + ']'.repeat(depth - JSON_DEPTH_LIMIT);
    const label = `nested deeper than ${JSON_DEPTH_LIMIT} levels, as received: `;
    const tree = streamed(renderBody(textBody(deep, 'application/json')));
    assert.deepEqual(tree.notices, []);
    assert.equal(count(tree.html, /class="jt"/g), JSON_DEPTH_LIMIT, 'a toggle per level up to the limit');
    assert.equal(count(tree.html, /class="deep-label"/g), 1);
    assert.ok(
      tree.html.includes(`<span class="deep-label">${label}</span><span class="jraw">${rest}</span>`),
    );
    assert.ok(tree.text.length < 1.1 * deep.length, `${tree.text.length} characters shown`);
    const text = streamed(
      renderBody(textBody(deep, 'application/json'), { ...DEFAULT_BODY_OPTIONS, colourChars: 1000 }),
    );
    assert.deepEqual(text.notices, []);
    assert.equal(count(text.html, /class="deep-label"/g), 1);
    assert.equal(
      text.text,
      prettyJson(deep, { maxDepth: JSON_DEPTH_LIMIT })?.replace(rest, `${label}${rest}`),
    );
    assert.ok(text.text.length < 1.2 * deep.length, `${text.text.length} characters shown`);
  });

  it('shows JSON with more values than a tree holds smoothly as pretty text, saying so', () => {
    const items = 125_000;
    const flat = `[${'1,'.repeat(items - 1)}1]`;
    assert.ok(flat.length <= DEFAULT_BODY_OPTIONS.colourChars, 'small enough in characters for a tree');
    const view = streamed(renderBody(textBody(flat, 'application/json')));
    assert.deepEqual(view.notices, ['Large JSON (125,001 values): shown without colours or folding.']);
    assert.ok(!view.html.includes('class="jl"'), 'no tree lines were built');
    assert.equal(view.text, prettyJson(flat));
    const small = streamed(renderBody(textBody(`[${'1,'.repeat(999)}1]`, 'application/json')));
    assert.deepEqual(small.notices, []);
    assert.ok(small.html.includes('class="jl"'), 'a thousand values stay a tree');
  });

  it('renders an array of a million items, as a tree or as text, without a stack overflow', () => {
    const items = 1_000_000;
    const flat = `[${'0,'.repeat(items - 1)}0]`;
    const treeView = renderBody(textBody(flat, 'application/json'), {
      ...DEFAULT_BODY_OPTIONS,
      colourChars: Infinity,
      maxTreeValues: Infinity,
    });
    assert.ok(treeView.stream !== undefined);
    let numbers = 0;
    let groups = 0;
    eachOp(treeView.stream, (op) => {
      if (op.kind === 'append' && op.node.kind === 'element' && op.node.attrs.class === 'jl') {
        numbers += op.node.children.some((child) => child.kind === 'element' && child.attrs.class === 'jn')
          ? 1
          : 0;
      } else if (op.kind === 'enter' && op.node.attrs.class === 'jg') {
        groups += 1;
      }
    });
    assert.equal(numbers, items);
    assert.equal(groups, items / GROUP_ENTRIES);
    const text = streamed(renderBody(textBody(flat, 'application/json')));
    assert.deepEqual(text.notices, []);
    assert.equal(text.text.length, `[\n${'  0,\n'.repeat(items - 1)}  0\n]`.length);
  });

  it('builds a record with 150,000 headers and history entries (more than a call takes as arguments)', () => {
    const headers = Array.from({ length: 150_000 }, (_, i): [string, string] => [`X-${i}`, String(i)]);
    const history = Array.from({ length: 150_000 }, (_, i) => entry(`e${i}`));
    const page = toHtml(recordView(record({ headers }), history, 'headers').node);
    assert.equal(count(page, /<tr>/g), 150_000);
    assert.equal(count(page, /class="history-item/g), 150_000);
    assert.equal(count(toHtml(headersTable(headers)), /<th>/g), 150_000);
  });

  it('says when the history no longer keeps a body, and still offers a saved full body', () => {
    const body = textBody('{"a":1}', 'application/json', {
      truncated: true,
      size: 6_000_000,
      fullPath: '/tmp/b',
    });
    const page = toHtml(
      recordView(record({ body: { ...body, text: null } }), [entry('r1', { bodyKept: false })], 'body').node,
    );
    assert.ok(page.includes('The history no longer keeps this body (5.7 MB)'));
    assert.ok(page.includes('data-action="openFullBody">Open full body in editor</button>'));
    const kept = toHtml(recordView(record(), [entry('r1')], 'body').node);
    assert.ok(!kept.includes('no longer keeps'));
  });

  it('streams long plain text unchanged', () => {
    const long = '<p>'.repeat(100_000);
    const view = renderBody(textBody(long, 'text/html'));
    assert.ok(view.stream !== undefined);
    const shown = streamed(view);
    assert.equal(shown.text, long);
    assert.ok(!shown.html.includes('<p>'));
  });

  it('shows images from base64 with their content type, and binary bodies as a hex preview', () => {
    const png = {
      ...textBody(''),
      text: null,
      base64: 'iVBORw0KGgo=',
      contentType: 'image/png; q=1',
      size: 8,
    };
    const page = toHtml(renderBody(png).node);
    assert.ok(page.includes('<img src="data:image/png;base64,iVBORw0KGgo=" alt="image/png response body">'));
    assert.ok(page.includes('image/png, 8 B'));
    const pdf = {
      ...png,
      contentType: 'application/pdf',
      base64: Buffer.from('%PDF-1.7\n<script>').toString('base64'),
    };
    const hex = toHtml(renderBody(pdf).node);
    assert.ok(hex.includes('25 50 44 46 2d 31 2e 37'));
    assert.ok(hex.includes('%PDF-1.7.&lt;script'));
    assert.ok(!hex.includes('<script'));
  });

  it('refuses to build an image from a content type that is not an image', () => {
    const svgAsText = textBody('<svg onload="alert(1)"/>', 'image/svg+xml');
    const page = toHtml(renderBody(svgAsText).node);
    assert.ok(!page.includes('<img'));
    assert.ok(page.includes('&lt;svg onload=&quot;alert(1)&quot;/&gt;'));
  });
});
