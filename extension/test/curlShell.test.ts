/**
 * "Copy as cURL" run for real: each command goes through `sh` and `bash` into the real curl (when
 * it is installed; those tests skip otherwise) against a listener of the test's own on 127.0.0.1,
 * which records exactly what arrived. A body that starts with `@` arrives as those bytes (curl
 * reads no file), headers full of quotes, `$()` and backticks arrive literally and run nothing.
 * Without curl, a fake `curl` shell function still shows the argument vector the shell built.
 */

import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { HEREDOC_END, shellQuote, toCurl, toCurlWithSecrets } from '../src/panel/curl';
import type { CurlRequest } from '../src/protocol';
import { textBody } from './fixtures';

const HAS_CURL = spawnSync('curl', ['--version']).status === 0;
const NO_CURL = HAS_CURL ? false : 'curl is not installed';
const SHELLS = ['/bin/sh', '/bin/bash'].filter((shell) => fs.existsSync(shell));

interface Arrived {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function run(shell: string, command: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(shell, ['-c', command], { cwd, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${shell} failed: ${stderr.toString()}`));
      } else {
        resolve(stdout.toString());
      }
    });
    child.stdin?.end();
  });
}

/** The shell's words for `command` with `curl` replaced by a function printing its arguments. */
async function argv(shell: string, command: string, cwd: string): Promise<string[]> {
  const fake = `curl() { printf '%s\\0' "$@"; cat > /dev/null; }`;
  const output = await run(shell, `${fake}\n${command}`, cwd);
  return output.split('\0').slice(0, -1);
}

describe('Copy as cURL in a real shell and curl', () => {
  let server: http.Server;
  let base = '';
  let folder = '';
  const arrived: Arrived[] = [];

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-http-curl-shell-'));
    fs.writeFileSync(path.join(folder, 'local.txt'), 'LOCAL FILE CONTENT');
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        arrived.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks),
        });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const hostile = (body: string): CurlRequest => ({
    method: 'POST',
    url: `${base}/upload?q=[1]{2}`,
    headers: [
      ['Content-Type', 'text/plain'],
      ['X-Quote', `it's "quoted" \\ back`],
      ['X-Run', '$(touch ran-dollar) `touch ran-backtick` ; touch ran-semicolon'],
      ['X-Empty', ''],
    ],
    bodyText: body,
    bodyBase64: null,
  });

  for (const shell of SHELLS) {
    it(`${shell}: a body starting with @ is a literal argument, never a file name`, async () => {
      const words = await argv(shell, toCurlWithSecrets(hostile('@local.txt')).command, folder);
      assert.deepEqual(words.slice(-2), ['--data-raw', '@local.txt']);
      assert.ok(!words.includes('--data-binary') && !words.includes('--data'));
      assert.ok(words.includes('--globoff'));
      assert.ok(words.includes('X-Run: $(touch ran-dollar) `touch ran-backtick` ; touch ran-semicolon'));
      assert.ok(words.includes('X-Empty;'));
      assert.deepEqual(fs.readdirSync(folder), ['local.txt'], 'nothing ran');
    });

    it(
      `${shell}: curl receives @/etc/passwd as bytes and the headers literally`,
      { skip: NO_CURL },
      async () => {
        arrived.length = 0;
        for (const body of ['@/etc/passwd', '@local.txt']) {
          await run(shell, `${toCurlWithSecrets(hostile(body)).command} --silent`, folder);
        }
        assert.deepEqual(
          arrived.map((request) => request.body.toString()),
          ['@/etc/passwd', '@local.txt'],
        );
        const first = arrived[0];
        assert.ok(first !== undefined);
        assert.equal(first.method, 'POST');
        assert.equal(first.url, '/upload?q=[1]{2}', 'sent once, as written');
        assert.equal(first.headers['x-quote'], `it's "quoted" \\ back`);
        assert.equal(
          first.headers['x-run'],
          '$(touch ran-dollar) `touch ran-backtick` ; touch ran-semicolon',
        );
        assert.equal(first.headers['x-empty'], '');
        assert.deepEqual(fs.readdirSync(folder), ['local.txt'], 'nothing ran');
        assert.ok(!arrived.some((request) => request.body.includes('root:')));
      },
    );

    it(
      `${shell}: a binary body arrives byte for byte through the here-document`,
      { skip: NO_CURL },
      async () => {
        arrived.length = 0;
        const bytes = Buffer.from([...Array(300).keys()].map((n) => (n * 37) % 256));
        const request: CurlRequest = {
          method: 'PUT',
          url: `${base}/blob`,
          headers: [['Content-Type', 'application/octet-stream']],
          bodyText: null,
          bodyBase64: bytes.toString('base64'),
        };
        const command = toCurlWithSecrets(request).command;
        assert.ok(command.startsWith(`base64 --decode <<'${HEREDOC_END}' | curl -X PUT `));
        assert.ok(command.endsWith(`\n${HEREDOC_END}`));
        await run(shell, command.replace(' \\\n  --data-binary @-', ' --silent --data-binary @-'), folder);
        assert.equal(arrived.length, 1);
        assert.deepEqual([...(arrived[0]?.body ?? [])], [...bytes]);
      },
    );

    it(
      `${shell}: the masked command from a record sends its text body as written`,
      { skip: NO_CURL },
      async () => {
        arrived.length = 0;
        const curl = toCurl({
          method: 'POST',
          url: `${base}/masked`,
          headers: [['Content-Type', 'text/plain']],
          body: textBody("@/etc/passwd it's"),
        });
        await run(shell, `${curl.command} --silent`, folder);
        assert.equal(arrived[0]?.body.toString(), "@/etc/passwd it's");
      },
    );
  }

  it('quotes the curl words it builds itself too', () => {
    assert.equal(shellQuote('@-'), '@-');
    assert.ok(!/^-H '@/m.test(toCurlWithSecrets(hostile('x')).command));
    const odd = toCurlWithSecrets({ ...hostile('x'), headers: [['@/etc/passwd', 'v']] });
    assert.ok(!odd.command.includes('/etc/passwd'));
    assert.match(odd.notes[0] ?? '', /left out: curl would read a file/);
  });
});
