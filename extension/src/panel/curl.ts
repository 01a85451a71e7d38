/**
 * "Copy as cURL": the request as a POSIX shell command, masked or, when the user confirmed, with
 * its secrets.
 *
 * `toCurl` works on the panel's record, which the server already masked; it masks again on its
 * own (defence in depth): the values of credential headers, and `oauth_signature` /
 * `oauth_token` wherever they appear (OAuth Authorization header, query string, form body).
 * Secrets cannot be restored from a record. `toCurlWithSecrets` works on the server's
 * `oauthHttp.curlRequest` answer instead: the request built again and signed afresh, unmasked.
 *
 * Both quote every word for the shell, and neither lets the request's text make curl read a
 * local file: a text body goes in `--data-raw` (never `--data` or `--data-binary`, which read
 * the file named after a leading `@`), a binary body is decoded from a quoted here-document into
 * `--data-binary @-` (standard input), a header is never an argument starting with `@` (curl
 * reads headers from that file), and a URL with `[]{}` gets `--globoff` so curl sends it once,
 * as written.
 */

import type { CurlRequest, RecordRequest } from '../protocol';

export const MASK = '***';

const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
  'private-token',
]);

const SECRET_PARAMETERS = new Set(['oauth_signature', 'oauth_token']);

export interface CurlExport {
  command: string;
  /** What was masked or left out, for the message shown after copying. */
  masked: string[];
  notes: string[];
}

/** Quotes `value` for a POSIX shell: single quotes, with `'` written as `'\''`. */
export function shellQuote(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) {
    return value;
  }
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function maskOAuthHeader(value: string, masked: Set<string>): string {
  return value.replace(/(oauth_[a-z_]+)\s*=\s*"([^"]*)"/g, (whole, name: string, content: string) => {
    if (!SECRET_PARAMETERS.has(name) || content === '') {
      return whole;
    }
    masked.add(name);
    return `${name}="${MASK}"`;
  });
}

function maskHeader(name: string, value: string, masked: Set<string>): string {
  const lower = name.toLowerCase();
  if (!CREDENTIAL_HEADERS.has(lower)) {
    return value;
  }
  if (lower === 'authorization' && /^\s*OAuth\s/i.test(value)) {
    return maskOAuthHeader(value, masked);
  }
  masked.add(`${name} header`);
  const scheme = /^\s*(Basic|Bearer|Digest|Token)\s/i.exec(value);
  return scheme !== null && lower.endsWith('authorization') ? `${scheme[1]} ${MASK}` : MASK;
}

/** Masks secret parameters in `a=b&c=d` text, keeping everything else byte for byte. */
export function maskParameters(query: string, masked: Set<string>): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      let name: string;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        name = rawName;
      }
      if (equals < 0 || !SECRET_PARAMETERS.has(name) || pair.length === equals + 1) {
        return pair;
      }
      masked.add(name);
      return `${rawName}=${MASK}`;
    })
    .join('&');
}

function maskUrl(url: string, masked: Set<string>): string {
  const query = url.indexOf('?');
  if (query < 0) {
    return url;
  }
  const hash = url.indexOf('#', query);
  const end = hash < 0 ? url.length : hash;
  return url.slice(0, query + 1) + maskParameters(url.slice(query + 1, end), masked) + url.slice(end);
}

function headerValue(headers: readonly [string, string][], name: string): string {
  return headers.find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
}

/** Where a binary body's here-document ends: `_` is not in the base64 alphabet, so no line of
 * the body can end it early. */
export const HEREDOC_END = 'OAUTH_HTTP_BODY';
const BASE64_LINE = 76;

/** `Name: value` as curl's `-H` wants it: `Name;` sends an empty value (`Name:` would remove
 * the header instead). */
function headerArgument(name: string, value: string): string {
  return value === '' ? `${name};` : `${name}: ${value}`;
}

/** `curl [-X METHOD | --head] URL [--globoff] [--compressed]` and one `-H 'Name: value'` per
 * header, quoted. `--compressed` when the request accepts a compressed body (requests asks for
 * gzip by default): without it curl would print the compressed bytes. A header whose name
 * starts with `@` (no valid header does) is left out, with a note: curl would read a file. */
function curlParts(
  method: string,
  url: string,
  headers: readonly [string, string][],
  hasBody: boolean,
  notes: string[],
): string[] {
  const verb = method.toUpperCase() || 'GET';
  const first: string[] = ['curl'];
  if (verb === 'HEAD') {
    first.push('--head');
  } else if (verb !== 'GET' || hasBody) {
    first.push(`-X ${shellQuote(verb)}`);
  }
  first.push(shellQuote(url));
  if (/[[\]{}]/.test(url)) {
    first.push('--globoff');
  }
  if (/\b(gzip|deflate|br|zstd)\b/i.test(headerValue(headers, 'accept-encoding'))) {
    first.push('--compressed');
  }
  const lines = [first.join(' ')];
  for (const [name, value] of headers) {
    if (name.startsWith('@')) {
      notes.push(`The header ${JSON.stringify(name)} is left out: curl would read a file named after it.`);
      continue;
    }
    lines.push(`-H ${shellQuote(headerArgument(name, value))}`);
  }
  return lines;
}

function joinParts(parts: string[]): string {
  return parts.join(' \\\n  ');
}

/** The command for a text body: `--data-raw 'text'`, which curl sends exactly as given. */
function withText(parts: string[], text: string): string {
  return joinParts([...parts, `--data-raw ${shellQuote(text)}`]);
}

/** The command for binary bytes: decoded from a quoted here-document into curl's standard
 * input (`base64 --decode` works with GNU coreutils and macOS alike). */
function withBinary(parts: string[], base64: string): string {
  const lines: string[] = [];
  for (let start = 0; start < base64.length; start += BASE64_LINE) {
    lines.push(base64.slice(start, start + BASE64_LINE));
  }
  const command = joinParts([...parts, '--data-binary @-']);
  return [`base64 --decode <<'${HEREDOC_END}' | ${command}`, ...lines, HEREDOC_END].join('\n');
}

/** The record's request as a command, every secret masked. */
export function toCurl(request: RecordRequest): CurlExport {
  const masked = new Set<string>();
  const notes: string[] = [];
  const headers = request.headers.map(([name, value]): [string, string] => [
    name,
    maskHeader(name, value, masked),
  ]);
  const parts = curlParts(
    request.method,
    maskUrl(request.url, masked),
    headers,
    request.body !== null,
    notes,
  );
  const body = request.body;
  let command = joinParts(parts);
  if (body !== null) {
    if (body.text !== null) {
      const form = headerValue(request.headers, 'content-type')
        .toLowerCase()
        .startsWith('application/x-www-form-urlencoded');
      command = withText(parts, form ? maskParameters(body.text, masked) : body.text);
    } else if (body.base64 !== null) {
      command = withBinary(parts, body.base64);
    }
    if (body.truncated) {
      notes.push('The request body was cut at the size limit; the command holds only its start.');
    }
  }
  return { command, masked: [...masked].sort(), notes };
}

/** The server's unmasked request as a command, nothing masked. */
export function toCurlWithSecrets(request: CurlRequest): CurlExport {
  const notes: string[] = [];
  const hasBody = request.bodyText !== null || request.bodyBase64 !== null;
  const parts = curlParts(request.method, request.url, request.headers, hasBody, notes);
  let command = joinParts(parts);
  if (request.bodyText !== null) {
    command = withText(parts, request.bodyText);
  } else if (request.bodyBase64 !== null) {
    command = withBinary(parts, request.bodyBase64);
  }
  return { command, masked: [], notes };
}
