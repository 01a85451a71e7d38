/**
 * The text and tooltips of the two status bar items: the selected environment, and whether the
 * active .http file's providers are authorized.
 */

import type { ProviderState } from './protocol';

export interface StatusItemText {
  text: string;
  tooltip: string;
}

export function environmentStatus(environment: string | undefined): StatusItemText {
  if (environment === undefined || environment === '') {
    return {
      text: '$(server-environment) No environment',
      tooltip: 'OAuth HTTP: no environment selected. Click to select one.',
    };
  }
  return {
    text: `$(server-environment) ${environment}`,
    tooltip: `OAuth HTTP environment: ${environment}. Click to select another.`,
  };
}

function stateOf(provider: ProviderState): string {
  if (provider.flow === 'Consumer Only') {
    return provider.authorized
      ? 'ready, signs with the consumer alone (Consumer Only)'
      : 'consumer not set (Consumer Only)';
  }
  const flow = provider.flow === 'PIN' ? '' : `, ${provider.flow}`;
  return `${provider.authorized ? 'authorized' : 'not authorized'} (${provider.source}${flow})`;
}

/** Undefined when the file names no provider: the item is then hidden. */
export function providerStatus(providers: readonly ProviderState[]): StatusItemText | undefined {
  if (providers.length === 0) {
    return undefined;
  }
  const parts = providers.map((p) => {
    const mark = p.authorized ? '✓' : '✗';
    return p.flow === 'Consumer Only' ? `${p.label} ${mark} consumer only` : `${p.label} ${mark}`;
  });
  const lines = providers.map((p) => `${p.label}: ${stateOf(p)}`);
  const missing = providers.some((p) => !p.authorized);
  return {
    text: `$(key) ${parts.join('  ')}`,
    tooltip: [
      'OAuth HTTP providers of this file',
      ...lines,
      missing ? 'Click to authorize.' : 'Click to authorize again.',
    ].join('\n'),
  };
}
