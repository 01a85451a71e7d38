import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';

import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  Trace,
} from 'vscode-jsonrpc/node';
import type * as vscode from 'vscode';

import { ClientRequest } from '../src/protocol';
import { MASK, MIN_SECRET_LENGTH, SecretRedactor, redactingChannel } from '../src/secretRedaction';

describe('secret redaction', () => {
  it('masks a remembered secret raw, JSON-escaped and percent-encoded', () => {
    const redactor = new SecretRedactor();
    redactor.remember('s3cr"et/+key');
    const text = 'raw s3cr"et/+key, json "s3cr\\"et/+key", header oauth_token="s3cr%22et%2F%2Bkey"';
    assert.equal(redactor.redact(text), `raw ${MASK}, json "${MASK}", header oauth_token="${MASK}"`);
  });

  it('masks the secret fields of a stored token or consumer, not its public key', () => {
    const redactor = new SecretRedactor();
    redactor.remember('{"token": "1000001-access", "secret": "token-secret", "screenName": "ada"}');
    redactor.remember('{"key": "public-consumer", "secret": "consumer-secret"}');
    assert.equal(
      redactor.redact('1000001-access token-secret consumer-secret public-consumer ada'),
      `${MASK} ${MASK} ${MASK} public-consumer ada`,
    );
  });

  it('leaves text alone until a secret is seen, and ignores values too short to mask', () => {
    const redactor = new SecretRedactor();
    assert.equal(redactor.redact('"value": "x" nothing secret'), '"value": "x" nothing secret');
    redactor.remember('a'.repeat(MIN_SECRET_LENGTH - 1));
    assert.equal(redactor.redact('aaa banana'), 'aaa banana');
  });

  it("masks the value of storeSecret in jsonrpc's own verbose trace, before the handler ran", async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createMessageConnection(
      new StreamMessageReader(toServer),
      new StreamMessageWriter(toClient),
    );
    const client = createMessageConnection(
      new StreamMessageReader(toClient),
      new StreamMessageWriter(toServer),
    );
    const redactor = new SecretRedactor();
    const lines: string[] = [];
    client.onRequest(ClientRequest.storeSecret, () => ({}));
    client.listen();
    server.listen();
    await client.trace(Trace.Verbose, {
      log: (message: unknown, data?: string) => {
        lines.push(redactor.redact(`${String(message)}\n${data ?? ''}`));
      },
    });
    await server.sendRequest(ClientRequest.storeSecret, { key: 'k', value: '{"token":"never-logged"}' });
    client.dispose();
    server.dispose();
    const written = lines.join('\n');
    assert.match(written, /oauthHttp\/storeSecret/);
    assert.ok(!written.includes('never-logged'), written);
    assert.ok(written.includes(MASK), written);
  });

  it('redacts what is written through the channel, and passes everything else through', () => {
    const written: string[] = [];
    const channel = {
      name: 'OAuth HTTP',
      trace: (message: string) => written.push(`trace ${message}`),
      error: (error: string | Error) => written.push(`error ${String(error)}`),
      appendLine: (line: string) => written.push(`line ${line}`),
      show: () => written.push('shown'),
    } as unknown as vscode.LogOutputChannel;
    const redactor = new SecretRedactor();
    redactor.remember('hidden-value');
    const wrapped = redactingChannel(channel, redactor);
    wrapped.trace('Params: {"token": "hidden-value"}');
    wrapped.error(new Error('failed with hidden-value'));
    wrapped.appendLine('hidden-value');
    wrapped.show();
    assert.equal(wrapped.name, 'OAuth HTTP');
    assert.deepEqual(written.slice(0, 1), [`trace Params: {"token": "${MASK}"}`]);
    assert.ok(written[1]?.startsWith(`error Error: failed with ${MASK}`), written[1]);
    assert.deepEqual(written.slice(2), [`line ${MASK}`, 'shown']);
  });
});
