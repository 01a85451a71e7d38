/**
 * The servers a session needs: the sandbox OAuth 1.0a provider and code-server with the
 * extension installed from its .vsix, both on 127.0.0.1, both in their own process groups, with
 * every folder code-server writes to inside one short throwaway profile folder.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

import { CODE_SERVER_ENTRY, NODE24, NODE24_HOME, REPO_ROOT, VENV_PYTHON } from './paths.mjs';
import { freePort, runToEnd, startGroup, stopGroup, waitForHttp } from './processes.mjs';

/** One throwaway folder (short: VS Code's socket paths must stay under 107 bytes). */
export function makeProfile(prefix = '/tmp/ohe2e-') {
  const root = fs.mkdtempSync(prefix);
  const folders = {
    root,
    config: path.join(root, 'cfg'),
    data: path.join(root, 'data'),
    cache: path.join(root, 'cache'),
    state: path.join(root, 'state'),
    tmp: path.join(root, 'tmp'),
    userData: path.join(root, 'ud'),
    extensions: path.join(root, 'ext'),
  };
  for (const folder of Object.values(folders)) {
    fs.mkdirSync(folder, { recursive: true });
  }
  return folders;
}

export function removeProfile(profile) {
  fs.rmSync(profile.root, { recursive: true, force: true });
}

/** The environment without variables of a VS Code this may itself run in. */
function cleanEnvironment() {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('VSCODE_') && !name.startsWith('ELECTRON_') && name !== 'NODE_OPTIONS',
    ),
  );
}

/**
 * Starts `oauth-http sandbox` on 127.0.0.1:`port` (0: any free port) and resolves once it
 * listens, with `{ child, port, base }`.
 */
export async function startSandbox({ port = 0, logFile }) {
  const env = { ...cleanEnvironment(), PYTHONPATH: path.join(REPO_ROOT, 'server'), PYTHONUNBUFFERED: '1' };
  const child = startGroup(VENV_PYTHON, ['-m', 'oauth_http', 'sandbox', '--port', String(port)], {
    env,
    cwd: REPO_ROOT,
    logFile,
    pipeStdout: true,
  });
  const banner = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`The sandbox did not start:\n${text}`)), 20_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      text += chunk;
      fs.appendFileSync(logFile, chunk);
      if (text.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`The sandbox exited:\n${text}\n${fs.readFileSync(logFile, 'utf8')}`));
    });
  });
  const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(banner);
  if (match === null) {
    await stopGroup(child);
    throw new Error(`The sandbox printed no address:\n${banner}`);
  }
  const actual = Number(match[1]);
  return { child, port: actual, base: `http://127.0.0.1:${actual}`, banner };
}

const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.codeLens': true,
  'editor.minimap.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** The environment code-server and its children run with: Node 24 first, XDG and TMPDIR inside the profile. */
export function codeServerEnvironment(profile) {
  return {
    ...cleanEnvironment(),
    PATH: `${path.join(NODE24_HOME, 'bin')}:${process.env.PATH}`,
    XDG_CONFIG_HOME: profile.config,
    XDG_DATA_HOME: profile.data,
    XDG_CACHE_HOME: profile.cache,
    XDG_STATE_HOME: profile.state,
    TMPDIR: profile.tmp,
    // No extension gallery: the workbench would otherwise ask open-vsx.org for updates.
    EXTENSIONS_GALLERY: '{}',
  };
}

function profileArguments(profile) {
  return ['--user-data-dir', profile.userData, '--extensions-dir', profile.extensions];
}

/** Installs a .vsix into the profile's extensions folder. */
export async function installExtension(profile, vsix, logFile) {
  await runToEnd(
    NODE24,
    [CODE_SERVER_ENTRY, ...profileArguments(profile), '--install-extension', vsix, '--force'],
    { env: codeServerEnvironment(profile), cwd: profile.root, logFile },
  );
}

/**
 * Starts code-server on 127.0.0.1 (`port`, or a free one) with the profile's folders and seeded
 * user settings; resolves with `{ child, port, url(folder) }` once `/healthz` answers. Workspace
 * Trust is off unless `workspaceTrust` (then the settings should enable it too).
 */
export async function startCodeServer({ profile, port, logFile, settings = {}, workspaceTrust = false }) {
  const chosen = port ?? (await freePort());
  const userFolder = path.join(profile.userData, 'User');
  fs.mkdirSync(userFolder, { recursive: true });
  fs.writeFileSync(
    path.join(userFolder, 'settings.json'),
    JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2),
  );
  const config = path.join(profile.root, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${chosen}\nauth: none\ncert: false\n`);
  const child = startGroup(
    NODE24,
    [
      CODE_SERVER_ENTRY,
      '--config',
      config,
      ...profileArguments(profile),
      '--disable-telemetry',
      '--disable-update-check',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--reconnection-grace-time',
      '30',
      '--ignore-last-opened',
    ],
    { env: codeServerEnvironment(profile), cwd: profile.root, logFile },
  );
  try {
    await waitForHttp(`http://127.0.0.1:${chosen}/healthz`, { timeoutMs: 60_000, child });
  } catch (error) {
    await stopGroup(child);
    throw new Error(
      `code-server did not start: ${error.message}\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`,
    );
  }
  return {
    child,
    port: chosen,
    url: (folder) => `http://127.0.0.1:${chosen}/?folder=${encodeURIComponent(folder)}`,
  };
}
