/**
 * The real language server, started the way the extension starts it (launch plan, development
 * layout), answering over stdio: it initializes, advertises only commands protocol.ts knows,
 * asks for the oauthHttp configuration section, answers oauthHttp.providers in a shape the
 * status bar reads, and oauthHttp.curlRequest in a shape "Copy as cURL" reads.
 */

import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  Trace,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

import { registerProtocolHandlers } from '../src/handlers';
import { launchPaths, serverLaunch } from '../src/launchPlan';
import { toCurlWithSecrets } from '../src/panel/curl';
import { readCurlRequestResult, readEnvironmentNames, readProviderStates } from '../src/payloads';
import { ServerCommand, ServerNotification, type AskTextParams, type ResponseRecord } from '../src/protocol';
import { MASK, SecretRedactor } from '../src/secretRedaction';
import { executeCommandParams } from '../src/serverCommands';

const root = path.resolve(__dirname, '..', '..', '..');
const venvPython = path.join(root, '.venv', 'bin', 'python');

describe(
  'the real language server over stdio',
  { skip: fs.existsSync(venvPython) ? false : 'needs the repository .venv (make venv)' },
  () => {
    let child: ChildProcessWithoutNullStreams;
    let connection: MessageConnection;
    const configurationRequests: unknown[] = [];
    const secrets = new Map<string, string>();
    const responses: ResponseRecord[] = [];
    const asked: AskTextParams[] = [];
    /** What the fake user types, in order; undefined is Escape. */
    const answers: (string | undefined)[] = [];
    let capabilities: { executeCommandProvider?: { commands?: string[] } } = {};
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-http-ws-'));
    const documentUri = pathToFileURL(path.join(workspace, 'api.http')).toString();
    const redactor = new SecretRedactor();

    /** A folder of its own, outside the workspace (so its secrets are not in the server's
     * cache yet), authorized with the sandbox in the fake SecretStorage. */
    function authorizedFolder(): { elsewhere: string; stored: Record<string, string> } {
      const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-http-folder-'));
      const stored = JSON.parse(
        execFileSync(venvPython, [
          '-c',
          'import json, sys; from oauth_http.sandbox.accounts import authorized_secrets; ' +
            'print(json.dumps(authorized_secrets(sys.argv[1])))',
          pathToFileURL(elsewhere).toString(),
        ]).toString(),
      ) as Record<string, string>;
      for (const [key, value] of Object.entries(stored)) {
        secrets.set(key, value);
      }
      return { elsewhere, stored };
    }

    before(async () => {
      fs.writeFileSync(
        path.join(workspace, 'http-client.env.json'),
        JSON.stringify({ dev: { host: '127.0.0.1' }, prod: { host: 'api.example.com' } }),
      );
      const launch = serverLaunch(venvPython, 'development', launchPaths(root), process.env);
      child = spawn(launch.command, launch.args, { env: { ...process.env, ...launch.env } });
      connection = createMessageConnection(
        new StreamMessageReader(child.stdout),
        new StreamMessageWriter(child.stdin),
      );
      registerProtocolHandlers(connection, {
        prompts: {
          askText: (params) => {
            asked.push(params);
            return Promise.resolve(answers.shift());
          },
          pick: () => Promise.resolve(undefined),
        },
        secrets: {
          get: (key) => Promise.resolve(secrets.get(key)),
          store: (key, value) => (secrets.set(key, value), Promise.resolve()),
          delete: (key) => (secrets.delete(key), Promise.resolve()),
        },
        listeners: {
          onResponse: (r) => responses.push(r),
          onProvidersChanged: () => undefined,
          onBadNotification: () => undefined,
        },
        sightings: redactor,
      });
      connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
        configurationRequests.push(params);
        return params.items.map(() => ({ environment: '', timeoutSeconds: 30, responseSizeLimitMB: 5 }));
      });
      connection.onRequest('client/registerCapability', () => null);
      connection.onRequest('window/workDoneProgress/create', () => null);
      connection.onNotification('window/logMessage', () => undefined);
      connection.onNotification('window/showMessage', () => undefined);
      connection.onNotification('textDocument/publishDiagnostics', () => undefined);
      connection.listen();
      const result = await connection.sendRequest<{ capabilities: typeof capabilities }>('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(workspace).toString(),
        workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'ws' }],
        capabilities: {
          workspace: { configuration: true },
          window: { workDoneProgress: true, showDocument: { support: true } },
        },
      });
      capabilities = result.capabilities;
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri: documentUri,
          languageId: 'http',
          version: 1,
          text: '# @oauth1 sandbox\nGET http://127.0.0.1:9/ping\n',
        },
      });
    });

    after(async () => {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } finally {
        connection.dispose();
        child.kill();
      }
    });

    it('advertises only commands that protocol.ts names', (t) => {
      const advertised = capabilities.executeCommandProvider?.commands ?? [];
      const known = new Set<string>(Object.values(ServerCommand));
      assert.ok(advertised.length > 0, 'the server advertises its commands');
      assert.deepEqual(
        advertised.filter((c) => !known.has(c)),
        [],
      );
      const missing = [...known].filter((c) => !advertised.includes(c));
      if (missing.length > 0) {
        t.diagnostic(`not advertised by the server yet: ${missing.join(', ')}`);
      }
    });

    it('answers oauthHttp.providers with provider states the status bar can read', async () => {
      const answer = await connection.sendRequest(
        'workspace/executeCommand',
        executeCommandParams(ServerCommand.providers, { uri: documentUri }),
      );
      const states = readProviderStates(answer);
      assert.ok(
        states.some((s) => s.id === 'sandbox'),
        JSON.stringify(answer),
      );
      assert.ok(states.every((s) => typeof s.authorized === 'boolean'));
    });

    it('answers oauthHttp.environments with the names of the env file', async () => {
      const answer = await connection.sendRequest(
        'workspace/executeCommand',
        executeCommandParams(ServerCommand.environments, { uri: documentUri }),
      );
      assert.deepEqual(readEnvironmentNames(answer).sort(), ['dev', 'prod']);
    });

    it('asks for the consumer key and the masked secret through oauthHttp/askText, and takes Escape as cancel', async () => {
      answers.push('sandbox-consumer', undefined);
      const answer = await connection.sendRequest(
        'workspace/executeCommand',
        executeCommandParams(ServerCommand.authorize, { uri: documentUri, provider: 'sandbox' }),
      );
      assert.equal((answer as { status?: string }).status, 'cancelled', JSON.stringify(answer));
      assert.equal(asked.length, 2, JSON.stringify(asked));
      assert.match(asked[0]?.prompt ?? '', /Consumer key/);
      assert.equal(asked[0]?.masked, false);
      assert.match(asked[1]?.prompt ?? '', /Consumer secret/);
      assert.equal(asked[1]?.masked, true);
      assert.equal(secrets.size, 0, 'nothing stored after a cancel');
    });

    it('answers oauthHttp.curlRequest with the request built again, or with why not', async () => {
      const plainUri = pathToFileURL(path.join(workspace, 'plain.http')).toString();
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri: plainUri,
          languageId: 'http',
          version: 1,
          text: '@word = two words\nPOST http://127.0.0.1:9/echo?q={{word}}\nX-Trace: t1\n\nbody text\n',
        },
      });
      const plain = readCurlRequestResult(
        await connection.sendRequest(
          'workspace/executeCommand',
          executeCommandParams(ServerCommand.curlRequest, { uri: plainUri, line: 1 }),
        ),
      );
      assert.ok(!('error' in plain), JSON.stringify(plain));
      assert.equal(plain.url, 'http://127.0.0.1:9/echo?q=two%20words');
      assert.deepEqual(
        plain.headers.find(([name]) => name === 'X-Trace'),
        ['X-Trace', 't1'],
      );
      assert.equal(plain.bodyText, 'body text');
      assert.ok(
        toCurlWithSecrets(plain).command.startsWith("curl -X POST 'http://127.0.0.1:9/echo?q=two%20words'"),
      );

      const unauthorized = readCurlRequestResult(
        await connection.sendRequest(
          'workspace/executeCommand',
          executeCommandParams(ServerCommand.curlRequest, { uri: documentUri, line: 1 }),
        ),
      );
      assert.ok(
        'error' in unauthorized && /not authorized/.test(unauthorized.error),
        JSON.stringify(unauthorized),
      );
    });

    it('a verbose protocol trace, as the LanguageClient writes it, shows no secret', async () => {
      const { elsewhere, stored } = authorizedFolder();
      const fields = Object.values(stored).map((value) => JSON.parse(value) as Record<string, unknown>);
      const secretValues = fields
        .flatMap((field) => [field.secret, field.token])
        .filter((value): value is string => typeof value === 'string');
      assert.equal(secretValues.length, 3, 'the consumer secret, the access token and its secret');
      const trace: string[] = [];
      await connection.trace(Trace.Verbose, {
        log: (message: unknown, data?: string) => {
          const text = typeof message === 'string' ? message : JSON.stringify(message);
          trace.push(redactor.redact(data ? `${text}\n${data}` : text));
        },
      });
      const uri = pathToFileURL(path.join(elsewhere, 'signed.http')).toString();
      const text = '# @oauth1 sandbox\nGET http://127.0.0.1:8765/1.1/account/verify_credentials.json\n';
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'http', version: 1, text },
      });
      const signed = readCurlRequestResult(
        await connection.sendRequest(
          'workspace/executeCommand',
          executeCommandParams(ServerCommand.curlRequest, { uri, line: 1 }),
        ),
      );
      await connection.trace(Trace.Off, { log: () => undefined });
      assert.ok(!('error' in signed), JSON.stringify(signed));
      const authorization = signed.headers.find(([name]) => name === 'Authorization')?.[1] ?? '';
      assert.ok(
        secretValues.some((secret) => authorization.includes(secret)),
        'the cURL answer carries the access token (it is what the trace must hide)',
      );
      const written = trace.join('\n');
      assert.match(written, /oauthHttp\/getSecret/);
      assert.ok(written.includes(MASK));
      for (const secret of secretValues) {
        assert.ok(!written.includes(secret), `the trace shows a secret: ${secret.slice(0, 3)}...`);
      }
    });

    it('reads a secret again after oauthHttp/secretChanged (another window signed out)', async () => {
      const { elsewhere, stored } = authorizedFolder();
      const uri = pathToFileURL(path.join(elsewhere, 'signed.http')).toString();
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri,
          languageId: 'http',
          version: 1,
          text: '# @oauth1 sandbox\nGET http://127.0.0.1:8765/\n',
        },
      });
      const copy = async () =>
        readCurlRequestResult(
          await connection.sendRequest(
            'workspace/executeCommand',
            executeCommandParams(ServerCommand.curlRequest, { uri, line: 1 }),
          ),
        );
      assert.ok(!('error' in (await copy())), 'authorized, and the token is now cached');
      const tokenKey = Object.keys(stored).find((key) => key.endsWith(':token')) ?? '';
      secrets.delete(tokenKey);
      assert.ok(!('error' in (await copy())), 'still the cached token: the server was not told');
      await connection.sendNotification(ServerNotification.secretChanged, { key: tokenKey });
      const after = await copy();
      assert.ok('error' in after && /not authorized/.test(after.error), JSON.stringify(after));
    });

    it('reads its settings from the oauthHttp configuration section', () => {
      assert.ok(
        JSON.stringify(configurationRequests).includes('"section":"oauthHttp"'),
        JSON.stringify(configurationRequests),
      );
    });
  },
);
