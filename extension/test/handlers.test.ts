import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  registerProtocolHandlers,
  type Prompts,
  type ProtocolListeners,
  type SecretStore,
  type ServerConnection,
} from '../src/handlers';
import {
  ClientNotification,
  ClientRequest,
  type AskTextParams,
  type PickParams,
  type ResponseRecord,
} from '../src/protocol';
import { record } from './fixtures';

/** Records the handlers the module registers, so tests can call them like the server would. */
class FakeConnection implements ServerConnection {
  readonly requests = new Map<string, (params: unknown) => Promise<unknown>>();
  readonly notifications = new Map<string, (params: unknown) => void>();
  disposed = 0;

  onRequest(method: string, handler: (params: unknown) => Promise<unknown>) {
    this.requests.set(method, handler);
    return { dispose: () => (this.disposed += 1) };
  }

  onNotification(method: string, handler: (params: unknown) => void) {
    this.notifications.set(method, handler);
    return { dispose: () => (this.disposed += 1) };
  }

  request(method: string, params: unknown): Promise<unknown> {
    const handler = this.requests.get(method);
    assert.ok(handler, `no handler for ${method}`);
    return handler(params);
  }

  notify(method: string, params: unknown): void {
    const handler = this.notifications.get(method);
    assert.ok(handler, `no handler for ${method}`);
    handler(params);
  }
}

class FakePrompts implements Prompts {
  asked: AskTextParams[] = [];
  picks: PickParams[] = [];
  constructor(
    private readonly text: string | undefined,
    private readonly picked: string | undefined,
  ) {}
  askText(params: AskTextParams) {
    this.asked.push(params);
    return Promise.resolve(this.text);
  }
  pick(params: PickParams) {
    this.picks.push(params);
    return Promise.resolve(this.picked);
  }
}

class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  get(key: string) {
    return Promise.resolve(this.values.get(key));
  }
  store(key: string, value: string) {
    this.values.set(key, value);
    return Promise.resolve();
  }
  delete(key: string) {
    this.values.delete(key);
    return Promise.resolve();
  }
}

function setUp(text?: string, picked?: string) {
  const connection = new FakeConnection();
  const prompts = new FakePrompts(text, picked);
  const secrets = new MemorySecrets();
  const responses: ResponseRecord[] = [];
  const problems: string[] = [];
  let providersChanged = 0;
  const listeners: ProtocolListeners = {
    onResponse: (r) => responses.push(r),
    onProvidersChanged: () => (providersChanged += 1),
    onBadNotification: (p) => problems.push(p),
  };
  const seen: string[] = [];
  const sightings = { remember: (value: string) => seen.push(value) };
  const disposables = registerProtocolHandlers(connection, { prompts, secrets, listeners, sightings });
  return {
    connection,
    prompts,
    secrets,
    responses,
    problems,
    disposables,
    seen,
    changed: () => providersChanged,
  };
}

describe('protocol handlers', () => {
  it('registers one handler per client method and notification', () => {
    const { connection, disposables } = setUp();
    assert.deepEqual([...connection.requests.keys()].sort(), Object.values(ClientRequest).sort());
    assert.deepEqual([...connection.notifications.keys()].sort(), Object.values(ClientNotification).sort());
    disposables.forEach((d) => d.dispose());
    assert.equal(connection.disposed, 7);
  });

  it('answers askText with the typed value and passes the masked flag on', async () => {
    const { connection, prompts } = setUp('1234567');
    const answer = await connection.request(ClientRequest.askText, {
      title: 'Authorize sandbox',
      prompt: 'PIN shown by the provider',
      masked: true,
      placeholder: '1234567',
      value: '',
    });
    assert.deepEqual(answer, { value: '1234567' });
    assert.equal(prompts.asked[0]?.masked, true);
    assert.equal(prompts.asked[0].prompt, 'PIN shown by the provider');
  });

  it('answers a cancelled askText with null', async () => {
    const { connection } = setUp(undefined);
    assert.deepEqual(await connection.request(ClientRequest.askText, { prompt: 'Key' }), { value: null });
  });

  it('fills missing optional askText fields and treats a missing masked flag as false', async () => {
    const { connection, prompts } = setUp('x');
    await connection.request(ClientRequest.askText, { prompt: 'Key' });
    assert.deepEqual(prompts.asked[0], {
      title: '',
      prompt: 'Key',
      masked: false,
      placeholder: '',
      value: '',
    });
  });

  it('rejects an askText whose fields have the wrong types, naming the field', async () => {
    const { connection } = setUp('x');
    await assert.rejects(
      connection.request(ClientRequest.askText, { prompt: 3 }),
      /"prompt" must be a string/,
    );
    await assert.rejects(
      connection.request(ClientRequest.askText, { prompt: 'a', masked: 'yes' }),
      /"masked"/,
    );
    await assert.rejects(connection.request(ClientRequest.askText, ['prompt']), /must be an object/);
  });

  it('answers pick with the chosen id', async () => {
    const { connection, prompts } = setUp(undefined, 'x');
    const answer = await connection.request(ClientRequest.pick, {
      title: 'Authorize which provider?',
      placeholder: '',
      items: [
        { id: 'sandbox', label: 'Sandbox', description: 'not authorized' },
        { id: 'x', label: 'X (Twitter)', description: 'authorized' },
      ],
    });
    assert.deepEqual(answer, { id: 'x' });
    assert.equal(prompts.picks[0]?.items.length, 2);
  });

  it('answers pick with null when cancelled, when the list is empty, or for an unknown id', async () => {
    const items = [{ id: 'a', label: 'A', description: '' }];
    assert.deepEqual(await setUp(undefined, undefined).connection.request(ClientRequest.pick, { items }), {
      id: null,
    });
    const empty = setUp(undefined, 'a');
    assert.deepEqual(await empty.connection.request(ClientRequest.pick, { items: [] }), { id: null });
    assert.equal(empty.prompts.picks.length, 0, 'no quick pick for an empty list');
    assert.deepEqual(await setUp(undefined, 'zzz').connection.request(ClientRequest.pick, { items }), {
      id: null,
    });
  });

  it('rejects pick items without an id', async () => {
    const { connection } = setUp(undefined, 'a');
    await assert.rejects(
      connection.request(ClientRequest.pick, { items: [{ label: 'A' }] }),
      /"id" must be a string/,
    );
  });

  it('stores, reads and deletes secrets through the secret store', async () => {
    const { connection, secrets } = setUp();
    const key = 'oauthHttp:file:///work:sandbox:token';
    assert.deepEqual(await connection.request(ClientRequest.getSecret, { key }), { value: null });
    assert.deepEqual(
      await connection.request(ClientRequest.storeSecret, { key, value: '{"token":"t"}' }),
      {},
    );
    assert.equal(secrets.values.get(key), '{"token":"t"}');
    assert.deepEqual(await connection.request(ClientRequest.getSecret, { key }), { value: '{"token":"t"}' });
    assert.deepEqual(await connection.request(ClientRequest.deleteSecret, { key }), {});
    assert.equal(secrets.values.has(key), false);
  });

  it('reports every secret it reads, stores or is typed masked, before answering', async () => {
    const { connection, secrets, seen } = setUp('typed-secret');
    const key = 'oauthHttp:file:///work:sandbox:consumer';
    await connection.request(ClientRequest.storeSecret, { key, value: 'stored-secret' });
    secrets.values.set('other', 'read-secret');
    await connection.request(ClientRequest.getSecret, { key: 'other' });
    await connection.request(ClientRequest.getSecret, { key: 'missing' });
    await connection.request(ClientRequest.askText, { prompt: 'Consumer secret', masked: true });
    await connection.request(ClientRequest.askText, { prompt: 'Consumer key', masked: false });
    assert.deepEqual(seen, ['stored-secret', 'read-secret', 'typed-secret']);
  });

  it('refuses an empty secret key and a secret value that is not a string', async () => {
    const { connection, secrets } = setUp();
    await assert.rejects(connection.request(ClientRequest.getSecret, { key: '' }), /"key"/);
    await assert.rejects(connection.request(ClientRequest.storeSecret, { key: 'k', value: 42 }), /"value"/);
    assert.equal(secrets.values.size, 0);
  });

  it('passes a response record to the panel listener', () => {
    const { connection, responses, problems } = setUp();
    connection.notify(ClientNotification.response, record());
    assert.equal(responses.length, 1);
    assert.equal(responses[0]?.id, 'r1');
    assert.equal(responses[0].oauth?.signatureMethod, 'HMAC-SHA1');
    assert.deepEqual(problems, []);
  });

  it('fills neutral defaults in a sparse record and reports one that cannot be shown', () => {
    const { connection, responses, problems } = setUp();
    connection.notify(ClientNotification.response, {
      id: 'e1',
      error: { kind: 'timeout', message: 'Timed out' },
    });
    assert.equal(responses[0]?.status, null);
    assert.equal(responses[0].error?.hint, '');
    assert.deepEqual(responses[0].headers, []);
    connection.notify(ClientNotification.response, { status: 200 });
    assert.equal(responses.length, 1);
    assert.match(problems[0] ?? '', /oauthHttp\/response: "id" must be a string/);
  });

  it('refreshes on providersChanged whatever its payload', () => {
    const { connection, changed } = setUp();
    connection.notify(ClientNotification.providersChanged, { folderUri: 'file:///work' });
    connection.notify(ClientNotification.providersChanged, undefined);
    assert.equal(changed(), 2);
  });
});
