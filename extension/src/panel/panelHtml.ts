/**
 * The response panel's HTML shell: a strict Content Security Policy, the stylesheet, and the
 * script allowed by a fresh nonce. The shell holds no response data: records arrive later with
 * postMessage and the script turns them into DOM text nodes.
 */

import { randomBytes } from 'node:crypto';

import { escapeHtml } from '../webview/vnode';

export interface PanelHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

/** A random nonce (128 bits, base64) for one render of the panel. */
export function makeNonce(random: (size: number) => Buffer = randomBytes): string {
  return random(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function panelHtml(input: PanelHtmlInput): string {
  const csp = escapeHtml(contentSecurityPolicy(input.cspSource, input.nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>OAuth HTTP response</title>
</head>
<body>
<div id="notice" class="panel-notice" role="status" hidden></div>
<main id="root"></main>
<script nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>
`;
}
