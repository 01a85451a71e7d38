import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { MASK, maskParameters, shellQuote, toCurl, toCurlWithSecrets } from '../src/panel/curl';
import type { CurlRequest, RecordRequest } from '../src/protocol';
import { textBody } from './fixtures';

/** What a POSIX shell makes of `words`: each argument on its own line, via printf. */
function shellWords(words: string): string[] {
  const output = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${words}`], { encoding: 'utf8' });
  return output.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes everything else', () => {
    assert.equal(shellQuote('https://api.x.com/1.1/a.json'), 'https://api.x.com/1.1/a.json');
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote('a b'), "'a b'");
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });

  it('survives a real shell unchanged, whatever the characters', () => {
    const tricky = [
      "it's",
      'a b',
      '$(rm -rf /)',
      '`id`',
      '"double" \\ back',
      'line1\nline2',
      '*?[]{}~!#&;|<>',
      "''",
      'é 日本',
    ];
    assert.deepEqual(shellWords(tricky.map(shellQuote).join(' ')), tricky);
  });
});

describe('toCurl', () => {
  const signed: RecordRequest = {
    method: 'POST',
    url: 'https://api.x.com/1.1/statuses/update.json?oauth_token=abc&include_entities=true',
    headers: [
      [
        'Authorization',
        'OAuth oauth_consumer_key="ck", oauth_nonce="n1", oauth_signature="c2ln%3D", oauth_token="tok", oauth_version="1.0"',
      ],
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['Cookie', 'session=s3cr3t'],
      ['Accept', 'application/json'],
    ],
    body: textBody("status=it's%20me&oauth_signature=xyz", 'application/x-www-form-urlencoded'),
  };

  it('masks oauth_signature and oauth_token everywhere and credential headers, and keeps the rest', () => {
    const curl = toCurl(signed);
    assert.ok(!curl.command.includes('c2ln'));
    assert.ok(!curl.command.includes('tok"'));
    assert.ok(!curl.command.includes('oauth_token=abc'));
    assert.ok(!curl.command.includes('xyz'));
    assert.ok(!curl.command.includes('s3cr3t'));
    assert.ok(curl.command.includes('oauth_consumer_key="ck"'));
    assert.ok(curl.command.includes('oauth_nonce="n1"'));
    assert.ok(curl.command.includes('include_entities=true'));
    assert.deepEqual(curl.masked, ['Cookie header', 'oauth_signature', 'oauth_token']);
  });

  it('produces a command a shell splits into the intended curl arguments', () => {
    const curl = toCurl(signed);
    const words = shellWords(curl.command.replace(/^curl /, '').replace(/ \\\n {2}/g, ' '));
    assert.deepEqual(words, [
      '-X',
      'POST',
      `https://api.x.com/1.1/statuses/update.json?oauth_token=${MASK}&include_entities=true`,
      '-H',
      `Authorization: OAuth oauth_consumer_key="ck", oauth_nonce="n1", oauth_signature="${MASK}", oauth_token="${MASK}", oauth_version="1.0"`,
      '-H',
      'Content-Type: application/x-www-form-urlencoded',
      '-H',
      `Cookie: ${MASK}`,
      '-H',
      'Accept: application/json',
      '--data-raw',
      `status=it's%20me&oauth_signature=${MASK}`,
    ]);
  });

  it('keeps the auth scheme of other Authorization headers but masks the credentials', () => {
    const curl = toCurl({
      method: 'GET',
      url: 'http://h/',
      headers: [['authorization', 'Bearer abc.def']],
      body: null,
    });
    assert.ok(curl.command.includes(`authorization: Bearer ${MASK}`));
    assert.ok(!curl.command.includes('abc.def'));
  });

  it('leaves JSON bodies alone, uses --head for HEAD and no -X for a plain GET', () => {
    const json = toCurl({
      method: 'PUT',
      url: 'http://h/',
      headers: [],
      body: textBody('{"oauth_token": "kept in JSON"}', 'application/json'),
    });
    assert.ok(json.command.includes(`--data-raw '{"oauth_token": "kept in JSON"}'`));
    assert.ok(
      toCurl({ method: 'HEAD', url: 'http://h/', headers: [], body: null }).command.startsWith(
        'curl --head ',
      ),
    );
    assert.equal(
      toCurl({ method: 'GET', url: 'http://h/', headers: [], body: null }).command,
      'curl http://h/',
    );
  });

  it('adds --compressed when the request accepts a compressed body, and only then', () => {
    const gzip = toCurl({
      method: 'GET',
      url: 'http://h/',
      headers: [['Accept-Encoding', 'gzip, deflate']],
      body: null,
    });
    assert.equal(gzip.command, "curl http://h/ --compressed \\\n  -H 'Accept-Encoding: gzip, deflate'");
    const identity = toCurl({
      method: 'GET',
      url: 'http://h/',
      headers: [['Accept-Encoding', 'identity']],
      body: null,
    });
    assert.ok(!identity.command.includes('--compressed'));
  });

  it('carries a binary body in a here-document and says when a body was cut', () => {
    const binary = { ...textBody(''), text: null, base64: 'AAEC' };
    const carried = toCurl({ method: 'POST', url: 'http://h/', headers: [], body: binary });
    assert.deepEqual(carried.notes, []);
    assert.deepEqual([...runWithFakeCurl(carried.command).stdin], [0, 1, 2]);
    const cut = textBody('abc', 'text/plain', { truncated: true });
    assert.match(toCurl({ method: 'POST', url: 'http://h/', headers: [], body: cut }).notes[0] ?? '', /cut/);
  });

  it('masks parameters by their decoded name and keeps other bytes exactly', () => {
    const masked = new Set<string>();
    assert.equal(
      maskParameters('a=1&oauth%5Fsignature=s&&b&oauth_token=', masked),
      `a=1&oauth%5Fsignature=${MASK}&&b&oauth_token=`,
    );
    assert.deepEqual([...masked], ['oauth_signature']);
  });
});

/**
 * Runs `command` in a real POSIX shell with `curl` replaced by a function that writes its
 * arguments and its standard input to files: what a real curl would have been given.
 */
function runWithFakeCurl(command: string): { args: string[]; stdin: Buffer } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-http-curl-'));
  const argsFile = path.join(folder, 'args');
  const stdinFile = path.join(folder, 'stdin');
  const fakeCurl = `curl() { printf '%s\\0' "$@" > ${shellQuote(argsFile)}; cat > ${shellQuote(stdinFile)}; }`;
  try {
    execFileSync('/bin/sh', ['-c', `${fakeCurl}\n${command}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    return {
      args: fs.readFileSync(argsFile, 'utf8').split('\0').slice(0, -1),
      stdin: fs.readFileSync(stdinFile),
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

describe('toCurlWithSecrets', () => {
  const authorization =
    'OAuth oauth_consumer_key="ck", oauth_nonce="n1", oauth_signature="c2ln%3D", ' +
    'oauth_signature_method="HMAC-SHA1", oauth_timestamp="1700000000", ' +
    'oauth_token="1000001-tok", oauth_version="1.0"';
  const signed: CurlRequest = {
    method: 'POST',
    url: "https://api.x.com/1.1/statuses/update.json?oauth_token=abc&it's=1",
    headers: [
      ['Authorization', authorization],
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['Cookie', 'session=s3cr3t'],
    ],
    bodyText: 'status=Hello%20world%21&oauth_signature=xyz',
    bodyBase64: null,
  };

  it('keeps every secret and quotes each word as the masked command does', () => {
    const curl = toCurlWithSecrets(signed);
    assert.deepEqual(curl.masked, []);
    assert.deepEqual(runWithFakeCurl(curl.command).args, [
      '-X',
      'POST',
      "https://api.x.com/1.1/statuses/update.json?oauth_token=abc&it's=1",
      '-H',
      `Authorization: ${authorization}`,
      '-H',
      'Content-Type: application/x-www-form-urlencoded',
      '-H',
      'Cookie: session=s3cr3t',
      '--data-raw',
      'status=Hello%20world%21&oauth_signature=xyz',
    ]);
    assert.ok(!curl.command.includes(MASK));
  });

  it('lays the command out like the masked one for the same request', () => {
    const masked = toCurl({
      method: 'GET',
      url: 'http://h/a b',
      headers: [['Accept', 'application/json']],
      body: null,
    });
    const unmasked = toCurlWithSecrets({
      method: 'GET',
      url: 'http://h/a b',
      headers: [['Accept', 'application/json']],
      bodyText: null,
      bodyBase64: null,
    });
    assert.equal(unmasked.command, masked.command);
    assert.equal(unmasked.command, "curl 'http://h/a b' \\\n  -H 'Accept: application/json'");
  });

  it('carries a binary body in the command and pipes its exact bytes into curl', () => {
    const bytes = Buffer.from([0, 1, 0x27, 0xfe, 0xff, 0x0a, 0x5c]);
    const curl = toCurlWithSecrets({
      method: 'PUT',
      url: 'http://h/upload',
      headers: [['Content-Type', 'application/octet-stream']],
      bodyText: null,
      bodyBase64: bytes.toString('base64'),
    });
    assert.deepEqual(curl.notes, []);
    const ran = runWithFakeCurl(curl.command);
    assert.deepEqual(ran.args, [
      '-X',
      'PUT',
      'http://h/upload',
      '-H',
      'Content-Type: application/octet-stream',
      '--data-binary',
      '@-',
    ]);
    assert.deepEqual([...ran.stdin], [...bytes]);
  });

  it('sends an empty text body as an empty argument, not as no body', () => {
    const curl = toCurlWithSecrets({
      method: 'POST',
      url: 'http://h/',
      headers: [],
      bodyText: '',
      bodyBase64: null,
    });
    assert.deepEqual(runWithFakeCurl(curl.command).args, ['-X', 'POST', 'http://h/', '--data-raw', '']);
  });
});
