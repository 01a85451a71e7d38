import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { contentSecurityPolicy, makeNonce, panelHtml } from '../src/panel/panelHtml';
import { bodyKind, renderBody } from '../src/webview/bodyView';
import { historyView, recordView } from '../src/webview/recordView';
import { prettyJson } from '../src/webview/jsonFormat';
import { drain } from '../src/webview/textStream';
import { escapeHtml, toHtml } from '../src/webview/vnode';
import { record, textBody } from './fixtures';

const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

function html(view: { node: Parameters<typeof toHtml>[0] }): string {
  return toHtml(view.node);
}

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
    const history = [
      {
        id: 'r1',
        label: HOSTILE,
        method: 'GET',
        url: HOSTILE,
        statusText: '200 OK',
        statusClass: 'success' as const,
        startedAt: '',
        bodyKept: true,
      },
    ];
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
    const entries = ['a', 'b', 'c'].map((id) => ({
      id,
      label: `req ${id}`,
      method: 'GET',
      url: '/',
      statusText: '200 OK',
      statusClass: 'success' as const,
      startedAt: '',
      bodyKept: true,
    }));
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
    const page = toHtml(
      renderBody(textBody('{"name":"x","n":1,"ok":true,"z":null,"list":[1,2]}', 'application/json')).node,
    );
    assert.ok(page.includes('<span class="jk">&quot;name&quot;</span>'));
    assert.ok(page.includes('<span class="js">&quot;x&quot;</span>'));
    assert.ok(page.includes('<span class="jn">1</span>'));
    assert.ok(page.includes('<span class="jb">true</span>'));
    assert.ok(page.includes('<span class="jz">null</span>'));
    assert.equal((page.match(/class="jt"/g) ?? []).length, 2, 'one toggle per non-empty container');
    assert.ok(page.includes('2 items'));
  });

  it('streams large JSON as pretty plain text instead of building a tree', () => {
    const big = JSON.stringify({
      items: Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `item ${i}` })),
    });
    const view = renderBody(textBody(big, 'application/json'), { colourChars: 64 * 1024, maxFoldDepth: 100 });
    assert.ok(view.stream !== undefined);
    assert.equal(drain(view.stream).text, prettyJson(big));
    assert.ok(prettyJson(big)?.startsWith('{\n  "items": [\n    {\n      "id": 0,'));
    const page = toHtml(view.node);
    assert.ok(page.includes('data-stream="body"'));
    assert.ok(page.includes('without colours or folding'));
    assert.ok(!page.includes('class="jk"'));
  });

  it('shows invalid JSON as it came, and deep JSON without folding', () => {
    const invalid = renderBody(textBody('{"a": <b>}', 'application/json'));
    assert.ok(toHtml(invalid.node).includes('{&quot;a&quot;: &lt;b&gt;}'));
    const deep = renderBody(textBody('['.repeat(500) + ']'.repeat(500), 'application/json'));
    assert.ok(toHtml(deep.node).includes('Deeply nested JSON'));
    assert.ok(deep.stream !== undefined);
    assert.equal(drain(deep.stream).text.split('\n').length, 999);
  });

  it('streams long plain text unchanged', () => {
    const long = '<p>'.repeat(100_000);
    const view = renderBody(textBody(long, 'text/html'));
    assert.ok(view.stream !== undefined);
    assert.equal(drain(view.stream).text, long);
    assert.ok(!toHtml(view.node).includes('<p>'));
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
