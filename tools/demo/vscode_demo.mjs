/**
 * The demo in a real VS Code (`make demo-vscode`): the sandbox OAuth 1.0a provider on
 * 127.0.0.1:8765 (where the `sandbox` preset and `examples/http-client.env.json` point), and
 * `examples/` open in VS Code with the extension.
 *
 * With a desktop VS Code (`code` on PATH, and DEMO_CODE_SERVER unset) it opens a new window with
 * the extension under development (this checkout). Otherwise it starts code-server on 127.0.0.1
 * with the extension installed from the .vsix and prints the address to open in a browser.
 * Ctrl+C stops everything it started.
 *
 * Environment: DEMO_CODE_SERVER=1 forces code-server; DEMO_PORT is code-server's port (8766, or
 * a free one when that is taken).
 */

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import { REPO_ROOT, checkInstalled, vsixPath } from '../../tests/e2e/harness/paths.mjs';
import { freePort, stopGroup } from '../../tests/e2e/harness/processes.mjs';
import {
  installExtension,
  makeProfile,
  removeProfile,
  startCodeServer,
  startSandbox,
} from '../../tests/e2e/harness/services.mjs';

const SANDBOX_PORT = 8765;
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const LOGS = path.join(REPO_ROOT, '.cache', 'demo');

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function codeServerPort() {
  const wanted = Number(process.env.DEMO_PORT || 8766);
  return (await portIsFree(wanted)) ? wanted : freePort();
}

function howTo(where, { environmentSelected }) {
  const environment = environmentSelected
    ? '  0. The "sandbox" environment (http-client.env.json) is selected: {{apiUrl}} is the sandbox.'
    : '  0. Run "OAuth: Select environment" and pick "sandbox" ({{apiUrl}} comes from it).';
  return [
    '',
    `In ${where}:`,
    environment,
    '  1. Open twitter.http and click "Authorize sandbox" above a request (or run',
    '     "OAuth: Authorize provider" from the command palette and pick "Sandbox (local)").',
    '  2. Consumer key: sandbox-consumer   consumer secret: sandbox-secret',
    '  3. Approve on the page that opens, copy the PIN into VS Code.',
    '  4. Click "Send request" above a request: the response opens in a panel beside it.',
    '  5. Every other flow: open providers/providers.http (its env file points each preset at the',
    '     sandbox persona that plays it). "Authorize tumblr" (Loopback: approve, and the browser',
    '     comes back to VS Code), netsuite or magento (Paste: make a token on the persona page',
    '     http://127.0.0.1:8765/personas/NAME/tokens), mastercard or schoology (Consumer Only:',
    '     only a secret or the key password sandbox-keystore). `oauth-http sandbox` lists the',
    '     personas and their demo secrets.',
    '',
    'Press Ctrl+C to stop.',
  ].join('\n');
}

async function main() {
  fs.mkdirSync(LOGS, { recursive: true });
  const started = [];
  let profile;
  let stopping = false;
  const stop = async (code) => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nStopping the demo...');
    for (const child of started.reverse()) {
      await stopGroup(child);
    }
    if (profile !== undefined) {
      removeProfile(profile);
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));

  if (!(await portIsFree(SANDBOX_PORT))) {
    console.error(
      `Port ${SANDBOX_PORT} is taken: the demo's sandbox must run there (the sandbox preset points at it). ` +
        'Stop whatever listens there (another demo, `oauth-http sandbox`) and run make demo-vscode again.',
    );
    process.exit(2);
  }
  const sandbox = await startSandbox({ port: SANDBOX_PORT, logFile: path.join(LOGS, 'sandbox.log') });
  started.push(sandbox.child);
  console.log(sandbox.banner.replace(/Press Ctrl\+C to stop\.\s*$/, '').trimEnd());

  const desktop = process.env.DEMO_CODE_SERVER !== '1' && onPath('code');
  if (desktop) {
    const opened = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${REPO_ROOT}`, EXAMPLES], {
      stdio: 'inherit',
    });
    if (opened.status !== 0) {
      console.error('`code` did not open a window; run with DEMO_CODE_SERVER=1 to use code-server instead.');
      await stop(1);
    }
    console.log(`\nOpened ${EXAMPLES} in VS Code with the extension under development (this checkout).`);
    console.log(howTo('the VS Code window ("Extension Development Host")', { environmentSelected: false }));
  } else {
    checkInstalled();
    profile = makeProfile('/tmp/ohdemo-');
    await installExtension(profile, vsixPath(), path.join(LOGS, 'install.log'));
    const codeServer = await startCodeServer({
      profile,
      port: await codeServerPort(),
      logFile: path.join(LOGS, 'code-server.log'),
      settings: { 'oauthHttp.environment': 'sandbox' },
    });
    started.push(codeServer.child);
    console.log(`\nVS Code (code-server) with the extension installed from ${path.basename(vsixPath())}:`);
    console.log(`\n  Open ${codeServer.url(EXAMPLES)}\n`);
    console.log('(It listens on 127.0.0.1 only: from another machine, forward the port first,');
    console.log(` e.g. ssh -L ${codeServer.port}:127.0.0.1:${codeServer.port} this-machine.)`);
    console.log(howTo('the browser', { environmentSelected: true }));
    codeServer.child.exited.then(() => {
      if (stopping) {
        return;
      }
      console.error(`code-server exited; its log: ${path.join(LOGS, 'code-server.log')}`);
      void stop(1);
    });
  }
  sandbox.child.exited.then(() => {
    if (stopping) {
      return;
    }
    console.error(`The sandbox exited; its log: ${path.join(LOGS, 'sandbox.log')}`);
    void stop(1);
  });
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
