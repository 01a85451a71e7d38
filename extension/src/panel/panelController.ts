/**
 * The response panel's host-side logic: the session history, what to show when the webview
 * (re)loads, and the actions (copy, save, cURL, open the full body). VS Code calls go through
 * the `PanelView` and `PanelEffects` seams and the server through `CurlSource`, so this runs in
 * unit tests.
 */

import type {
  CurlRequest,
  CurlRequestArguments,
  CurlRequestResult,
  RecordBody,
  ResponseRecord,
} from '../protocol';
import { toCurl, toCurlWithSecrets } from './curl';
import { ResponseHistory } from './history';
import { readWebviewMessage, type HostMessage, type PanelAction, type PanelLimits } from './messages';

export interface PanelView {
  /** Creates the panel if needed and shows it beside the editor without taking focus. */
  reveal(): void;
  /** Posts to the webview if the panel exists; the webview asks again with `ready` when it loads. */
  post(message: HostMessage): void;
}

export interface PanelEffects {
  copy(text: string): Promise<void>;
  /** Asks where to save and writes the bytes, or copies the file at `fullPath` there. */
  save(suggestedName: string, content: Uint8Array | { fullPath: string }): Promise<void>;
  openFile(fullPath: string): Promise<void>;
  /** Asks a modal question; resolves to the chosen answer, or undefined when dismissed. */
  confirm(message: string, detail: string, answers: string[]): Promise<string | undefined>;
  info(message: string): void;
  error(message: string): void;
}

/** Where "Copy as cURL" with secrets gets the unmasked request: `oauthHttp.curlRequest`. */
export interface CurlSource {
  curlRequest(argument: CurlRequestArguments): Promise<CurlRequestResult>;
}

export const COPY_WITH_SECRETS = 'Copy with secrets';
export const COPY_MASKED = 'Copy masked';
const CONFIRM_SECRETS =
  'Copy with secrets: the command will hold your access token and a fresh OAuth signature. ' +
  'Anyone who sees it can call the API as you (the signature for a few minutes, the token ' +
  'until you sign out), so do not paste it where others can read it or into files you share. ' +
  'The request is built again from the .http file, so prompts are asked again.\n\n' +
  'Copy masked: secrets are replaced by ***; the command will not be accepted as it is.';

const NOT_KEPT =
  'The history no longer keeps this body (newer responses took its room): send the request again to see it.';

/** The body's bytes: its text as UTF-8, or its base64 decoded. */
export function bodyBytes(body: RecordBody): Uint8Array {
  if (body.text !== null) {
    return new TextEncoder().encode(body.text);
  }
  return Uint8Array.from(Buffer.from(body.base64 ?? '', 'base64'));
}

function extensionFor(type: string): string {
  if (type.startsWith('image/svg')) {
    return 'svg';
  }
  const image = /^image\/(png|gif|webp|bmp|jpeg|jpg)$/.exec(type);
  if (image !== null) {
    return image[1] === 'jpeg' ? 'jpg' : (image[1] ?? 'bin');
  }
  for (const [pattern, extension] of [
    [/json/, 'json'],
    [/html/, 'html'],
    [/xml/, 'xml'],
    [/^text\//, 'txt'],
  ] as const) {
    if (pattern.test(type)) {
      return extension;
    }
  }
  return 'bin';
}

export function suggestedFileName(record: ResponseRecord): string {
  const type = (record.body?.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const base = record.label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return `${base || 'response'}.${extensionFor(type)}`;
}

export class PanelController {
  readonly history: ResponseHistory;
  private shownId: string | null = null;

  constructor(
    private readonly view: PanelView,
    private readonly effects: PanelEffects,
    private readonly limits: PanelLimits,
    private readonly server: CurlSource,
    history = new ResponseHistory(),
  ) {
    this.history = history;
  }

  /** A new response from the server: remember it and show it. */
  addResponse(record: ResponseRecord): void {
    this.history.add(record);
    this.view.reveal();
    this.show(record);
  }

  /** "Show response panel": the panel with the latest response (or an empty one). */
  open(): void {
    this.view.reveal();
    const latest = this.history.latest();
    if (latest !== undefined) {
      this.show(latest);
    }
  }

  private show(record: ResponseRecord): void {
    this.shownId = record.id;
    this.view.post({ type: 'show', record, history: this.history.entries(), limits: this.limits });
  }

  async onMessage(raw: unknown): Promise<void> {
    const message = readWebviewMessage(raw);
    if (message === undefined) {
      return;
    }
    if (message.type === 'ready') {
      // The host's choice wins: the webview's saved state can predate the newest response.
      const wanted = this.shownId ?? message.selectedId;
      const record = (wanted !== null ? this.history.get(wanted) : undefined) ?? this.history.latest();
      if (record !== undefined) {
        this.show(record);
      }
      return;
    }
    const record = this.history.get(message.id);
    if (record === undefined) {
      this.view.post({ type: 'notice', text: 'That response is no longer in the history.' });
      return;
    }
    if (message.type === 'select') {
      this.show(record);
      return;
    }
    await this.act(message.action, record);
  }

  private async act(action: PanelAction, record: ResponseRecord): Promise<void> {
    const body = record.body;
    const kept = this.history.bodyKept(record.id);
    switch (action) {
      case 'copyBody':
        if (!kept) {
          this.effects.info(NOT_KEPT);
          return;
        }
        if (body?.text == null) {
          this.effects.info('This body is binary: use Save body to keep it.');
          return;
        }
        await this.effects.copy(body.text);
        this.effects.info(
          body.truncated
            ? 'Copied the shown part of the body; it was cut at the size limit.'
            : 'Body copied.',
        );
        return;
      case 'saveBody':
        if (body === null) {
          return;
        }
        if (body.truncated && body.fullPath !== null) {
          await this.effects.save(suggestedFileName(record), { fullPath: body.fullPath });
        } else if (!kept) {
          this.effects.info(NOT_KEPT);
        } else {
          await this.effects.save(suggestedFileName(record), bodyBytes(body));
        }
        return;
      case 'copyCurl': {
        const answer = await this.effects.confirm('Copy as cURL with secrets?', CONFIRM_SECRETS, [
          COPY_WITH_SECRETS,
          COPY_MASKED,
        ]);
        if (answer === COPY_MASKED) {
          await this.copyMaskedCurl(record);
        } else if (answer === COPY_WITH_SECRETS) {
          await this.copyCurlWithSecrets(record);
        }
        return;
      }
      case 'openFullBody':
        if (body?.fullPath != null) {
          await this.effects.openFile(body.fullPath);
        }
        return;
    }
  }

  private async copyMaskedCurl(record: ResponseRecord): Promise<void> {
    const curl = toCurl(record.request);
    await this.effects.copy(curl.command);
    const masked =
      curl.masked.length > 0
        ? ` Masked: ${curl.masked.join(', ')} (the panel never holds secrets, and an OAuth ` +
          'signature is single-use: send the request from the .http file to sign it afresh).'
        : '';
    this.effects.info(`Copied as cURL.${masked}${curl.notes.map((n) => ` ${n}`).join('')}`);
  }

  private async copyCurlWithSecrets(record: ResponseRecord): Promise<void> {
    if (record.uri === '') {
      this.effects.error(
        'Nothing was copied: this response does not name its .http file, so the request cannot be built again with its secrets.',
      );
      return;
    }
    const answer = await this.server.curlRequest({ uri: record.uri, line: record.line });
    if ('error' in answer) {
      this.effects.error(`Nothing was copied. ${answer.error}`);
      return;
    }
    await this.effects.copy(toCurlWithSecrets(answer).command);
    const what = `${answer.method} ${withoutQuery(answer.url)}`;
    this.effects.info(
      isSigned(answer)
        ? `Copied as cURL with secrets: ${what}, signed afresh. The signature is accepted once, ` +
            'for a few minutes; the command holds your access token, so keep it to yourself.'
        : `Copied as cURL with secrets: ${what}, built again from the .http file, nothing masked.`,
    );
  }
}

function isSigned(request: CurlRequest): boolean {
  const oauthHeader = request.headers.some(
    ([name, value]) => name.toLowerCase() === 'authorization' && /^\s*OAuth\s/i.test(value),
  );
  return (
    oauthHeader || [request.url, request.bodyText ?? ''].some((text) => text.includes('oauth_signature='))
  );
}

/** The URL's origin and path: enough to say which request was copied, without any secret. */
function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url.replace(/[?#].*$/s, '').replace(/\/\/[^/@]*@/, '//');
  }
}
