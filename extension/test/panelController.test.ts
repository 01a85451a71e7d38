import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ResponseHistory } from '../src/panel/history';
import type { HostMessage } from '../src/panel/messages';
import { readWebviewMessage } from '../src/panel/messages';
import {
  bodyBytes,
  COPY_MASKED,
  PanelController,
  suggestedFileName,
  type PanelEffects,
} from '../src/panel/panelController';
import { record, textBody } from './fixtures';

function setUp() {
  const posted: HostMessage[] = [];
  let reveals = 0;
  const copied: string[] = [];
  const saved: { name: string; content: Uint8Array | { fullPath: string } }[] = [];
  const opened: string[] = [];
  const infos: string[] = [];
  const effects: PanelEffects = {
    copy: (text) => (copied.push(text), Promise.resolve()),
    save: (name, content) => (saved.push({ name, content }), Promise.resolve()),
    openFile: (file) => (opened.push(file), Promise.resolve()),
    confirm: () => Promise.resolve(COPY_MASKED),
    info: (message) => void infos.push(message),
    error: (message) => void infos.push(message),
  };
  const controller = new PanelController(
    {
      reveal: () => {
        reveals++;
      },
      post: (m) => void posted.push(m),
    },
    effects,
    { colourChars: 1000 },
    { curlRequest: () => Promise.reject(new Error('the masked copy never asks the server')) },
  );
  return { controller, posted, copied, saved, opened, infos, reveals: () => reveals };
}

describe('panel controller', () => {
  it('reveals the panel and shows each new response with the history', () => {
    const { controller, posted, reveals } = setUp();
    controller.addResponse(record({ id: 'a' }));
    controller.addResponse(record({ id: 'b', status: 404, reason: 'Not Found' }));
    assert.equal(reveals(), 2);
    const last = posted.at(-1);
    assert.equal(last?.type, 'show');
    assert.equal(last.record.id, 'b');
    assert.deepEqual(
      last.history.map((e) => [e.id, e.statusText, e.statusClass]),
      [
        ['a', '200 OK', 'success'],
        ['b', '404 Not Found', 'client-error'],
      ],
    );
    assert.deepEqual(last.limits, { colourChars: 1000 });
  });

  it('answers a (re)loaded webview with the record shown last, then what the user selects', async () => {
    const { controller, posted } = setUp();
    controller.addResponse(record({ id: 'a' }));
    controller.addResponse(record({ id: 'b' }));
    await controller.onMessage({ type: 'select', id: 'a' });
    posted.length = 0;
    await controller.onMessage({ type: 'ready', selectedId: 'b' });
    assert.equal(posted[0]?.type === 'show' ? posted[0].record.id : '', 'a');
  });

  it('shows the newest response when the webview loads in a fresh panel', async () => {
    const { controller, posted } = setUp();
    controller.history.add(record({ id: 'x' }));
    await controller.onMessage({ type: 'ready', selectedId: null });
    assert.equal(posted[0]?.type === 'show' ? posted[0].record.id : '', 'x');
  });

  it('ignores messages the webview is not allowed to send', async () => {
    const { controller, posted, copied } = setUp();
    controller.addResponse(record());
    posted.length = 0;
    for (const bad of [
      null,
      'ready',
      { type: 'eval', code: '1' },
      { type: 'action', action: 'rm', id: 'r1' },
      { type: 'select' },
    ]) {
      await controller.onMessage(bad);
    }
    assert.deepEqual(posted, []);
    assert.deepEqual(copied, []);
  });

  it('copies the body and says when it was cut', async () => {
    const { controller, copied, infos } = setUp();
    controller.addResponse(record({ body: textBody('{"a":1}', 'application/json', { truncated: true }) }));
    await controller.onMessage({ type: 'action', action: 'copyBody', id: 'r1' });
    assert.deepEqual(copied, ['{"a":1}']);
    assert.match(infos[0] ?? '', /cut at the size limit/);
  });

  it('saves the full file for a cut body and the bytes otherwise', async () => {
    const { controller, saved } = setUp();
    controller.addResponse(
      record({
        id: 'cut',
        label: 'Big / download',
        body: textBody('{', 'application/json', { truncated: true, fullPath: '/tmp/full.json' }),
      }),
    );
    await controller.onMessage({ type: 'action', action: 'saveBody', id: 'cut' });
    assert.deepEqual(saved[0], { name: 'Big-download.json', content: { fullPath: '/tmp/full.json' } });
    controller.addResponse(
      record({
        id: 'png',
        label: '',
        body: { ...textBody(''), text: null, base64: 'iVBORw==', contentType: 'image/png' },
      }),
    );
    await controller.onMessage({ type: 'action', action: 'saveBody', id: 'png' });
    assert.equal(saved[1]?.name, 'response.png');
    assert.deepEqual([...(saved[1].content as Uint8Array)], [0x89, 0x50, 0x4e, 0x47]);
  });

  it('copies a masked cURL command when the user picks Copy masked, and names what was masked', async () => {
    const { controller, copied, infos } = setUp();
    controller.addResponse(record());
    await controller.onMessage({ type: 'action', action: 'copyCurl', id: 'r1' });
    assert.ok(copied[0]?.startsWith("curl 'http://127.0.0.1:8080/1.1/statuses/home_timeline.json?count=2'"));
    assert.ok(copied[0]?.includes('oauth_signature="***"'));
    assert.match(infos[0] ?? '', /Masked: oauth_signature, oauth_token/);
  });

  it('opens the full body file, and tells when a record left the history', async () => {
    const { controller, opened, posted } = setUp();
    controller.addResponse(
      record({ body: textBody('x', 'text/plain', { truncated: true, fullPath: '/tmp/b.txt' }) }),
    );
    await controller.onMessage({ type: 'action', action: 'openFullBody', id: 'r1' });
    assert.deepEqual(opened, ['/tmp/b.txt']);
    await controller.onMessage({ type: 'select', id: 'gone' });
    assert.deepEqual(posted.at(-1), { type: 'notice', text: 'That response is no longer in the history.' });
  });
});

describe('response history', () => {
  it('keeps at most maxEntries, newest last, replacing a record sent again', () => {
    const history = new ResponseHistory(3);
    for (const id of ['a', 'b', 'c', 'd', 'b']) history.add(record({ id }));
    assert.deepEqual(
      history.entries().map((e) => e.id),
      ['c', 'd', 'b'],
    );
    assert.equal(history.latest()?.id, 'b');
    assert.equal(history.get('a'), undefined);
  });

  it('bounds the body text it keeps: the oldest records lose their bodies first and keep their head', () => {
    const history = new ResponseHistory(50, 100);
    const sized = (id: string, chars: number) =>
      record({
        id,
        body: textBody('x'.repeat(chars), 'application/json'),
        headers: [['X-Id', id]],
      });
    history.add(sized('a', 40));
    history.add(sized('b', 40));
    assert.equal(history.bodyCharsKept, 80);
    history.add(sized('c', 40));
    assert.deepEqual(
      history.entries().map((e) => [e.id, e.bodyKept]),
      [
        ['a', false],
        ['b', true],
        ['c', true],
      ],
    );
    assert.equal(history.bodyCharsKept, 80);
    const a = history.get('a');
    assert.ok(a?.body);
    assert.equal(a.body.text, null, 'the body text is gone');
    assert.deepEqual(a.headers, [['X-Id', 'a']], 'the head stays');
    assert.equal(a.status, 200);
    assert.equal(a.body.size, 40, 'and so does what the body was');
    history.add(sized('d', 70));
    assert.deepEqual(
      history.entries().map((e) => [e.id, e.bodyKept]),
      [
        ['a', false],
        ['b', false],
        ['c', false],
        ['d', true],
      ],
    );
    assert.equal(history.bodyCharsKept, 70);
  });

  it('always keeps the newest body, counts request bodies, and forgets what a resend replaced', () => {
    const history = new ResponseHistory(50, 100);
    history.add(record({ id: 'old', body: textBody('x'.repeat(30)) }));
    history.add(record({ id: 'huge', body: textBody('z'.repeat(500)) }));
    assert.deepEqual(
      history.entries().map((e) => [e.id, e.bodyKept]),
      [
        ['old', false],
        ['huge', true],
      ],
    );
    assert.equal(history.bodyCharsKept, 500);
    const posting = record({
      id: 'post',
      body: textBody('r'.repeat(10)),
      request: { ...record().request, method: 'POST', body: textBody('q'.repeat(60)) },
    });
    history.add(posting);
    assert.equal(history.bodyCharsKept, 70, 'the huge body went; the POST holds 10 + 60');
    history.add(record({ id: 'post', body: textBody('s'.repeat(20)) }));
    assert.equal(history.bodyCharsKept, 20, 'the resent record replaced the old one and its bodies');
    assert.deepEqual(
      history.entries().map((e) => e.id),
      ['old', 'huge', 'post'],
    );
  });

  it('keeps 50 MB of bodies by default, with each 5 MB response whole until then', () => {
    const history = new ResponseHistory();
    const fiveMb = 'x'.repeat(5 * 1024 * 1024);
    for (let index = 0; index < 12; index++) {
      history.add(record({ id: `r${index}`, body: textBody(fiveMb) }));
    }
    assert.equal(history.size, 12);
    assert.deepEqual(
      history.entries().map((e) => e.bodyKept),
      [false, false, true, true, true, true, true, true, true, true, true, true],
    );
    assert.equal(history.bodyCharsKept, 10 * fiveMb.length);
  });
});

describe('panel controller and bodies the history dropped', () => {
  it('says a dropped body is no longer kept instead of copying or saving nothing', async () => {
    const { controller, copied, saved, infos, posted } = setUp();
    controller.addResponse(record({ id: 'a', body: textBody('x'.repeat(60 * 1024 * 1024)) }));
    controller.addResponse(record({ id: 'b' }));
    await controller.onMessage({ type: 'select', id: 'a' });
    const shown = posted.at(-1);
    assert.ok(shown?.type === 'show');
    assert.equal(shown.record.body?.text, null);
    assert.equal(shown.history.find((e) => e.id === 'a')?.bodyKept, false);
    await controller.onMessage({ type: 'action', action: 'copyBody', id: 'a' });
    await controller.onMessage({ type: 'action', action: 'saveBody', id: 'a' });
    assert.deepEqual(copied, []);
    assert.deepEqual(saved, []);
    assert.equal(infos.length, 2);
    for (const info of infos) {
      assert.match(info, /no longer keeps this body/);
    }
  });

  it('still saves a dropped cut body from the file that holds all of it', async () => {
    const { controller, saved } = setUp();
    const cut = textBody('x'.repeat(60 * 1024 * 1024), 'application/json', {
      truncated: true,
      size: 80 * 1024 * 1024,
      fullPath: '/tmp/full.json',
    });
    controller.addResponse(record({ id: 'a', body: cut }));
    controller.addResponse(record({ id: 'b' }));
    await controller.onMessage({ type: 'action', action: 'saveBody', id: 'a' });
    assert.deepEqual(saved, [{ name: 'Get-timeline.json', content: { fullPath: '/tmp/full.json' } }]);
  });
});

describe('panel helpers', () => {
  it('names saved files after the label and content type', () => {
    assert.equal(suggestedFileName(record({ label: 'Get timeline' })), 'Get-timeline.json');
    assert.equal(
      suggestedFileName(record({ label: '../../etc/passwd', body: textBody('x', 'text/html') })),
      'etc-passwd.html',
    );
    assert.equal(
      suggestedFileName(record({ label: '', body: textBody('x', 'image/svg+xml') })),
      'response.svg',
    );
    assert.equal(
      suggestedFileName(record({ body: textBody('x', 'application/octet-stream') })),
      'Get-timeline.bin',
    );
  });

  it('turns text bodies into UTF-8 and base64 bodies into their bytes', () => {
    assert.deepEqual([...bodyBytes(textBody('é'))], [0xc3, 0xa9]);
    assert.deepEqual([...bodyBytes({ ...textBody(''), text: null, base64: 'AAEC' })], [0, 1, 2]);
  });

  it('reads only known webview messages', () => {
    assert.deepEqual(readWebviewMessage({ type: 'ready', selectedId: 7 }), {
      type: 'ready',
      selectedId: null,
    });
    assert.deepEqual(readWebviewMessage({ type: 'action', action: 'copyCurl', id: 'a' }), {
      type: 'action',
      action: 'copyCurl',
      id: 'a',
    });
    assert.equal(readWebviewMessage({ type: 'action', action: 'copyCurl' }), undefined);
  });
});
