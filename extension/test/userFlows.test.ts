import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readEnvironmentNames, readProviderStates } from '../src/payloads';
import { ServerCommand, type PickItem, type ServerCommandName } from '../src/protocol';
import { executeCommandParams, ServerCommands } from '../src/serverCommands';
import {
  FORGET_CONSUMER,
  FORGET_CONSUMER_ONLY,
  KEEP_CONSUMER,
  selectEnvironmentFlow,
  signOutFlow,
  type FlowUi,
} from '../src/userFlows';

function fakeServer(answers: Partial<Record<ServerCommandName, unknown>>) {
  const calls: [ServerCommandName, object][] = [];
  const commands = new ServerCommands((command, argument) => {
    calls.push([command, argument]);
    return Promise.resolve(answers[command] ?? { status: 'ok' });
  });
  return { commands, calls };
}

function fakeUi(pickAnswer: string | undefined, chooseAnswer?: string) {
  const picks: PickItem[][] = [];
  const questions: string[] = [];
  const infos: string[] = [];
  const ui: FlowUi = {
    pick: (_title, _placeholder, items) => (picks.push(items), Promise.resolve(pickAnswer)),
    choose: (message) => (questions.push(message), Promise.resolve(chooseAnswer)),
    info: (message) => void infos.push(message),
  };
  return { ui, picks, questions, infos };
}

const providers = [
  { id: 'x', label: 'X (Twitter)', authorized: false, source: 'preset' },
  { id: 'sandbox', label: 'Sandbox', authorized: true, source: 'preset+environment' },
];

describe('sign out', () => {
  it('picks a provider (signed-in first), asks about the consumer secret, then signs out', async () => {
    const { commands, calls } = fakeServer({ [ServerCommand.providers]: providers });
    const { ui, picks, questions } = fakeUi('sandbox', FORGET_CONSUMER);
    assert.equal(await signOutFlow(commands, ui, 'file:///w/a.http'), 'done');
    assert.deepEqual(
      picks[0]?.map((i) => [i.id, i.description]),
      [
        ['sandbox', 'signed in'],
        ['x', 'not signed in'],
      ],
    );
    assert.deepEqual(questions, ['Sign out of Sandbox?']);
    assert.deepEqual(calls, [
      [ServerCommand.providers, { uri: 'file:///w/a.http' }],
      [ServerCommand.signOut, { uri: 'file:///w/a.http', provider: 'sandbox', forgetConsumer: true }],
    ]);
  });

  it('keeps the consumer secret when the user says so', async () => {
    const { commands, calls } = fakeServer({ [ServerCommand.providers]: providers });
    await signOutFlow(commands, fakeUi('x', KEEP_CONSUMER).ui, undefined);
    assert.deepEqual(calls[1], [
      ServerCommand.signOut,
      { uri: undefined, provider: 'x', forgetConsumer: false },
    ]);
  });

  it('stops without signing out when either question is cancelled', async () => {
    for (const [pick, choose] of [
      [undefined, KEEP_CONSUMER],
      ['x', undefined],
    ] as const) {
      const { commands, calls } = fakeServer({ [ServerCommand.providers]: providers });
      assert.equal(await signOutFlow(commands, fakeUi(pick, choose).ui, undefined), 'cancelled');
      assert.equal(calls.length, 1);
    }
  });

  it('offers only to forget the consumer of a consumer-only provider', async () => {
    const consumerOnly = [{ id: 'mastercard', label: 'Mastercard', authorized: true, flow: 'Consumer Only' }];
    const { commands, calls } = fakeServer({ [ServerCommand.providers]: consumerOnly });
    const { ui, picks, questions } = fakeUi('mastercard', FORGET_CONSUMER_ONLY);
    assert.equal(await signOutFlow(commands, ui, undefined), 'done');
    assert.equal(picks[0]?.[0]?.description, 'ready (consumer only)');
    assert.deepEqual(questions, ['Forget the consumer of Mastercard?']);
    assert.deepEqual(calls[1], [
      ServerCommand.signOut,
      { uri: undefined, provider: 'mastercard', forgetConsumer: true },
    ]);
  });

  it('tells the user when there is no provider', async () => {
    const { commands } = fakeServer({ [ServerCommand.providers]: [] });
    const { ui, infos, picks } = fakeUi('x');
    assert.equal(await signOutFlow(commands, ui, undefined), 'nothing-to-do');
    assert.equal(picks.length, 0);
    assert.match(infos[0] ?? '', /no provider/);
  });
});

describe('select environment', () => {
  it('lists "No environment" and the names, marks the current one, and stores the choice', async () => {
    const { commands, calls } = fakeServer({ [ServerCommand.environments]: ['dev', 'prod'] });
    const { ui, picks } = fakeUi('prod');
    const stored: string[] = [];
    const outcome = await selectEnvironmentFlow(
      commands,
      ui,
      'file:///w/a.http',
      'dev',
      (n) => (stored.push(n), Promise.resolve()),
    );
    assert.equal(outcome, 'done');
    assert.deepEqual(picks[0], [
      { id: '', label: 'No environment', description: '' },
      { id: 'dev', label: 'dev', description: 'selected' },
      { id: 'prod', label: 'prod', description: '' },
    ]);
    assert.deepEqual(stored, ['prod']);
    assert.deepEqual(calls, [[ServerCommand.environments, { uri: 'file:///w/a.http' }]]);
  });

  it('stores an empty name for "No environment" and nothing when cancelled', async () => {
    const stored: string[] = [];
    const store = (n: string) => (stored.push(n), Promise.resolve());
    const { commands } = fakeServer({ [ServerCommand.environments]: [{ name: 'dev' }] });
    await selectEnvironmentFlow(commands, fakeUi('').ui, undefined, 'dev', store);
    assert.equal(
      await selectEnvironmentFlow(commands, fakeUi(undefined).ui, undefined, 'dev', store),
      'cancelled',
    );
    assert.deepEqual(stored, ['']);
  });

  it('explains where environments come from when there are none', async () => {
    const { commands } = fakeServer({ [ServerCommand.environments]: { environments: [] } });
    const { ui, infos } = fakeUi('x');
    assert.equal(
      await selectEnvironmentFlow(commands, ui, undefined, undefined, () => Promise.resolve()),
      'nothing-to-do',
    );
    assert.match(infos[0] ?? '', /http-client\.env\.json/);
  });
});

describe('server command answers', () => {
  it('reads provider states leniently and drops entries without an id', () => {
    assert.deepEqual(
      readProviderStates({
        providers: [{ id: 'a', authorized: true, source: 'odd' }, { label: 'no id' }, 3],
      }),
      [{ id: 'a', label: 'a', authorized: true, source: 'preset', flow: 'PIN' }],
    );
    assert.throws(() => readProviderStates('nope'), /list of providers/);
  });

  it('reads environment names from strings or objects, without duplicates or blanks', () => {
    assert.deepEqual(readEnvironmentNames(['dev', { name: 'prod' }, 'dev', '', { other: 1 }]), [
      'dev',
      'prod',
    ]);
    assert.deepEqual(readEnvironmentNames({ environments: ['a'] }), ['a']);
    assert.throws(() => readEnvironmentNames(null), /list of environments/);
  });

  it('sends send, sendAll and authorize as one argument object', async () => {
    const { commands, calls } = fakeServer({});
    await commands.send({ uri: 'u', line: 4 });
    await commands.sendAll({ uri: 'u' });
    await commands.authorize({});
    assert.deepEqual(calls, [
      [ServerCommand.send, { uri: 'u', line: 4 }],
      [ServerCommand.sendAll, { uri: 'u' }],
      [ServerCommand.authorize, {}],
    ]);
    assert.deepEqual(executeCommandParams(ServerCommand.send, { uri: 'u', line: 4 }), {
      command: 'oauthHttp.send',
      arguments: [{ uri: 'u', line: 4 }],
    });
  });
});
