import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ServerNotification } from '../src/protocol';
import {
  MANAGE_TRUST,
  MANAGE_TRUST_COMMAND,
  TrustReporter,
  restrictedMessage,
  whenTrusted,
  type TrustUi,
} from '../src/workspaceTrust';

function fakeTrust(trusted: boolean, clicked?: string) {
  const warnings: [string, string[]][] = [];
  const ran: string[] = [];
  const ui: TrustUi = {
    isTrusted: () => trusted,
    warn: (message, ...actions) => (warnings.push([message, actions]), Promise.resolve(clicked)),
    run: (command) => (ran.push(command), Promise.resolve(undefined)),
  };
  return { ui, warnings, ran };
}

describe('the palette commands in Restricted Mode', () => {
  it('run the action in a trusted workspace, without a word', async () => {
    const { ui, warnings } = fakeTrust(true);
    let sent = 0;
    assert.equal(await whenTrusted(ui, 'send requests', () => Promise.resolve((sent += 1))), true);
    assert.equal(sent, 1);
    assert.deepEqual(warnings, []);
  });

  it('do not call the server, say why and open Manage Workspace Trust when asked', async () => {
    const { ui, warnings, ran } = fakeTrust(false, MANAGE_TRUST);
    let sent = 0;
    assert.equal(await whenTrusted(ui, 'send requests', () => Promise.resolve((sent += 1))), false);
    assert.equal(sent, 0);
    assert.deepEqual(warnings, [
      [
        'This workspace is in Restricted Mode: trust it to send requests (Manage Workspace Trust).',
        [MANAGE_TRUST],
      ],
    ]);
    assert.deepEqual(ran, [MANAGE_TRUST_COMMAND]);
    assert.equal(MANAGE_TRUST_COMMAND, 'workbench.trust.manage');
  });

  it('open nothing when the warning is dismissed', async () => {
    const { ui, ran } = fakeTrust(false, undefined);
    let authorized = false;
    const didRun = await whenTrusted(ui, 'authorize providers', () => Promise.resolve((authorized = true)));
    assert.equal(didRun, false);
    assert.equal(authorized, false);
    assert.deepEqual(ran, []);
  });

  it('word the refusal like the server', () => {
    assert.equal(
      restrictedMessage('authorize providers'),
      'This workspace is in Restricted Mode: trust it to authorize providers (Manage Workspace Trust).',
    );
  });
});

describe('telling the server about trust', () => {
  function reporter(trusted: { now: boolean }) {
    const sent: [string, object][] = [];
    const trust = new TrustReporter(
      () => trusted.now,
      (method, params) => void sent.push([method, params]),
    );
    return { trust, sent };
  }

  it('reads the trust when initialize is sent, not when the client was made', () => {
    const trusted = { now: false };
    const { trust } = reporter(trusted);
    assert.deepEqual(trust.initializationOptions(), { workspaceTrusted: false });
    trusted.now = true;
    assert.deepEqual(trust.initializationOptions(), { workspaceTrusted: true });
  });

  it('notifies the server when trust is granted', () => {
    const trusted = { now: false };
    const { trust, sent } = reporter(trusted);
    trust.started();
    assert.deepEqual(sent, [], 'an untrusted start says nothing more');
    trusted.now = true;
    trust.granted();
    assert.deepEqual(sent, [[ServerNotification.workspaceTrusted, {}]]);
    assert.equal(ServerNotification.workspaceTrusted, 'oauthHttp/workspaceTrusted');
  });

  it('says it again after a start, so trust granted while the server was starting is not lost', () => {
    const { trust, sent } = reporter({ now: true });
    trust.started();
    assert.deepEqual(sent, [[ServerNotification.workspaceTrusted, {}]]);
  });
});
