/**
 * The multi-step commands (sign out, select environment) as plain functions over seams, so their
 * order of questions and their outcomes are unit-tested without VS Code.
 */

import type { PickItem, ProviderState } from './protocol';
import type { ServerCommands } from './serverCommands';

export interface FlowUi {
  /** Shows a quick pick; resolves to the chosen item's id, or undefined when cancelled. */
  pick(title: string, placeholder: string, items: PickItem[]): Promise<string | undefined>;
  /** Asks a modal question; resolves to the chosen answer, or undefined when cancelled. */
  choose(message: string, detail: string, answers: string[]): Promise<string | undefined>;
  info(message: string): void;
}

export type FlowOutcome = 'done' | 'cancelled' | 'nothing-to-do';

export const KEEP_CONSUMER = 'Sign out, keep consumer secret';
export const FORGET_CONSUMER = 'Sign out and forget consumer secret';
export const FORGET_CONSUMER_ONLY = 'Forget consumer key and secret';

export async function signOutFlow(
  commands: ServerCommands,
  ui: FlowUi,
  uri: string | undefined,
): Promise<FlowOutcome> {
  const providers = await commands.providers({ uri });
  if (providers.length === 0) {
    ui.info('OAuth HTTP knows no provider for this file, so there is nothing to sign out of.');
    return 'nothing-to-do';
  }
  const ordered = [...providers].sort((a, b) => Number(b.authorized) - Number(a.authorized));
  const items = ordered.map((provider) => ({
    id: provider.id,
    label: provider.label,
    description: signedInNote(provider),
  }));
  const provider = await ui.pick('Sign out of provider', 'Provider to sign out of', items);
  if (provider === undefined) {
    return 'cancelled';
  }
  const label = items.find((item) => item.id === provider)?.label ?? provider;
  if (providers.find((p) => p.id === provider)?.flow === 'Consumer Only') {
    const forget = await ui.choose(
      `Forget the consumer of ${label}?`,
      `${label} signs with its consumer alone (no token): forgetting its consumer key and ` +
        'secret (and a key password) means they are asked at the next authorization.',
      [FORGET_CONSUMER_ONLY],
    );
    if (forget === undefined) {
      return 'cancelled';
    }
    await commands.signOut({ uri, provider, forgetConsumer: true });
    return 'done';
  }
  const answer = await ui.choose(
    `Sign out of ${label}?`,
    'Signing out forgets the access token. Forgetting the consumer secret as well means you ' +
      'will be asked for the consumer key and secret at the next authorization.',
    [KEEP_CONSUMER, FORGET_CONSUMER],
  );
  if (answer === undefined) {
    return 'cancelled';
  }
  await commands.signOut({ uri, provider, forgetConsumer: answer === FORGET_CONSUMER });
  return 'done';
}

function signedInNote(provider: ProviderState): string {
  if (provider.flow === 'Consumer Only') {
    return provider.authorized ? 'ready (consumer only)' : 'consumer not set';
  }
  return provider.authorized ? 'signed in' : 'not signed in';
}

export const NO_ENVIRONMENT_ID = '';

export async function selectEnvironmentFlow(
  commands: ServerCommands,
  ui: FlowUi,
  uri: string | undefined,
  current: string | undefined,
  store: (name: string) => Promise<void>,
): Promise<FlowOutcome> {
  const names = await commands.environments({ uri });
  if (names.length === 0) {
    ui.info(
      'No environments found. Define them in http-client.env.json (and secrets in ' +
        'http-client.private.env.json) next to your .http files.',
    );
    return 'nothing-to-do';
  }
  const selected = (id: string): string => (id === (current ?? '') ? 'selected' : '');
  const items: PickItem[] = [
    { id: NO_ENVIRONMENT_ID, label: 'No environment', description: selected(NO_ENVIRONMENT_ID) },
    ...names.map((name) => ({ id: name, label: name, description: selected(name) })),
  ];
  const chosen = await ui.pick('Select environment', 'Environment for {{variables}}', items);
  if (chosen === undefined) {
    return 'cancelled';
  }
  await store(chosen);
  return 'done';
}
