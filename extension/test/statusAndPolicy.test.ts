import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CrashPolicy } from '../src/crashPolicy';
import { NotifyOnce } from '../src/notifyOnce';
import type { ProviderState } from '../src/protocol';
import { environmentStatus, providerStatus } from '../src/statusText';

const provider = (
  id: string,
  authorized: boolean,
  label = id,
  flow: ProviderState['flow'] = 'PIN',
): ProviderState => ({
  id,
  label,
  authorized,
  source: 'preset',
  flow,
});

describe('status bar text', () => {
  it('shows the selected environment, or that there is none', () => {
    assert.equal(environmentStatus('staging').text, '$(server-environment) staging');
    assert.match(environmentStatus('staging').tooltip, /staging/);
    assert.equal(environmentStatus(undefined).text, '$(server-environment) No environment');
    assert.equal(environmentStatus('').text, '$(server-environment) No environment');
  });

  it('marks each provider of the file as authorized or not', () => {
    assert.equal(providerStatus([provider('sandbox', true)])?.text, '$(key) sandbox ✓');
    const two = providerStatus([provider('sandbox', true), provider('x', false, 'X (Twitter)')]);
    assert.equal(two?.text, '$(key) sandbox ✓  X (Twitter) ✗');
    assert.match(two.tooltip, /X \(Twitter\): not authorized \(preset\)/);
    assert.match(two.tooltip, /Click to authorize\./);
  });

  it('tells consumer-only and other flows apart', () => {
    const ready = providerStatus([
      provider('mastercard', true, 'Mastercard', 'Consumer Only'),
      provider('tumblr', false, 'Tumblr', 'Loopback'),
    ]);
    assert.equal(ready?.text, '$(key) Mastercard ✓ consumer only  Tumblr ✗');
    assert.match(ready.tooltip, /Mastercard: ready, signs with the consumer alone \(Consumer Only\)/);
    assert.match(ready.tooltip, /Tumblr: not authorized \(preset, Loopback\)/);
    const unset = providerStatus([provider('woo', false, 'WooCommerce', 'Consumer Only')]);
    assert.match(unset?.tooltip ?? '', /WooCommerce: consumer not set \(Consumer Only\)/);
  });

  it('hides the provider item when the file names no provider', () => {
    assert.equal(providerStatus([]), undefined);
  });
});

describe('crash policy', () => {
  it('does not restart a server that never started', () => {
    const policy = new CrashPolicy(() => 0);
    assert.deepEqual(policy.closed(), { restart: false, reason: 'never-started' });
  });

  it('restarts a crashed server and tells the user only the first time', () => {
    let now = 0;
    const policy = new CrashPolicy(() => now);
    policy.started();
    assert.deepEqual(policy.closed(), { restart: true, tellUser: true });
    policy.started();
    now = 1000;
    assert.deepEqual(policy.closed(), { restart: true, tellUser: false });
  });

  it('gives up after too many crashes within the window, and forgets old crashes', () => {
    let now = 0;
    const policy = new CrashPolicy(() => now, 2, 60_000);
    for (let i = 0; i < 2; i++) {
      policy.started();
      assert.equal(policy.closed().restart, true);
      now += 1000;
    }
    policy.started();
    assert.deepEqual(policy.closed(), { restart: false, reason: 'too-many-crashes' });
    const later = new CrashPolicy(() => now, 2, 60_000);
    for (let i = 0; i < 5; i++) {
      later.started();
      assert.equal(later.closed().restart, true, `crash ${i} is outside the window of the earlier ones`);
      now += 61_000;
    }
  });

  it('a second failure while restarting (no successful start) stops the loop', () => {
    const policy = new CrashPolicy(() => 0);
    policy.started();
    assert.equal(policy.closed().restart, true);
    assert.deepEqual(policy.closed(), { restart: false, reason: 'never-started' });
  });
});

describe('NotifyOnce', () => {
  it('shows each kind once until re-armed', () => {
    const once = new NotifyOnce();
    let shown = 0;
    assert.equal(
      once.notify('start-failed', () => shown++),
      true,
    );
    assert.equal(
      once.notify('start-failed', () => shown++),
      false,
    );
    assert.equal(
      once.notify('interpreter', () => shown++),
      true,
    );
    assert.equal(shown, 2);
    once.rearm('start-failed');
    assert.equal(
      once.notify('start-failed', () => shown++),
      true,
    );
    assert.equal(
      once.notify('interpreter', () => shown++),
      false,
    );
    once.rearm();
    assert.equal(
      once.notify('interpreter', () => shown++),
      true,
    );
    assert.equal(shown, 4);
  });
});
