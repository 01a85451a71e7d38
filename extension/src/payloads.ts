/**
 * Checks the payloads the server sends before anything acts on them.
 *
 * Each reader takes what arrived over JSON-RPC (`unknown`) and returns a well-typed value, filling
 * optional strings with their defaults, or throws a `PayloadError` that names the method and the
 * field, so a server bug shows up as a clear error reply and a log line instead of a crash.
 */

import {
  ServerCommand,
  type AskTextParams,
  type CurlRequestResult,
  type PickItem,
  type PickParams,
  type ProviderFlow,
  type ProviderState,
  type RecordBody,
  type ResponseRecord,
  type SecretKeyParams,
  type StoreSecretParams,
} from './protocol';

export class PayloadError extends Error {
  constructor(method: string, problem: string) {
    super(`${method}: ${problem}`);
    this.name = 'PayloadError';
  }
}

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(method: string, value: unknown): Fields {
  if (!isObject(value)) {
    throw new PayloadError(method, 'the parameters must be an object');
  }
  return value;
}

function text(method: string, fields: Fields, name: string, fallback?: string): string {
  const value = fields[name];
  if (typeof value === 'string') {
    return value;
  }
  if ((value === undefined || value === null) && fallback !== undefined) {
    return fallback;
  }
  throw new PayloadError(method, `"${name}" must be a string`);
}

const MAX_SECRET_KEY_LENGTH = 2048;

export function readAskText(method: string, value: unknown): AskTextParams {
  const fields = object(method, value);
  const masked = fields.masked;
  if (masked !== undefined && masked !== null && typeof masked !== 'boolean') {
    throw new PayloadError(method, '"masked" must be true or false');
  }
  return {
    title: text(method, fields, 'title', ''),
    prompt: text(method, fields, 'prompt', ''),
    masked: masked === true,
    placeholder: text(method, fields, 'placeholder', ''),
    value: text(method, fields, 'value', ''),
  };
}

export function readPick(method: string, value: unknown): PickParams {
  const fields = object(method, value);
  const items = fields.items;
  if (!Array.isArray(items)) {
    throw new PayloadError(method, '"items" must be a list');
  }
  const read: PickItem[] = items.map((item: unknown, index) => {
    if (!isObject(item)) {
      throw new PayloadError(method, `item ${index} must be an object`);
    }
    const id = text(method, item, 'id');
    return {
      id,
      label: text(method, item, 'label', id),
      description: text(method, item, 'description', ''),
    };
  });
  return {
    title: text(method, fields, 'title', ''),
    placeholder: text(method, fields, 'placeholder', ''),
    items: read,
  };
}

function secretKey(method: string, fields: Fields): string {
  const key = text(method, fields, 'key');
  if (key.length === 0 || key.length > MAX_SECRET_KEY_LENGTH) {
    throw new PayloadError(method, `"key" must have 1 to ${MAX_SECRET_KEY_LENGTH} characters`);
  }
  return key;
}

export function readSecretKey(method: string, value: unknown): SecretKeyParams {
  return { key: secretKey(method, object(method, value)) };
}

export function readStoreSecret(method: string, value: unknown): StoreSecretParams {
  const fields = object(method, value);
  return { key: secretKey(method, fields), value: text(method, fields, 'value') };
}

function headerPairs(method: string, value: unknown, where: string): [string, string][] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new PayloadError(method, `"${where}" must be a list of [name, value] pairs`);
  }
  return value.map((pair: unknown) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
      throw new PayloadError(method, `"${where}" must be a list of [name, value] pairs`);
    }
    return [pair[0], String(pair[1])];
  });
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function finiteNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function body(method: string, value: unknown, where: string): RecordBody | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (!isObject(value)) {
    throw new PayloadError(method, `"${where}" must be an object or null`);
  }
  const textValue = optionalText(value.text);
  const base64 = optionalText(value.base64);
  return {
    text: textValue,
    base64,
    contentType: optionalText(value.contentType) ?? '',
    charset: optionalText(value.charset),
    size: finiteNumber(value.size, (textValue ?? base64 ?? '').length),
    truncated: value.truncated === true,
    fullPath: optionalText(value.fullPath),
    complete: value.complete !== false,
  };
}

/** A response record; fields the panel can do without get neutral defaults. */
export function readResponseRecord(method: string, value: unknown): ResponseRecord {
  const fields = object(method, value);
  const request = isObject(fields.request) ? fields.request : {};
  const timing = isObject(fields.timing) ? fields.timing : {};
  const oauth = isObject(fields.oauth) ? fields.oauth : null;
  const error = isObject(fields.error) ? fields.error : null;
  const status = fields.status;
  return {
    id: text(method, fields, 'id'),
    uri: text(method, fields, 'uri', ''),
    line: finiteNumber(fields.line, 0),
    label: text(method, fields, 'label', ''),
    startedAt: text(method, fields, 'startedAt', ''),
    request: {
      method: optionalText(request.method) ?? '',
      url: optionalText(request.url) ?? '',
      headers: headerPairs(method, request.headers, 'request.headers'),
      body: body(method, request.body, 'request.body'),
    },
    status: typeof status === 'number' && Number.isInteger(status) ? status : null,
    reason: text(method, fields, 'reason', ''),
    httpVersion: text(method, fields, 'httpVersion', ''),
    headers: headerPairs(method, fields.headers, 'headers'),
    body: body(method, fields.body, 'body'),
    timing: {
      total: finiteNumber(timing.total, 0),
      headers: typeof timing.headers === 'number' ? timing.headers : null,
    },
    oauth:
      oauth === null
        ? null
        : {
            provider: optionalText(oauth.provider) ?? '',
            signatureMethod: optionalText(oauth.signatureMethod) ?? '',
            placement: optionalText(oauth.placement) ?? '',
            baseString: optionalText(oauth.baseString),
          },
    redirects: Array.isArray(fields.redirects)
      ? fields.redirects.filter((r): r is string => typeof r === 'string')
      : [],
    error:
      error === null
        ? null
        : {
            kind: optionalText(error.kind) ?? 'error',
            message: optionalText(error.message) ?? 'The request failed.',
            hint: optionalText(error.hint) ?? '',
          },
  };
}

/** The answer of `oauthHttp.curlRequest`: `{error}`, or the unmasked request. */
export function readCurlRequestResult(value: unknown): CurlRequestResult {
  const method = ServerCommand.curlRequest;
  const fields = object(method, value);
  if (typeof fields.error === 'string') {
    return { error: fields.error };
  }
  return {
    method: text(method, fields, 'method'),
    url: text(method, fields, 'url'),
    headers: headerPairs(method, fields.headers, 'headers'),
    bodyText: optionalText(fields.bodyText),
    bodyBase64: optionalText(fields.bodyBase64),
  };
}

const PROVIDER_SOURCES = new Set(['preset', 'environment', 'preset+environment']);
const PROVIDER_FLOWS = new Set(['PIN', 'Loopback', 'Paste', 'Consumer Only']);

/** The answer of `oauthHttp.providers`: a list, or an object with a `providers` list. */
export function readProviderStates(value: unknown): ProviderState[] {
  const list = isObject(value) ? value.providers : value;
  if (!Array.isArray(list)) {
    throw new PayloadError('oauthHttp.providers', 'the answer must be a list of providers');
  }
  return list.filter(isObject).flatMap((entry): ProviderState[] => {
    if (typeof entry.id !== 'string' || entry.id === '') {
      return [];
    }
    const source = typeof entry.source === 'string' && PROVIDER_SOURCES.has(entry.source);
    const flow = typeof entry.flow === 'string' && PROVIDER_FLOWS.has(entry.flow);
    return [
      {
        id: entry.id,
        label: typeof entry.label === 'string' && entry.label !== '' ? entry.label : entry.id,
        authorized: entry.authorized === true,
        source: source ? (entry.source as ProviderState['source']) : 'preset',
        flow: flow ? (entry.flow as ProviderFlow) : 'PIN',
      },
    ];
  });
}

/**
 * The answer of `oauthHttp.environments`: environment names, as a list of strings, a list of
 * `{name}` objects, or an object with an `environments` list of either.
 */
export function readEnvironmentNames(value: unknown): string[] {
  const list = isObject(value) ? value.environments : value;
  if (!Array.isArray(list)) {
    throw new PayloadError('oauthHttp.environments', 'the answer must be a list of environments');
  }
  const names = list.flatMap((entry: unknown): string[] => {
    if (typeof entry === 'string') {
      return [entry];
    }
    if (isObject(entry) && typeof entry.name === 'string') {
      return [entry.name];
    }
    return [];
  });
  return [...new Set(names.filter((name) => name !== ''))];
}
