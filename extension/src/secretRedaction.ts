/**
 * Keeps secrets out of the OAuth HTTP output channel, protocol traces included.
 *
 * With `oauthHttp.trace.server` on and the channel at Trace level, the LanguageClient writes
 * every message to the channel: the secrets the server reads and stores, the masked answers to
 * prompts, and a "Copy as cURL" request signed with the access token. Two rules redact them:
 * every secret this window has handled (remembered by the protocol handlers, in the forms it
 * takes in a message: raw, JSON-escaped, percent-encoded, and the secret fields of a stored
 * token or consumer) is
 * replaced wherever it appears; and in a trace of the secret-carrying requests, every `"value"`
 * string is masked, since the server's `storeSecret` request is traced before its handler runs.
 */

import type * as vscode from 'vscode';

import { ClientRequest } from './protocol';

export const MASK = '••••';
/** Shorter values are not remembered: masking every "abc" would garble the log. */
export const MIN_SECRET_LENGTH = 4;

const SECRET_METHODS: readonly string[] = [
  ClientRequest.getSecret,
  ClientRequest.storeSecret,
  ClientRequest.askText,
];
const VALUE_FIELD = /"value":(\s*)"(?:[^"\\]|\\.)*"/g;

/** Where the handlers report the secrets they see. */
export interface SecretSightings {
  remember(value: string): void;
}

export class SecretRedactor implements SecretSightings {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  remember(value: string): void {
    for (const form of formsOf(value)) {
      if (form.length >= MIN_SECRET_LENGTH && !this.secrets.has(form)) {
        this.secrets.add(form);
        this.pattern = undefined;
      }
    }
  }

  redact(text: string): string {
    let result = text;
    if (SECRET_METHODS.some((method) => result.includes(method))) {
      result = result.replace(VALUE_FIELD, `"value":$1"${MASK}"`);
    }
    if (this.secrets.size > 0) {
      this.pattern ??= new RegExp(
        [...this.secrets]
          .sort((a, b) => b.length - a.length)
          .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|'),
        'g',
      );
      result = result.replace(this.pattern, MASK);
    }
    return result;
  }
}

/** The ways a secret can be spelled inside a logged message. */
function formsOf(value: string): string[] {
  const forms = [value, JSON.stringify(value).slice(1, -1), percentEncoded(value)];
  for (const inner of stringsInside(value)) {
    forms.push(...formsOf(inner));
  }
  return forms;
}

/** The secret fields of a secret that is itself JSON: a stored token's token and secret, a
 * stored consumer's secret (its key is public: it is sent in every request). */
function stringsInside(value: string): string[] {
  if (!value.trimStart().startsWith('{')) {
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) {
      return [];
    }
    return Object.entries(parsed)
      .filter(([name]) => /secret|token/i.test(name))
      .map(([, field]) => field as unknown)
      .filter((field): field is string => typeof field === 'string');
  } catch {
    return [];
  }
}

/** RFC 3986 percent-encoding, as OAuth 1.0a puts a token in the Authorization header. */
function percentEncoded(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const WRITERS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

/** `channel`, with every text written through it redacted first. */
export function redactingChannel<T extends vscode.OutputChannel>(channel: T, redactor: SecretRedactor): T {
  return new Proxy(channel, {
    get: (target, property, receiver): unknown => {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') {
        return value;
      }
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property !== 'string' || !WRITERS.has(property)) {
        return method.bind(target);
      }
      return (first: unknown, ...rest: unknown[]) =>
        method.call(target, redactItem(first, redactor), ...rest.map((item) => redactItem(item, redactor)));
    },
  });
}

function redactItem(item: unknown, redactor: SecretRedactor): unknown {
  if (typeof item === 'string') {
    return redactor.redact(item);
  }
  if (item instanceof Error) {
    return redactor.redact(item.stack ?? item.message);
  }
  return item;
}
