/**
 * "Copy as cURL" in the response panel: the modal question, then the masked command from the
 * record, or the unmasked one from `oauthHttp.curlRequest` (through the real `ServerCommands` and
 * its payload check, with a fake server behind the `Execute` seam).
 */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { toCurlWithSecrets } from '../src/panel/curl';
import { COPY_MASKED, COPY_WITH_SECRETS, PanelController } from '../src/panel/panelController';
import { ServerCommand, type CurlRequest, type ResponseRecord } from '../src/protocol';
import { ServerCommands } from '../src/serverCommands';
import { record } from './fixtures';

const TOKEN = '1000001-real-access-token';
const SIGNATURE = 'fresh%2Fsignature%3D';
const UNMASKED: CurlRequest = {
  method: 'GET',
  url: `http://127.0.0.1:8080/1.1/statuses/home_timeline.json?count=2&api_key=k3y`,
  headers: [
    ['Accept', 'application/json'],
    [
      'Authorization',
      `OAuth oauth_consumer_key="key", oauth_nonce="n2", oauth_signature="${SIGNATURE}", oauth_token="${TOKEN}"`,
    ],
  ],
  bodyText: null,
  bodyBase64: null,
};

function setUp(answer: string | undefined, serverAnswer: unknown = UNMASKED) {
  const copied: string[] = [];
  const infos: string[] = [];
  const errors: string[] = [];
  const questions: { message: string; detail: string; answers: string[] }[] = [];
  const calls: [string, object][] = [];
  const server = new ServerCommands((command, argument) => {
    calls.push([command, argument]);
    return Promise.resolve(serverAnswer);
  });
  const controller = new PanelController(
    { reveal: () => undefined, post: () => undefined },
    {
      copy: (text) => (copied.push(text), Promise.resolve()),
      save: () => Promise.resolve(),
      openFile: () => Promise.resolve(),
      confirm: (message, detail, answers) => (
        questions.push({ message, detail, answers }),
        Promise.resolve(answer)
      ),
      info: (message) => void infos.push(message),
      error: (message) => void errors.push(message),
    },
    { colourChars: 1000 },
    server,
  );
  const copyCurl = async (shown: ResponseRecord = record()) => {
    controller.addResponse(shown);
    await controller.onMessage({ type: 'action', action: 'copyCurl', id: shown.id });
  };
  return { copyCurl, copied, infos, errors, questions, calls };
}

describe('Copy as cURL', () => {
  it('asks first, in a modal, with the secrets answer first and what each one means', async () => {
    const { copyCurl, questions } = setUp(COPY_MASKED);
    await copyCurl();
    assert.equal(questions.length, 1);
    const question = questions[0];
    assert.ok(question !== undefined);
    assert.deepEqual(question.answers, [COPY_WITH_SECRETS, COPY_MASKED]);
    assert.match(question.detail, /access token/);
    assert.match(question.detail, /prompts are asked again/);
  });

  it('copies nothing and asks the server nothing when the question is dismissed', async () => {
    const { copyCurl, copied, infos, errors, calls } = setUp(undefined);
    await copyCurl();
    assert.deepEqual([copied, infos, errors, calls], [[], [], [], []]);
  });

  it('Copy masked: the record as today, masked, without asking the server', async () => {
    const { copyCurl, copied, infos, calls } = setUp(COPY_MASKED);
    await copyCurl();
    assert.deepEqual(calls, []);
    assert.equal(copied.length, 1);
    assert.ok(copied[0]?.includes('oauth_signature="***"'));
    assert.match(infos[0] ?? '', /^Copied as cURL\. Masked: oauth_signature, oauth_token/);
  });

  it('Copy with secrets: asks the server for the request at the record line and copies it unmasked', async () => {
    const { copyCurl, copied, infos, errors, calls } = setUp(COPY_WITH_SECRETS);
    await copyCurl(record({ uri: 'file:///work/api.http', line: 7 }));
    assert.deepEqual(calls, [[ServerCommand.curlRequest, { uri: 'file:///work/api.http', line: 7 }]]);
    assert.deepEqual(copied, [toCurlWithSecrets(UNMASKED).command]);
    assert.ok(copied[0]?.includes(`oauth_token="${TOKEN}"`) && copied[0].includes(SIGNATURE));
    assert.ok(copied[0]?.includes('api_key=k3y'));
    assert.deepEqual(errors, []);
    const info = infos[0] ?? '';
    assert.match(
      info,
      /^Copied as cURL with secrets: GET http:\/\/127\.0\.0\.1:8080\/1\.1\/statuses\/home_timeline\.json, signed afresh/,
    );
    assert.match(info, /a few minutes/);
    for (const secret of [TOKEN, SIGNATURE, 'k3y']) {
      assert.ok(!info.includes(secret), `the message shows no ${secret}`);
    }
  });

  it('says so when the copied request is not signed', async () => {
    const plain: CurlRequest = { ...UNMASKED, headers: [['Accept', '*/*']], url: 'http://user:pw@h/x?q=1' };
    const { copyCurl, infos } = setUp(COPY_WITH_SECRETS, plain);
    await copyCurl();
    assert.equal(
      infos[0],
      'Copied as cURL with secrets: GET http://h/x, built again from the .http file, nothing masked.',
    );
  });

  it('shows the server error and copies nothing', async () => {
    const reason = 'This request is signed with "sandbox", which is not authorized in this workspace yet.';
    const { copyCurl, copied, infos, errors } = setUp(COPY_WITH_SECRETS, { error: reason });
    await copyCurl();
    assert.deepEqual(copied, []);
    assert.deepEqual(infos, []);
    assert.deepEqual(errors, [`Nothing was copied. ${reason}`]);
  });

  it('copies nothing for a record that names no .http file', async () => {
    const { copyCurl, copied, errors, calls } = setUp(COPY_WITH_SECRETS);
    await copyCurl(record({ uri: '' }));
    assert.deepEqual([copied, calls], [[], []]);
    assert.match(errors[0] ?? '', /does not name its \.http file/);
  });

  it('refuses an answer that is neither a request nor an error, copying nothing', async () => {
    const { copyCurl, copied } = setUp(COPY_WITH_SECRETS, { method: 'GET' });
    await assert.rejects(copyCurl(), /oauthHttp\.curlRequest: "url" must be a string/);
    assert.deepEqual(copied, []);
  });
});
