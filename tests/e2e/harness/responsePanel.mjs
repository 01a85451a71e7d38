/**
 * The response panel as the tests see it: the webview's inner frame (found among the page's
 * frames by its `#root`), the record it shows (`data-id`), its status line and its tabs.
 */

import { eventually } from './waiting.mjs';

const PANEL_TITLE = 'OAuth HTTP Response';

export class ResponsePanel {
  constructor(page) {
    this.page = page;
  }

  /** The response panel's webview frame (the inner frame holding `#root`), once it exists. */
  async frame({ timeoutMs = 30_000 } = {}) {
    return eventually(
      'the response panel',
      async () => {
        for (const frame of this.page.frames()) {
          const roots = await frame
            .locator('#root')
            .count()
            .catch(() => 0);
          if (roots > 0) {
            return frame;
          }
        }
        return undefined;
      },
      { timeoutMs },
    );
  }

  /** The id of the record the panel shows now, or null when there is no panel or record. */
  async shownRecordId() {
    for (const frame of this.page.frames()) {
      const record = frame.locator('#root .record[data-id]');
      if ((await record.count().catch(() => 0)) > 0) {
        return record.getAttribute('data-id').catch(() => null);
      }
    }
    return null;
  }

  /**
   * Waits until the panel shows a record other than `previousId`; returns `{ frame, id, status }`.
   *
   * VS Code's webview host sometimes leaves a new webview blank (its service worker never serves
   * the content: seen a few times in many runs, more often on a busy machine, and then often for
   * the reopened panel too, until the window reloads). When the panel's tab is there but its
   * content has not loaded for `stuckMs`, this does what a user would: first close the panel and
   * run "OAuth: Show response panel" (`recover`), which shows the latest response in a new
   * webview; if that stays blank too and the caller can send again, reload the window and send
   * again (`resend`); then reopen the panel again. `onRecover(message)` is told each time.
   */
  async waitForNewRecord(
    previousId,
    { timeoutMs = 150_000, stuckMs = 15_000, recoveries = 3, recover, resend, onRecover } = {},
  ) {
    let blankSince = Date.now();
    let recovered = 0;
    return eventually(
      'a new response in the panel',
      async () => {
        const frame = await this.frame({ timeoutMs: 1_000 }).catch(() => undefined);
        if (frame === undefined) {
          if (
            recovered < recoveries &&
            recover !== undefined &&
            Date.now() - blankSince > stuckMs &&
            (await this.tabOpen())
          ) {
            recovered += 1;
            if (recovered === 2 && resend !== undefined) {
              onRecover?.('the reopened response panel stayed blank too; reloaded the window and sent again');
              await resend();
            } else {
              onRecover?.(
                `the response panel stayed blank; closed it and ran "OAuth: Show response panel" (${recovered})`,
              );
              await this.closeTab();
              await recover();
            }
            blankSince = Date.now();
          }
          return undefined;
        }
        const record = frame.locator('#root .record[data-id]');
        if ((await record.count()) === 0) {
          return undefined;
        }
        const id = await record.getAttribute('data-id');
        if (id === previousId) {
          return undefined;
        }
        return { frame, id, status: (await frame.locator('.status-line .status').innerText()).trim() };
      },
      { timeoutMs },
    );
  }

  editorTab() {
    return this.page.locator('.tabs-container .tab').filter({ hasText: PANEL_TITLE });
  }

  async tabOpen() {
    return (await this.editorTab().count()) > 0;
  }

  async closeTab() {
    const tab = this.editorTab();
    await tab.locator('.tab-actions .action-label').click();
    await tab.waitFor({ state: 'detached', timeout: 10_000 });
  }

  /** Opens a tab of the panel ('body', 'headers', 'request', 'oauth') and returns its text. */
  async tab(frame, tab) {
    await frame.locator(`button[data-tab="${tab}"]`).click();
    const content = frame.locator(`[data-tab-content="${tab}"]`);
    await content.waitFor({ timeout: 10_000 });
    return content.innerText();
  }
}
