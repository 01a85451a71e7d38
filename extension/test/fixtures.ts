/**
 * Shared test data: a response record with every field set, and small builders around it.
 */

import type { RecordBody, ResponseRecord } from '../src/protocol';

export function textBody(
  text: string,
  contentType = 'text/plain',
  extra: Partial<RecordBody> = {},
): RecordBody {
  return {
    text,
    base64: null,
    contentType,
    charset: 'utf-8',
    size: Buffer.byteLength(text),
    truncated: false,
    fullPath: null,
    complete: true,
    ...extra,
  };
}

export function record(extra: Partial<ResponseRecord> = {}): ResponseRecord {
  return {
    id: 'r1',
    uri: 'file:///work/api.http',
    line: 3,
    label: 'Get timeline',
    startedAt: '2025-01-01T10:00:00Z',
    request: {
      method: 'GET',
      url: 'http://127.0.0.1:8080/1.1/statuses/home_timeline.json?count=2',
      headers: [
        ['Accept', 'application/json'],
        ['Authorization', 'OAuth oauth_consumer_key="key", oauth_token="****", oauth_signature="****"'],
      ],
      body: null,
    },
    status: 200,
    reason: 'OK',
    httpVersion: 'HTTP/1.1',
    headers: [
      ['Content-Type', 'application/json'],
      ['X-Rate-Limit', '15'],
    ],
    body: textBody('{"ok": true}', 'application/json'),
    timing: { total: 42.4, headers: 40 },
    oauth: {
      provider: 'sandbox',
      signatureMethod: 'HMAC-SHA1',
      placement: 'header',
      baseString: 'GET&http%3A%2F%2F127.0.0.1%3A8080%2F1.1&count%3D2',
    },
    redirects: [],
    error: null,
    ...extra,
  };
}
