import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { SecretStore } from '../src/handlers';
import { SecretChangeFilter } from '../src/secretChanges';

function memory(failing = false): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: (key) => Promise.resolve(values.get(key)),
    store: (key, value) =>
      failing ? Promise.reject(new Error('locked')) : (values.set(key, value), Promise.resolve()),
    delete: (key) => (values.delete(key), Promise.resolve()),
  };
}

describe('secret changes the server is told of', () => {
  it('skips the change events of its own writes, once each, and passes the others on', async () => {
    const filter = new SecretChangeFilter();
    const store = filter.wrap(memory());
    await store.store('k:token', 'v');
    await store.delete('k:token');
    assert.equal(filter.isExternal('k:token'), false, 'the store');
    assert.equal(filter.isExternal('k:token'), false, 'the delete');
    assert.equal(filter.isExternal('k:token'), true, 'another window signed out');
    assert.equal(filter.isExternal('k:consumer'), true);
  });

  it('reads through, and forgets the mark of a write that failed', async () => {
    const inner = memory(true);
    inner.values.set('k', 'stored');
    const filter = new SecretChangeFilter();
    const store = filter.wrap(inner);
    assert.equal(await store.get('k'), 'stored');
    await assert.rejects(store.store('k', 'new'), /locked/);
    assert.equal(filter.isExternal('k'), true);
  });
});
