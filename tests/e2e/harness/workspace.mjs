/**
 * The workspace the scenarios open: a copy of `fixtures/workspace` plus an `http-client.env.json`
 * that points the sandbox provider (and `{{apiUrl}}`) at the sandbox this run started, and the
 * tumblr (Loopback) and magento (Paste) presets at the personas that play them there.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

import { FIXTURES_DIR } from './paths.mjs';

/** The env file's content for a sandbox at `sandboxBase`; `closedPort` has no listener. */
export function environmentFile(sandboxBase, closedPort) {
  return {
    $shared: {
      baseUrl: sandboxBase,
      apiUrl: `${sandboxBase}/1.1`,
      closedPort,
      personasUrl: `${sandboxBase}/personas`,
      magentoSiteUrl: `${sandboxBase}/personas/tokens`,
      Security: {
        Auth: {
          sandbox: {
            'Request Token URL': `${sandboxBase}/oauth/request_token`,
            'Authorize URL': `${sandboxBase}/oauth/authorize`,
            'Access Token URL': `${sandboxBase}/oauth/access_token`,
          },
          tumblr: {
            'Request Token URL': `${sandboxBase}/personas/callback/oauth/request_token`,
            'Authorize URL': `${sandboxBase}/personas/callback/oauth/authorize`,
            'Access Token URL': `${sandboxBase}/personas/callback/oauth/access_token`,
            'API Origins': [sandboxBase],
            'Consumer Key': 'callback-consumer',
          },
          magento: {
            'API Origins': [sandboxBase],
            'Consumer Key': 'tokens-consumer',
          },
        },
      },
    },
  };
}

/** Copies the fixture workspace into `folder` and writes its env file. */
export function makeWorkspace(folder, { sandboxBase, closedPort }) {
  fs.cpSync(path.join(FIXTURES_DIR, 'workspace'), folder, { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'http-client.env.json'),
    `${JSON.stringify(environmentFile(sandboxBase, closedPort), null, 2)}\n`,
  );
  return folder;
}
