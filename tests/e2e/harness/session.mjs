/**
 * One end-to-end session: a throwaway profile, the sandbox provider, code-server with the
 * extension installed from its .vsix, a workspace that targets the sandbox, and Debian's Chromium
 * driven by playwright-core. `stop()` ends everything it started, in reverse order; failures
 * leave screenshots and logs in `tests/e2e/artifacts/`.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

import { ARTIFACTS_DIR, CHROMIUM, checkInstalled, playwright, vsixPath } from './paths.mjs';
import { exitOnSignals, freePort, processesMatching, stopGroup } from './processes.mjs';
import { installExtension, makeProfile, removeProfile, startCodeServer, startSandbox } from './services.mjs';
import { Workbench } from './workbench.mjs';
import { makeWorkspace } from './workspace.mjs';

exitOnSignals();

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-crash-reporter',
  '--disable-breakpad',
  // Nothing but 127.0.0.1 and localhost resolves: no page can reach the internet.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export const VIEWPORT = { width: 1400, height: 900 };

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
}

export class Session {
  /** `workspaceFiles` ({ 'relative/path': text }) are written into the test workspace too;
   * `settings` are added to the user settings; `workspaceTrust` turns Workspace Trust on. */
  static async start({ logPrefix = 'e2e', workspaceFiles = {}, settings = {}, workspaceTrust = false } = {}) {
    checkInstalled();
    const vsix = vsixPath();
    if (!fs.existsSync(vsix)) {
      throw new Error(`${vsix} is missing: run make vsix (make e2e does).`);
    }
    const logs = path.join(ARTIFACTS_DIR, 'logs');
    fs.mkdirSync(logs, { recursive: true });
    const session = new Session();
    session.logs = logs;
    session.profile = makeProfile();
    try {
      session.sandbox = await startSandbox({ logFile: path.join(logs, `${logPrefix}-sandbox.log`) });
      session.closedPort = await freePort();
      session.workspace = makeWorkspace(path.join(session.profile.root, 'ws'), {
        sandboxBase: session.sandbox.base,
        closedPort: session.closedPort,
      });
      for (const [name, text] of Object.entries(workspaceFiles)) {
        fs.mkdirSync(path.dirname(path.join(session.workspace, name)), { recursive: true });
        fs.writeFileSync(path.join(session.workspace, name), text);
      }
      await installExtension(session.profile, vsix, path.join(logs, `${logPrefix}-install.log`));
      session.codeServer = await startCodeServer({
        profile: session.profile,
        logFile: path.join(logs, `${logPrefix}-code-server.log`),
        settings,
        workspaceTrust,
      });
      const { chromium } = playwright();
      // Playwright keeps Chromium's profile in os.tmpdir(): inside the profile, removed with it.
      process.env.TMPDIR = session.profile.tmp;
      session.browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
      });
      session.context = await session.browser.newContext({ viewport: VIEWPORT });
      session.recordConsole(path.join(logs, `${logPrefix}-browser-console.log`));
      session.page = await session.context.newPage();
      session.workbench = new Workbench(session.page, session.context);
      await session.workbench.open(session.codeServer.url(session.workspace));
    } catch (error) {
      await session.captureFailure('start');
      await session.stop();
      throw error;
    }
    return session;
  }

  /** Appends every page's console errors and warnings, and uncaught errors, to `logFile`. */
  recordConsole(logFile) {
    const write = (line) => fs.appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
    const watch = (page) => {
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') {
          write(`[${message.type()}] ${page.url().slice(0, 80)}: ${message.text()}`);
        }
      });
      page.on('pageerror', (error) => write(`[pageerror] ${page.url().slice(0, 80)}: ${error.message}`));
    };
    this.context.on('page', watch);
  }

  /** Process ids of the extension's language servers started from this session's profile. */
  languageServers() {
    return processesMatching(this.profile.extensions).filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('launch.py');
      } catch {
        return false;
      }
    });
  }

  /** Screenshots of every open page and a copy of VS Code's logs, named after `name`. */
  async captureFailure(name) {
    const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    const folder = path.join(ARTIFACTS_DIR, 'failures');
    fs.mkdirSync(folder, { recursive: true });
    const pages = this.context?.pages() ?? [];
    for (const [index, page] of pages.entries()) {
      const file = path.join(folder, `${slug}${index === 0 ? '' : `-page${index}`}.png`);
      await withTimeout(
        page.screenshot({ path: file }).catch(() => undefined),
        10_000,
      );
    }
    if (this.page !== undefined) {
      await withTimeout(this.describeFrames(path.join(folder, `${slug}-frames.txt`)), 15_000);
    }
    const vscodeLogs = this.profile !== undefined ? path.join(this.profile.userData, 'logs') : undefined;
    if (vscodeLogs !== undefined && fs.existsSync(vscodeLogs)) {
      fs.cpSync(vscodeLogs, path.join(folder, `${slug}-vscode-logs`), { recursive: true });
    }
  }

  /** Writes each frame of the workbench page: address, name, load state, service worker. */
  async describeFrames(file) {
    const lines = [];
    for (const frame of this.page.frames()) {
      const state = await frame
        .evaluate(() => ({
          readyState: document.readyState,
          visibility: document.visibilityState,
          root: document.querySelector('#root') !== null,
          serviceWorker: navigator.serviceWorker?.controller?.state ?? 'none',
        }))
        .catch((error) => ({ error: error.message.split('\n')[0] }));
      lines.push(`${frame.name() || '-'} ${frame.url()}\n  ${JSON.stringify(state)}`);
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
  }

  /** Saves a screenshot of the workbench (clipped to `clip` when given) to `file`. */
  async screenshot(file, clip) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, clip });
  }

  async stop() {
    if (this.browser !== undefined) {
      await withTimeout(
        this.browser.close().catch(() => undefined),
        15_000,
      );
    }
    await stopGroup(this.codeServer?.child);
    await stopGroup(this.sandbox?.child);
    if (this.profile !== undefined) {
      removeProfile(this.profile);
    }
  }
}
