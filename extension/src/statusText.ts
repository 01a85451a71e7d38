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

/** Undefined when the file names no provider: the item is then hidden. */
export function providerStatus(providers: readonly ProviderState[]): StatusItemText | undefined {
  if (providers.length === 0) {
    return undefined;
  }
  const parts = providers.map((p) => `${p.label} ${p.authorized ? '✓' : '✗'}`);
  const lines = providers.map(
    (p) => `${p.label}: ${p.authorized ? 'authorized' : 'not authorized'} (${p.source})`,
  );
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
