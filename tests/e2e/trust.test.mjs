/**
 * Workspace Trust end to end: code-server with Workspace Trust on and the workspace not trusted
 * (no startup prompt, so it opens in Restricted Mode), the extension installed from its .vsix.
 * In Restricted Mode the diagnostics still appear, the lenses say what trusting the workspace
 * would allow and open Manage Workspace Trust, and neither a lens nor the palette sends or
 * authorizes: a listener of the test's own and the sandbox receive nothing. After the user trusts
 * the workspace in VS Code's Workspace Trust editor, the lenses change without a reload and a
 * send reaches the listener. Its own session (trust is per profile), after scenarios.test.mjs.
 */

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { after, before } from 'node:test';

import { scenarioOn } from './harness/scenario.mjs';
import { Session } from './harness/session.mjs';
import { eventually } from './harness/waiting.mjs';

const RESTRICTED_SEND =
  'This workspace is in Restricted Mode: trust it to send requests (Manage Workspace Trust).';
const RESTRICTED_AUTHORIZE =
  'This workspace is in Restricted Mode: trust it to authorize providers (Manage Workspace Trust).';

const TRUST_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'always',
};

let session;
let wb;
let listener;

/** An HTTP listener on 127.0.0.1 that answers 200 and keeps every request it receives. */
async function startListener() {
  const requests = [];
  const server = http.createServer((request, response) => {
    requests.push({ method: request.method, url: request.url, headers: request.headers });
    request.resume();
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ received: request.url }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, requests, base: `http://127.0.0.1:${server.address().port}` };
}

function trustFile(base) {
  return [
    '# @name listener', // 0
    `GET ${base}/trust-check`, // 1
    '', // 2
    '### Signed, to the sandbox', // 3
    '# @oauth1 sandbox', // 4
    'GET {{apiUrl}}/account/verify_credentials.json', // 5
    '', // 6
    '### Undefined', // 7
    `GET ${base}/{{notDefinedAnywhere}}`, // 8
    '',
  ].join('\n');
}

/** The request lines the sandbox logged (`oauth-http sandbox` logs each one on stderr). */
function sandboxRequests() {
  const log = fs.readFileSync(path.join(session.logs, 'trust-sandbox.log'), 'utf8');
  return log.split('\n').filter((line) => / HTTP\/1\.[01] -> /.test(line));
}

before(
  async () => {
    listener = await startListener();
    session = await Session.start({
      logPrefix: 'trust',
      settings: TRUST_SETTINGS,
      workspaceTrust: true,
      workspaceFiles: { 'trust.http': trustFile(listener.base) },
    });
    wb = session.workbench;
  },
  { timeout: 300_000 },
);

after(
  async () => {
    await session?.stop();
    listener?.server.close();
  },
  { timeout: 60_000 },
);

const scenario = scenarioOn(() => session, { prefix: 'trust ' });

/** The titles of the CodeLenses shown in the active editor. */
async function lensTitles() {
  return wb.page
    .locator('.editor-group-container.active .codelens-decoration a')
    .evaluateAll((links) => links.map((link) => link.textContent.trim()));
}

const TRUST_EDITOR = '.workspace-trust-editor';

async function restrictedModeShown() {
  return (await wb.page.locator('.part.statusbar').innerText()).includes('Restricted Mode');
}

async function workspaceTrustEditorShown() {
  await wb.page.locator(TRUST_EDITOR).first().waitFor({ timeout: 30_000 });
}

/** Closes the Workspace Trust editor (VS Code shows it as a modal editor, over the others). */
async function closeWorkspaceTrustEditor() {
  await eventually('the Workspace Trust editor to close', async () => {
    if ((await wb.page.locator(TRUST_EDITOR).count()) === 0) {
      return true;
    }
    // Escape closes it once it has the focus (clicking Trust leaves the focus elsewhere).
    await wb.page.locator(TRUST_EDITOR).first().click({ position: { x: 10, y: 10 } }).catch(() => undefined);
    await wb.page.keyboard.press('Escape');
    return undefined;
  });
}

scenario('Restricted Mode: diagnostics appear, the lenses ask for trust, nothing is sent or authorized', async () => {
  await eventually('the status bar to show Restricted Mode', async () =>
    (await restrictedModeShown()) ? true : undefined,
  );
  await wb.openFile('trust.http');
  await eventually('the lenses of Restricted Mode', async () => {
    const titles = await lensTitles();
    return titles.includes('Trust the workspace to authorize sandbox') &&
      titles.filter((title) => title === 'Trust the workspace to send').length === 3
      ? titles
      : undefined;
  }, { timeoutMs: 90_000 });
  assert.ok(!(await lensTitles()).includes('Send request'));
  await wb.problems(/notDefinedAnywhere/);

  await wb.runCommand('View: Close All Editors');
  await wb.openFile('trust.http');
  await wb.clickCodeLens('Trust the workspace to send');
  await workspaceTrustEditorShown();
  await closeWorkspaceTrustEditor();

  await wb.runCommand('View: Close All Editors');
  await wb.openFile('trust.http');
  await wb.page.locator('.editor-group-container.active .view-line').filter({ hasText: '/trust-check' }).click();
  await wb.page.keyboard.press('Control+Alt+R'); // OAuth: Send request

  const refusal = await wb.waitForNotification(RESTRICTED_SEND);
  assert.equal(
    await refusal.locator('.monaco-button').filter({ hasText: /^Manage Workspace Trust$/ }).count(),
    1,
    'the refusal offers Manage Workspace Trust',
  );
  await wb.runCommand('OAuth: Send all requests in file');
  await wb.runCommand('OAuth: Authorize provider');
  await wb.waitForNotification(RESTRICTED_AUTHORIZE);
  assert.equal(await wb.quickInputVisible(), false, 'no provider pick, no consumer key box');

  assert.deepEqual(listener.requests, [], 'the listener received nothing');
  assert.deepEqual(sandboxRequests(), [], 'the sandbox received nothing');
});

scenario('after trusting the workspace in Manage Workspace Trust, the lenses change and a send works', async () => {
  await wb.runCommand('Workspaces: Manage Workspace Trust');
  await workspaceTrustEditorShown();
  await wb.page.locator(`${TRUST_EDITOR} .monaco-button`).filter({ hasText: /^Trust$/ }).first().click();
  // The status bar's "Restricted Mode" item goes once the workspace is trusted.
  await eventually('the workspace to be trusted', async () =>
    (await restrictedModeShown()) ? undefined : true,
  );
  await closeWorkspaceTrustEditor();

  await wb.runCommand('View: Close All Editors');
  await wb.openFile('trust.http');
  await eventually('the lenses of a trusted workspace', async () => {
    const titles = await lensTitles();
    return titles.includes('Authorize sandbox') && titles.includes('Send request') ? titles : undefined;
  }, { timeoutMs: 60_000 });
  assert.ok(!(await lensTitles()).some((title) => title.startsWith('Trust the workspace')));

  const previous = await wb.panel.shownRecordId();
  await wb.clickCodeLens('Send request');
  const { frame, status } = await wb.waitForNewRecord(previous);
  assert.equal(status, '200 OK');
  assert.match(await frame.locator('.status-line').innerText(), /GET http:\/\/127\.0\.0\.1:\d+\/trust-check/);
  assert.deepEqual(
    listener.requests.map((request) => [request.method, request.url]),
    [['GET', '/trust-check']],
  );
});
