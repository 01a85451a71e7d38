/**
 * Every custom method, command and payload between the extension and the Python language server.
 *
 * The Python twin is `server/oauth_http/lsp/methods.py`, with the response record's types in
 * `server/oauth_http/sending/record_types.py`; change both together. Payload keys are camelCase
 * identifiers; header maps travel as lists of `[name, value]` pairs. This module has no VS Code
 * import, so the webview bundle and the unit tests can use its types.
 */

/** Commands the server advertises through executeCommandProvider (also the CodeLens commands). */
export const ServerCommand = {
  send: 'oauthHttp.send',
  sendAll: 'oauthHttp.sendAll',
  authorize: 'oauthHttp.authorize',
  signOut: 'oauthHttp.signOut',
  providers: 'oauthHttp.providers',
  environments: 'oauthHttp.environments',
  /** Run by the server's own Quick Fix (a code action); the extension never calls it. */
  moveConsumerSecret: 'oauthHttp.moveConsumerSecret',
  curlRequest: 'oauthHttp.curlRequest',
} as const;
export type ServerCommandName = (typeof ServerCommand)[keyof typeof ServerCommand];

/** Requests from the server to the client. */
export const ClientRequest = {
  askText: 'oauthHttp/askText',
  pick: 'oauthHttp/pick',
  getSecret: 'oauthHttp/getSecret',
  storeSecret: 'oauthHttp/storeSecret',
  deleteSecret: 'oauthHttp/deleteSecret',
} as const;

/** Notifications from the server to the client. */
export const ClientNotification = {
  response: 'oauthHttp/response',
  providersChanged: 'oauthHttp/providersChanged',
} as const;

/** Notifications from the client to the server. */
export const ServerNotification = {
  /** `{key}`: SecretStorage changed this key outside the server (say, another window). */
  secretChanged: 'oauthHttp/secretChanged',
  /** No params: the user trusted the workspace, so sending and authorizing are allowed now. */
  workspaceTrusted: 'oauthHttp/workspaceTrusted',
} as const;

/** Requests from the client to the server. */
export const ServerRequest = {
  /**
   * Debug only: registered when the server runs with OAUTH_HTTP_DEBUG_STATS=1 (`make bench`'s
   * soak reads it); the extension never sends it. Answers counts (see fastpath/debug_stats.py).
   */
  debugStats: 'oauthHttp/debugStats',
} as const;

/** Ask for one line of text. Reply `{value: string}`, or `{value: null}` when cancelled. */
export interface AskTextParams {
  title: string;
  prompt: string;
  masked: boolean;
  placeholder: string;
  value: string;
}
export interface AskTextResult {
  value: string | null;
}

export interface PickItem {
  id: string;
  label: string;
  description: string;
}

/** Pick one item. Reply `{id: string}`, or `{id: null}` when cancelled. */
export interface PickParams {
  title: string;
  placeholder: string;
  items: PickItem[];
}
export interface PickResult {
  id: string | null;
}

/** Get (reply `{value: string | null}`) or delete (reply `{}`) one workspace secret. */
export interface SecretKeyParams {
  key: string;
}
export interface GetSecretResult {
  value: string | null;
}

/** Store one workspace secret. Reply `{}`. */
export interface StoreSecretParams {
  key: string;
  value: string;
}
export type EmptyResult = Record<string, never>;

/** Arguments of `oauthHttp.send`: the document and the request, by (0-based) line or by name. */
export interface SendArguments {
  uri: string;
  line?: number;
  name?: string;
}

/**
 * `oauthHttp.send`'s answer. The record arrives first, as the `oauthHttp/response` notification
 * `recordId` names; `status` is "sent", "cancelled" or "failed" (with `message`).
 */
export interface SendAnswer {
  status: string;
  recordId?: string;
  message?: string;
}

/** `oauthHttp.sendAll`'s answer: "done", "stopped" (at `line`), "cancelled" or "failed". */
export interface SendAllAnswer {
  status: string;
  sent?: number;
  line?: number;
  message?: string;
}

/** Arguments of `oauthHttp.sendAll`. */
export interface SendAllArguments {
  uri: string;
}

/** Arguments of `oauthHttp.curlRequest`: the document and a (0-based) line of the request. */
export interface CurlRequestArguments {
  uri: string;
  line: number;
}

/**
 * `oauthHttp.curlRequest`'s answer: the request as a send would put it on the wire, signed afresh
 * and NOT masked (for "Copy as cURL" with secrets; never log or keep it). The body is `bodyText`
 * when it is UTF-8 text without NUL characters, else `bodyBase64`.
 */
export interface CurlRequest {
  method: string;
  url: string;
  headers: [string, string][];
  bodyText: string | null;
  bodyBase64: string | null;
}

/** `oauthHttp.curlRequest`'s answer when the request cannot be prepared: why, and what to do. */
export interface CurlRequestError {
  error: string;
}
export type CurlRequestResult = CurlRequest | CurlRequestError;

/** Arguments of `oauthHttp.authorize`; without `provider` the server asks the user to pick one. */
export interface AuthorizeArguments {
  uri?: string;
  provider?: string;
}

export interface SignOutArguments {
  uri?: string;
  provider?: string;
  forgetConsumer?: boolean;
}

/** Arguments of `oauthHttp.environments`: the document they apply to. */
export interface DocumentArguments {
  uri?: string;
}

/** The answer of `oauthHttp.authorize`, `signOut` and `moveConsumerSecret`. */
export interface CommandOutcome {
  status: string;
  message: string;
}

/** `oauthHttp.environments`' answer. */
export interface EnvironmentsAnswer {
  environments: string[];
  selected: string | null;
  files: string[];
}

/** Arguments of `oauthHttp.moveConsumerSecret`: where the "Consumer Secret" key starts. */
export interface MoveConsumerSecretArguments {
  uri: string;
  line: number;
  character: number;
}

/** Arguments of `oauthHttp.providers`: with `onlyUsed`, only the providers the document's
 * `# @oauth1` lines name (the status bar); else every provider it can use. */
export interface ProvidersArguments {
  uri?: string;
  onlyUsed?: boolean;
}

/**
 * One entry of `oauthHttp.providers`' answer. `authorized`: it can sign (a token is stored, or for
 * a 'Consumer Only' `flow` its consumer is known).
 */
export interface ProviderState {
  id: string;
  label: string;
  authorized: boolean;
  source: 'preset' | 'environment' | 'preset+environment';
  flow: ProviderFlow;
}

/** How a provider's credentials are obtained (its env-file "Flow"). */
export type ProviderFlow = 'PIN' | 'Loopback' | 'Paste' | 'Consumer Only';

/**
 * A body in a record: `text` when it decodes, else `base64`. `size` counts the (decoded) bytes
 * that arrived; `truncated`: the record holds only the first bytes (`oauthHttp.responseSizeLimitMB`)
 * and `fullPath` is the file with all that arrived. `complete` is false when the download stopped
 * at the maximum response size (`oauthHttp.maxResponseMB`): the server had more, and `size` is
 * where it stopped. A request body is always complete.
 */
export interface RecordBody {
  text: string | null;
  base64: string | null;
  contentType: string;
  charset: string | null;
  size: number;
  truncated: boolean;
  fullPath: string | null;
  complete: boolean;
}

/** The request as sent, secrets masked. */
export interface RecordRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: RecordBody | null;
}

/** Why there is no (good) response: `kind` is a stable code, `message` the cause, `hint` the next step. */
export interface RecordError {
  kind: string;
  message: string;
  hint: string;
}

export interface RecordOAuth {
  provider: string;
  signatureMethod: string;
  placement: string;
  baseString: string | null;
}

/** Milliseconds: `total` always; `headers` (time to the response headers) when known. */
export interface RecordTiming {
  total: number;
  headers: number | null;
}

/** The `oauthHttp/response` notification's payload, also what `oauth-http send` prints. */
export interface ResponseRecord {
  id: string;
  uri: string;
  line: number;
  label: string;
  startedAt: string;
  request: RecordRequest;
  status: number | null;
  reason: string;
  httpVersion: string;
  headers: [string, string][];
  body: RecordBody | null;
  timing: RecordTiming;
  oauth: RecordOAuth | null;
  redirects: string[];
  error: RecordError | null;
}
