/**
 * Driving VS Code's web workbench (code-server) with Playwright, the way a person would: the
 * command palette, Quick Open, input boxes and quick picks, notifications (toasts and the
 * notification center), modal dialogs, CodeLens and the Problems view (the response panel's
 * webview is `responsePanel.mjs`). Every wait is bounded; waits on the extension host retry.
 */

import { ResponsePanel } from './responsePanel.mjs';
import { eventually, sleep } from './waiting.mjs';

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_ROW = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;
const NOTIFICATION = '.notification-list-item';

function matches(text, expected) {
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}

export class Workbench {
  constructor(page, context) {
    this.page = page;
    this.context = context;
    this.panel = new ResponsePanel(page);
  }

  /** Waits for a new record in the response panel, reopening a panel whose webview stays blank. */
  async waitForNewRecord(previousId, options = {}) {
    return this.panel.waitForNewRecord(previousId, {
      ...options,
      recover: () => this.runCommand('OAuth: Show response panel'),
      onRecover: (message) => console.log(`# e2e recovery: ${message}`),
    });
  }

  /** Loads `url` and waits until the workbench shows its status bar and the explorer's rows. */
  async open(url) {
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await this.waitUntilReady();
  }

  async waitUntilReady() {
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 90_000 });
    // The explorer lists files only once the connection to the server works.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  }

  /** Reloads the window with "Developer: Reload Window" and waits for the new workbench. */
  async reloadWindow() {
    const navigated = this.page.waitForEvent('framenavigated', {
      predicate: (frame) => frame === this.page.mainFrame(),
      timeout: 60_000,
    });
    await this.runCommand('Developer: Reload Window');
    await navigated;
    await this.waitUntilReady();
  }

  quickInput() {
    return this.page.locator(QUICK_INPUT);
  }

  async quickInputVisible() {
    return this.page.locator(QUICK_INPUT).isVisible();
  }

  /** Runs a palette command by its full title ("OAuth: Authorize provider"), retrying while the
   * extension host has not registered it yet. */
  async runCommand(title, { timeoutMs = 90_000 } = {}) {
    await eventually(
      `the command "${title}" in the palette`,
      async () => {
        await this.closeQuickInput();
        await this.page.keyboard.press('F1');
        return this.chooseQuickRow(`>${title}`, (label) => label.startsWith(title));
      },
      { timeoutMs, intervalMs: 1_000 },
    );
  }

  /**
   * Types `query` into the open quick input and presses Enter once the focused row is one that
   * `wanted` accepts. The list shows recently used rows before it filters, so waiting for a
   * matching row somewhere in the list is not enough: Enter runs the focused one.
   */
  async chooseQuickRow(query, wanted, { timeoutMs = 5_000 } = {}) {
    const input = this.page.locator(QUICK_INPUT_BOX);
    await input.waitFor({ timeout: 10_000 });
    await input.fill(query);
    const focused = this.page.locator(`${QUICK_ROW}.focused`);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const label = await focused
        .first()
        .getAttribute('aria-label', { timeout: 500 })
        .catch(() => null);
      if (label !== null && wanted(label) && (await input.inputValue()) === query) {
        await this.page.keyboard.press('Enter');
        return true;
      }
      await sleep(100);
    }
    return undefined;
  }

  async closeQuickInput() {
    for (let attempt = 0; attempt < 3 && (await this.quickInputVisible()); attempt += 1) {
      await this.page.keyboard.press('Escape');
      await sleep(150);
    }
  }

  /** Opens a workspace file with Quick Open and waits for its editor tab to be active. */
  async openFile(name) {
    await eventually(`${name} to open`, async () => {
      await this.closeQuickInput();
      await this.page.keyboard.press('Control+P');
      if ((await this.chooseQuickRow(name, (label) => label.startsWith(name))) === undefined) {
        return undefined;
      }
      await this.activeTab(name).waitFor({ timeout: 10_000 });
      return true;
    });
  }

  activeTab(name) {
    const stem = name.replace(/\.[^.]+$/, '');
    return this.page.locator('.tabs-container .tab.active').filter({ hasText: stem });
  }

  /** Waits for the quick pick titled like `title`, filters it to `label` and chooses the row
   * whose label starts with `label`. Returns the labels the pick showed before filtering (only the
   * rows in view: a long list renders the first ones) and those left after filtering. */
  async pick(title, label, { timeoutMs = 30_000 } = {}) {
    await this.page
      .locator(`${QUICK_INPUT} .quick-input-title`)
      .filter({ hasText: title })
      .waitFor({ timeout: timeoutMs });
    const rows = this.page.locator(QUICK_ROW);
    await rows.first().waitFor({ timeout: timeoutMs });
    const labels = await rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label')));
    await this.page.locator(QUICK_INPUT_BOX).fill(label);
    const row = await eventually(`"${label}" in the quick pick "${title}"`, async () => {
      for (const candidate of await rows.all()) {
        if (((await candidate.getAttribute('aria-label')) ?? '').startsWith(label)) {
          return candidate;
        }
      }
      return undefined;
    });
    const filtered = await rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label')));
    await row.click();
    return [...new Set([...labels, ...filtered])];
  }

  /** Waits for an input box whose prompt contains `prompt`; returns `{ value, password, title }`. */
  async waitForInputBox(prompt, { timeoutMs = 30_000 } = {}) {
    await this.page
      .locator(`${QUICK_INPUT} .quick-input-message`)
      .filter({ hasText: prompt })
      .waitFor({ timeout: timeoutMs });
    const input = this.page.locator(QUICK_INPUT_BOX);
    return {
      value: await input.inputValue(),
      password: (await input.getAttribute('type')) === 'password',
      title: (await this.page.locator(`${QUICK_INPUT} .quick-input-title`).innerText()).trim(),
      prompt: (await this.page.locator(`${QUICK_INPUT} .quick-input-message`).innerText()).trim(),
    };
  }

  /** Types `value` into the open input box (replacing what it held) and presses Enter. */
  async submitInput(value) {
    const input = this.page.locator(QUICK_INPUT_BOX);
    await input.fill(value);
    await this.page.keyboard.press('Enter');
  }

  /** Waits for a notification whose message matches; looks in the toasts, then in the
   * notification center (toasts hide after a while). Returns its locator. */
  async waitForNotification(expected, { timeoutMs = 30_000 } = {}) {
    const started = Date.now();
    return eventually(
      `a notification matching ${expected}`,
      async () => {
        for (const item of await this.page.locator(NOTIFICATION).all()) {
          const message = await item.locator('.notification-list-item-message').innerText();
          if (matches(message, expected)) {
            return item;
          }
        }
        if (Date.now() - started > Math.min(5_000, timeoutMs / 3)) {
          await this.toggleNotificationCenter(true);
        }
        return undefined;
      },
      { timeoutMs },
    );
  }

  /** Opens (`visible` true) or closes the notification center with the status bar's bell. */
  async toggleNotificationCenter(visible) {
    const center = this.page.locator('.notifications-center.visible');
    if ((await center.count()) > 0 !== visible) {
      await this.page.locator('#status\\.notifications').click();
      await center
        .waitFor({ state: visible ? 'visible' : 'detached', timeout: 5_000 })
        .catch(() => undefined);
    }
  }

  async clearNotifications() {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.toggleNotificationCenter(false);
  }

  /** Clicks the button `label` of a notification (a locator from waitForNotification). */
  async clickNotificationButton(notification, label) {
    await notification
      .locator('.monaco-button')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .click();
  }

  /** Clicks the button `label` in the modal dialog whose text contains `text`. */
  async answerDialog(text, label, { timeoutMs = 30_000 } = {}) {
    const dialog = this.page.locator('.monaco-dialog-box').filter({ hasText: text });
    await dialog.waitFor({ timeout: timeoutMs });
    const message = await dialog.innerText();
    await dialog.locator('.monaco-button').filter({ hasText: label }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    return message;
  }

  /** Clicks the CodeLens `title` in the active editor, waiting until the extension shows it. */
  async clickCodeLens(title, { timeoutMs = 60_000 } = {}) {
    const lens = this.page
      .locator('.editor-group-container.active .codelens-decoration a')
      .filter({ hasText: new RegExp(`^${title}$`) })
      .first();
    await lens.waitFor({ timeout: timeoutMs });
    await lens.click();
  }

  /** Closes every editor (the response panel too) and notification, and any open quick input. */
  async reset() {
    await this.closeQuickInput();
    const dialog = this.page.locator('.monaco-dialog-box');
    if (await dialog.isVisible()) {
      await this.page.keyboard.press('Escape');
    }
    await this.runCommand('View: Close All Editors');
    await this.clearNotifications();
  }

  /** The rows of the Problems view (opened with its command), as their accessible labels. */
  async problems(expected, { timeoutMs = 30_000 } = {}) {
    await this.runCommand('Problems: Focus on Problems View');
    return eventually(
      `a problem matching ${expected} in the Problems view`,
      async () => {
        const labels = await this.page
          .locator('.markers-panel .monaco-list-row')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
        return labels.some((label) => matches(label, expected)) ? labels : undefined;
      },
      { timeoutMs },
    );
  }
}
