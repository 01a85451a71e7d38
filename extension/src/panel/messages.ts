/**
 * The typed messages between the response panel's host side and its webview, and the check the
 * host runs on every message it receives (a webview is a separate, less trusted context).
 */

import type { ResponseRecord } from '../protocol';
import type { StatusClass } from './format';

export interface HistoryEntry {
  id: string;
  label: string;
  method: string;
  url: string;
  statusText: string;
  statusClass: StatusClass;
  startedAt: string;
  /** False once the history dropped the record's body text to make room (its head stays). */
  bodyKept: boolean;
}

export interface PanelLimits {
  /** Bodies up to this many characters are coloured and foldable; longer ones are plain text. */
  colourChars: number;
}

export type HostMessage =
  | { type: 'show'; record: ResponseRecord; history: HistoryEntry[]; limits: PanelLimits }
  | { type: 'history'; history: HistoryEntry[]; selectedId: string | null }
  | { type: 'notice'; text: string };

export type PanelAction = 'copyBody' | 'saveBody' | 'copyCurl' | 'openFullBody';
export const PANEL_ACTIONS: readonly PanelAction[] = ['copyBody', 'saveBody', 'copyCurl', 'openFullBody'];

export type WebviewMessage =
  | { type: 'ready'; selectedId: string | null }
  | { type: 'select'; id: string }
  | { type: 'action'; action: PanelAction; id: string };

/** What the webview keeps with `setState`, so a hidden panel comes back where it was. */
export interface WebviewState {
  selectedId: string | null;
  tab: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message, or undefined when it is not one the webview is allowed to send. */
export function readWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  switch (value.type) {
    case 'ready':
      return {
        type: 'ready',
        selectedId: typeof value.selectedId === 'string' ? value.selectedId : null,
      };
    case 'select':
      return typeof value.id === 'string' ? { type: 'select', id: value.id } : undefined;
    case 'action': {
      const action = PANEL_ACTIONS.find((known) => known === value.action);
      return action !== undefined && typeof value.id === 'string'
        ? { type: 'action', action, id: value.id }
        : undefined;
    }
    default:
      return undefined;
  }
}
