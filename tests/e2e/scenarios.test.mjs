/**
 * End-to-end scenarios in a real VS Code (code-server 4.139.1, Debian Chromium, playwright-core):
 * the extension installed from its .vsix, its bundled language server started by the extension,
 * and the sandbox OAuth 1.0a provider on 127.0.0.1. The scenarios run in order on one session
 * (each builds on the authorization made by the first). Run with `make e2e`.
 */

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before } from 'node:test';

import { ARTIFACTS_DIR, REPO_ROOT } from './harness/paths.mjs';
import { scenarioOn } from './harness/scenario.mjs';
import { Session } from './harness/session.mjs';
import { eventually } from './harness/waiting.mjs';

const CONSUMER_KEY = 'sandbox-consumer';
const CONSUMER_SECRET = 'sandbox-secret';
const SCREEN_NAME = 'sandbox_user';
const MASKED = '••••'; // the server's mask: the whole value, no prefix and no length

let session;
let wb;

before(
  async () => {
    session = await Session.start();
    wb = session.workbench;
  },
  { timeout: 300_000 },
);

after(
  async () => {
    await session?.stop();
  },
  { timeout: 60_000 },
);

const scenario = scenarioOn(() => session);

/** Screenshots for the documentation: always under artifacts/, and into docs/ with E2E_DOCS=1.
 * `take(file)` saves the picture (the whole workbench by default). */
async function docScreenshot(name, take = (file) => session.screenshot(file)) {
  const file = path.join(ARTIFACTS_DIR, 'screenshots', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await take(file);
  if (process.env.E2E_DOCS === '1') {
    fs.copyFileSync(file, path.join(REPO_ROOT, 'docs', name));
  }
}

/** Plays the user on the authorize page VS Code opened: Approve, then read the PIN. */
async function approveInBrowser(opened, { screenshot } = {}) {
  const page = await opened;
  await page.waitForLoadState('domcontentloaded');
  const url = page.url();
  const heading = await page.locator('h1').innerText();
  if (screenshot !== undefined) {
    await docScreenshot(screenshot, (file) => page.locator('body').screenshot({ path: file }));
  }
  await page.locator('#approve').click();
  const pin = (await page.locator('code#pin').innerText()).trim();
  await page.close();
  await wb.page.bringToFront();
  return { url, heading, pin };
}

function assertAuthorizePage({ url, heading, pin }) {
  const port = session.sandbox.port;
  // code-server rewrites 127.0.0.1 addresses it opens to its own /proxy/PORT/ path.
  assert.match(url, new RegExp(`(:${port}|/proxy/${port})/oauth/authorize\\?oauth_token=`));
  assert.match(heading, /Authorize OAuth HTTP Sandbox App/);
  assert.match(pin, /^\d{4,}$/);
}

/** Clicks "Send request" in the active editor and waits for the panel to show the new record
 * (reloading the window and clicking again if the panel's webview stays blank). */
async function sendFromCodeLens(options) {
  const previous = await wb.panel.shownRecordId();
  await wb.clickCodeLens('Send request');
  const resend = async () => {
    await wb.reloadWindow();
    await wb.clickCodeLens('Send request');
  };
  return wb.waitForNewRecord(previous, { ...options, resend });
}

function requestHeader(requestTab, name) {
  const line = requestTab.split('\n').find((row) => row.startsWith(`${name}\t`));
  assert.ok(line, `the Request tab shows a ${name} header:\n${requestTab}`);
  return line.slice(name.length + 1);
}

function encoded(text) {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

scenario('OAuth: Authorize provider from the palette runs the PIN flow in the browser', async () => {
  await wb.openFile('timeline.http');
  await wb.runCommand('OAuth: Authorize provider');
  const choices = await wb.pick('Authorize which provider?', 'Sandbox (local)');
  assert.ok(choices.includes('Sandbox (local), not authorized'), choices.join('\n'));
  // The workspace's env file points the sandbox preset at this run's sandbox: agree once.
  const definition = await wb.waitForNotification('changes where Sandbox (local) (sandbox) credentials go');
  await wb.clickNotificationButton(definition, 'Use sandbox as this workspace defines it');

  const key = await wb.waitForInputBox('Consumer key');
  assert.equal(key.title, 'Authorize Sandbox (local)');
  assert.equal(key.value, CONSUMER_KEY, 'the sandbox preset suggests its demo consumer key');
  assert.equal(key.password, false);
  await wb.submitInput(CONSUMER_KEY);

  const secret = await wb.waitForInputBox('Consumer secret');
  assert.equal(secret.password, true, 'the consumer secret is typed into a password box');
  const opened = session.context.waitForEvent('page', { timeout: 60_000 });
  await wb.submitInput(CONSUMER_SECRET);

  const pinBox = await wb.waitForInputBox('enter the PIN');
  assert.match(pinBox.prompt, /Approve access in the browser/);
  await wb.waitForNotification('To authorize Sandbox (local), approve access at');
  await docScreenshot('authorize-prompt.png');
  const approval = await approveInBrowser(opened, { screenshot: 'authorize-page.png' });
  assertAuthorizePage(approval);

  await wb.waitForInputBox('enter the PIN');
  await wb.submitInput(approval.pin);
  await wb.waitForNotification(`Authorized sandbox as ${SCREEN_NAME}`);
});

scenario(
  'Send request on a signed GET shows 200, the JSON timeline, the masked header and the base string',
  async () => {
    await wb.openFile('timeline.http');
    const { frame, status } = await sendFromCodeLens();
    assert.equal(status, '200 OK');
    const base = session.sandbox.base;
    const statusLine = await frame.locator('.status-line').innerText();
    assert.match(statusLine, new RegExp(`GET ${base}/1\\.1/statuses/home_timeline\\.json\\?count=2`));

    const body = await wb.panel.tab(frame, 'body');
    assert.match(body, new RegExp(`"screen_name": "${SCREEN_NAME}"`));
    assert.match(body, /"text": "/);
    assert.equal(
      (body.match(/"id_str"/g) ?? []).length >= 2,
      true,
      'count=2 gives two tweets (each with a user)',
    );
    await docScreenshot('response-panel.png');

    const request = await wb.panel.tab(frame, 'request');
    assert.match(request, new RegExp(`^GET ${base}/1\\.1/statuses/home_timeline\\.json\\?count=2`));
    const authorization = requestHeader(request, 'Authorization');
    assert.match(authorization, /^OAuth /);
    assert.match(authorization, new RegExp(`oauth_consumer_key="${CONSUMER_KEY}"`));
    assert.match(authorization, /oauth_signature_method="HMAC-SHA1"/);
    assert.match(authorization, new RegExp(`oauth_token="${MASKED}"`));
    assert.match(authorization, new RegExp(`oauth_signature="${MASKED}"`));

    const oauth = await wb.panel.tab(frame, 'oauth');
    assert.match(oauth, /Provider\s+sandbox/);
    assert.match(oauth, /Signature method\s+HMAC-SHA1/);
    assert.match(oauth, /Parameters in\s+header/);
    const baseString = (await frame.locator('pre.base-string').innerText()).trim();
    assert.ok(
      baseString.startsWith(`GET&${encoded(`${base}/1.1/statuses/home_timeline.json`)}&count%3D2%26`),
      baseString,
    );
    assert.match(baseString, new RegExp(`oauth_consumer_key%3D${CONSUMER_KEY}%26`));
    assert.match(baseString, /oauth_token%3D(%E2%80%A2){4}%26/, 'the token is masked whole in the base string');
    assert.doesNotMatch(baseString, /oauth_signature%3D/, 'the signature is not part of its own base string');
    for (const tab of ['body', 'headers', 'request', 'oauth']) {
      await wb.panel.tab(frame, tab);
      assert.doesNotMatch(await frame.locator('#root').innerText(), new RegExp(CONSUMER_SECRET));
    }
  },
);

scenario('a POST with a form body is signed (body parameters in the base string) and accepted', async () => {
  await wb.openFile('post.http');
  const { frame, status } = await sendFromCodeLens();
  assert.equal(status, '200 OK');
  const body = await wb.panel.tab(frame, 'body');
  assert.match(body, /"text": "Hello from the end-to-end tests"/);
  assert.match(body, new RegExp(`"screen_name": "${SCREEN_NAME}"`));

  const request = await wb.panel.tab(frame, 'request');
  assert.match(request, new RegExp(`^POST ${session.sandbox.base}/1\\.1/statuses/update\\.json`));
  assert.equal(requestHeader(request, 'Content-Type'), 'application/x-www-form-urlencoded');
  assert.match(requestHeader(request, 'Authorization'), new RegExp(`oauth_signature="${MASKED}"`));
  assert.match(request, /\nstatus=Hello%20from%20the%20end-to-end%20tests&trim_user=true$/);

  await wb.panel.tab(frame, 'oauth');
  const baseString = (await frame.locator('pre.base-string').innerText()).trim();
  assert.ok(baseString.startsWith(`POST&${encoded(`${session.sandbox.base}/1.1/statuses/update.json`)}&`));
  assert.match(baseString, /status%3DHello%2520from%2520the%2520end-to-end%2520tests/);
  assert.match(baseString, /trim_user%3Dtrue/);
});

/** A JSON document of about `bytes` bytes, written into the workspace as `name`. */
function writeBigJson(name, bytes) {
  const items = Array.from({ length: Math.ceil(bytes / 40) }, (_, id) => ({ id, text: 'x'.repeat(20) }));
  fs.writeFileSync(path.join(session.workspace, name), JSON.stringify({ items }));
}

scenario(
  'a response over the size the record keeps is shown cut, labelled, and opens whole in an editor',
  async () => {
    // The workspace's settings keep 0.5 MB of a body in the record (oauthHttp.responseSizeLimitMB);
    // the sandbox's echo answers the 1.5 MB body back inside a JSON string, about 2 MB.
    writeBigJson('big.json', 1_500_000);
    await wb.openFile('big.http');
    const { frame, status } = await sendFromCodeLens();
    assert.equal(status, '200 OK');
    const body = await wb.panel.tab(frame, 'body');
    assert.match(body, /First 512 KB of \d+(\.\d+)? MB; cut at the size limit — open the full body in the editor\./);
    const open = frame.locator('.notice.truncated button[data-action="openFullBody"]');
    assert.equal(await open.innerText(), 'Open full body in editor');
    await open.click();
    const opened = wb.page.locator('.tabs-container .tab.active').filter({ hasText: /^response-.*\.json/ });
    await opened.waitFor({ timeout: 60_000 });
  },
);

scenario('a request to a closed port shows connection refused, and the next request works', async () => {
  await wb.openFile('refused.http');
  const refused = await sendFromCodeLens();
  assert.match(refused.status, /connection.refused/i);
  const error = await refused.frame.locator('.error-box').innerText();
  assert.match(error, new RegExp(`127\\.0\\.0\\.1:${session.closedPort} refused the connection`));
  assert.match(error, /nothing is listening on that port/);

  await wb.openFile('timeline.http');
  const next = await sendFromCodeLens();
  assert.equal(next.status, '200 OK');
});

scenario('a broken request line shows its diagnostic in the Problems view', async () => {
  await wb.openFile('broken.http');
  const rows = await wb.problems("URL scheme 'ftp' is not supported");
  const row = rows.find((label) => label.includes("URL scheme 'ftp' is not supported"));
  assert.match(row, /^Error: URL scheme 'ftp' is not supported: use http:\/\/ or https:\/\/\. at line 2/);
  assert.ok(
    rows.some((label) => label.includes('broken.http')),
    rows.join('\n'),
  );
  assert.ok(!rows.some((label) => /timeline\.http|post\.http/.test(label)), 'valid files have no problems');
});

scenario('a killed language server is restarted and the next send works', async () => {
  await wb.openFile('timeline.http');
  const running = await eventually('the language server process', () => {
    const found = session.languageServers();
    return found.length > 0 ? found : undefined;
  });
  for (const pid of running) {
    process.kill(pid, 'SIGKILL');
  }
  await wb.waitForNotification('language server stopped unexpectedly and was restarted');
  await eventually('a new language server process', () =>
    session.languageServers().some((pid) => !running.includes(pid)),
  );
  const { status } = await sendFromCodeLens();
  assert.equal(status, '200 OK');
});

scenario('after a window reload the stored tokens sign requests without a new PIN', async () => {
  const serversBefore = session.languageServers();
  await wb.reloadWindow();
  await wb.openFile('timeline.http');
  const { status } = await sendFromCodeLens();
  assert.equal(status, '200 OK');
  assert.equal(await wb.quickInputVisible(), false, 'no prompt appeared');
  assert.ok(
    session.languageServers().some((pid) => !serversBefore.includes(pid)),
    'a new language server (new extension host) signed the request: the tokens came from SecretStorage',
  );
});

scenario(
  'after signing out, sending offers to authorize; the consumer is remembered, so only the PIN is asked',
  async () => {
    await wb.openFile('timeline.http');
    await wb.runCommand('OAuth: Sign out of provider');
    const choices = await wb.pick('Sign out of provider', 'Sandbox (local)');
    assert.ok(choices.includes('Sandbox (local), signed in'), choices.join('\n'));
    const question = await wb.answerDialog('Sign out of Sandbox (local)?', 'Sign out, keep consumer secret');
    assert.match(question, /Signing out forgets the access token/);
    await wb.waitForNotification('Signed out of sandbox');

    const previous = await wb.panel.shownRecordId();
    await wb.clickCodeLens('Send request');
    const offer = await wb.waitForNotification('"sandbox", which is not authorized in this workspace yet');
    const opened = session.context.waitForEvent('page', { timeout: 60_000 });
    await wb.clickNotificationButton(offer, 'Authorize');
    const pinBox = await wb.waitForInputBox('enter the PIN');
    assert.equal(pinBox.title, 'Authorize Sandbox (local)');
    const approval = await approveInBrowser(opened);
    assertAuthorizePage(approval);
    await wb.waitForInputBox('enter the PIN');
    await wb.submitInput(approval.pin);

    const { status } = await wb.waitForNewRecord(previous);
    assert.equal(status, '200 OK');
    await wb.waitForNotification(`Authorized sandbox as ${SCREEN_NAME}`);
  },
);

scenario(
  'Loopback: Authorize provider for Tumblr; the browser comes back to VS Code by itself, then Send request gets 200',
  async () => {
    await wb.openFile('tumblr.http');
    await wb.runCommand('OAuth: Authorize provider');
    const choices = await wb.pick('Authorize which provider?', 'Tumblr');
    assert.ok(choices.includes('Tumblr, not authorized (Loopback)'), choices.join('\n'));
    const definition = await wb.waitForNotification('changes where Tumblr (tumblr) credentials go');
    await wb.clickNotificationButton(definition, 'Use tumblr as this workspace defines it');
    const secret = await wb.waitForInputBox('Consumer secret');
    assert.equal(secret.password, true);
    const opened = session.context.waitForEvent('page', { timeout: 60_000 });
    await wb.submitInput('callback-secret');

    const offer = await wb.waitForNotification('To authorize Tumblr, approve access at');
    assert.match(await offer.innerText(), /Enter the code instead/);
    const page = await opened;
    await page.waitForLoadState('domcontentloaded');
    assert.match(page.url(), /\/personas\/callback\/oauth\/authorize\?oauth_token=/);
    await page.locator('#approve').click();
    // The persona redirects to the language server's listener on 127.0.0.1, which answers once
    // the token is exchanged.
    await page.locator('h1#title').waitFor({ timeout: 60_000 });
    assert.match(page.url(), /^http:\/\/127\.0\.0\.1:\d+\/oauth-http\/callback\?oauth_token=/);
    assert.equal(await page.locator('h1#title').innerText(), 'Authorized Tumblr');
    assert.match(await page.locator('body').innerText(), /You can close this page/);
    await page.close();
    await wb.page.bringToFront();
    await wb.waitForNotification(`Authorized tumblr as ${SCREEN_NAME}`);

    const { frame, status } = await sendFromCodeLens();
    assert.equal(status, '200 OK');
    const body = await wb.panel.tab(frame, 'body');
    assert.match(body, /"persona": "callback"/);
    assert.match(body, /"token": "access"/);
  },
);

scenario(
  'Paste: tokens made on the Magento persona page go into two password boxes, then Send request gets 200',
  async () => {
    const tokensPage = await session.context.newPage();
    await tokensPage.goto(`${session.sandbox.base}/personas/tokens/tokens`);
    await tokensPage.locator('#create').click();
    const token = (await tokensPage.locator('code#token').innerText()).trim();
    const tokenSecret = (await tokensPage.locator('code#token-secret').innerText()).trim();
    await tokensPage.close();
    await wb.page.bringToFront();

    await wb.openFile('magento.http');
    await wb.runCommand('OAuth: Authorize provider');
    await wb.pick('Authorize which provider?', 'Magento');
    const secret = await wb.waitForInputBox('Consumer secret');
    assert.equal(secret.password, true);
    await wb.submitInput('tokens-secret');
    const tokenBox = await wb.waitForInputBox('Access token (token ID)');
    assert.equal(tokenBox.password, true, 'the pasted token goes into a password box');
    await wb.submitInput(token);
    const secretBox = await wb.waitForInputBox('Token secret of that access token');
    assert.equal(secretBox.password, true);
    await wb.submitInput(tokenSecret);
    await wb.waitForNotification('Stored the access token for magento');

    const { frame, status } = await sendFromCodeLens();
    assert.equal(status, '200 OK');
    const body = await wb.panel.tab(frame, 'body');
    assert.match(body, /"signature_method": "HMAC-SHA256"/);
    assert.match(body, /searchCriteria\[pageSize\]/);
    const request = await wb.panel.tab(frame, 'request');
    assert.doesNotMatch(request, new RegExp(token));
    assert.doesNotMatch(request, new RegExp(tokenSecret));
  },
);
