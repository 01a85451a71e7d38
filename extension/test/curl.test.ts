import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

import { MASK, maskParameters, shellQuote, toCurl } from '../src/panel/curl';
import type { RecordRequest } from '../src/protocol';
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
      '--data-binary',
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
    assert.ok(json.command.includes(`--data-binary '{"oauth_token": "kept in JSON"}'`));
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

  it('says what it left out for binary and cut bodies', () => {
    const binary = { ...textBody(''), text: null, base64: 'AAEC' };
    assert.match(
      toCurl({ method: 'POST', url: 'http://h/', headers: [], body: binary }).notes[0] ?? '',
      /binary/,
    );
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
