/**
 * Answers the server's requests and notifications (the methods listed in `protocol.ts`).
 *
 * Prompts, secret storage and the listeners are seams, so this module runs in unit tests with
 * fakes; `extension.ts` passes the VS Code adapters and the LanguageClient as the connection.
 */

import {
  ClientNotification,
  ClientRequest,
  type AskTextResult,
  type AskTextParams,
  type EmptyResult,
  type GetSecretResult,
  type PickParams,
  type PickResult,
  type ResponseRecord,
} from './protocol';
import { readAskText, readPick, readResponseRecord, readSecretKey, readStoreSecret } from './payloads';
import type { SecretSightings } from './secretRedaction';

export interface Disposable {
  dispose(): unknown;
}

/** The part of a LanguageClient this module uses. */
export interface ServerConnection {
  onRequest(method: string, handler: (params: unknown) => Promise<unknown>): Disposable;
  onNotification(method: string, handler: (params: unknown) => void): Disposable;
}

/** Asks the user; `undefined` means the user cancelled. */
export interface Prompts {
  askText(params: AskTextParams): Promise<string | undefined>;
  pick(params: PickParams): Promise<string | undefined>;
}

/** VS Code's SecretStorage, narrowed to what the server needs. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface ProtocolListeners {
  onResponse(record: ResponseRecord): void;
  onProvidersChanged(): void;
  /** A notification whose payload does not fit; requests answer with an error instead. */
  onBadNotification(problem: string): void;
}

export interface ProtocolSeams {
  prompts: Prompts;
  secrets: SecretStore;
  listeners: ProtocolListeners;
  /** Told every secret that passes, before it is answered, so the log can mask it. */
  sightings: SecretSightings;
}

export async function answerAskText(
  prompts: Prompts,
  params: unknown,
  sightings: SecretSightings,
): Promise<AskTextResult> {
  const read = readAskText(ClientRequest.askText, params);
  const value = await prompts.askText(read);
  if (read.masked && value !== undefined) {
    sightings.remember(value);
  }
  return { value: value ?? null };
}

export async function answerPick(prompts: Prompts, params: unknown): Promise<PickResult> {
  const read = readPick(ClientRequest.pick, params);
  if (read.items.length === 0) {
    return { id: null };
  }
  const id = await prompts.pick(read);
  const known = id !== undefined && read.items.some((item) => item.id === id);
  return { id: known ? id : null };
}

export async function answerGetSecret(
  secrets: SecretStore,
  params: unknown,
  sightings: SecretSightings,
): Promise<GetSecretResult> {
  const { key } = readSecretKey(ClientRequest.getSecret, params);
  const value = await secrets.get(key);
  if (value !== undefined) {
    sightings.remember(value);
  }
  return { value: value ?? null };
}

export async function answerStoreSecret(
  secrets: SecretStore,
  params: unknown,
  sightings: SecretSightings,
): Promise<EmptyResult> {
  const { key, value } = readStoreSecret(ClientRequest.storeSecret, params);
  sightings.remember(value);
  await secrets.store(key, value);
  return {};
}

export async function answerDeleteSecret(secrets: SecretStore, params: unknown): Promise<EmptyResult> {
  const { key } = readSecretKey(ClientRequest.deleteSecret, params);
  await secrets.delete(key);
  return {};
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Registers every handler on `connection`; dispose the result to remove them. */
export function registerProtocolHandlers(connection: ServerConnection, seams: ProtocolSeams): Disposable[] {
  const { prompts, secrets, listeners, sightings } = seams;
  return [
    connection.onRequest(ClientRequest.askText, (p) => answerAskText(prompts, p, sightings)),
    connection.onRequest(ClientRequest.pick, (p) => answerPick(prompts, p)),
    connection.onRequest(ClientRequest.getSecret, (p) => answerGetSecret(secrets, p, sightings)),
    connection.onRequest(ClientRequest.storeSecret, (p) => answerStoreSecret(secrets, p, sightings)),
    connection.onRequest(ClientRequest.deleteSecret, (p) => answerDeleteSecret(secrets, p)),
    connection.onNotification(ClientNotification.response, (params) => {
      let record: ResponseRecord;
      try {
        record = readResponseRecord(ClientNotification.response, params);
      } catch (error) {
        listeners.onBadNotification(describe(error));
        return;
      }
      listeners.onResponse(record);
    }),
    connection.onNotification(ClientNotification.providersChanged, () => {
      listeners.onProvidersChanged();
    }),
  ];
}
