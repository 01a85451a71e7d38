/**
 * Workspace Trust on the extension's side, over seams so it is unit-tested without VS Code.
 *
 * In Restricted Mode the palette commands that send or authorize stop before calling the server
 * and offer "Manage Workspace Trust" (`whenTrusted`); the server refuses them as well, so a lens
 * or another extension's call cannot get around it. The server hears whether the workspace is
 * trusted in its initialization options and, when the user grants trust, the notification
 * `oauthHttp/workspaceTrusted` (`TrustReporter`). VS Code never takes trust back without
 * reloading the window, so there is nothing to report the other way.
 */

import { ServerNotification } from './protocol';

/** VS Code's own command that opens the Workspace Trust editor. */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';
export const MANAGE_TRUST = 'Manage Workspace Trust';

/** The same words as the server's refusal (`lsp/workspace_trust.py`). */
export function restrictedMessage(action: string): string {
  return `This workspace is in Restricted Mode: trust it to ${action} (Manage Workspace Trust).`;
}

export interface TrustUi {
  isTrusted(): boolean;
  /** Shows a warning with buttons; resolves to the clicked one, or undefined when dismissed. */
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
  /** Runs a VS Code command. */
  run(command: string): Promise<unknown>;
}

/**
 * Runs `action` when the workspace is trusted. Otherwise it is not run: the user is told why
 * and offered Manage Workspace Trust. Resolves to whether `action` ran.
 */
export async function whenTrusted(
  ui: TrustUi,
  what: string,
  action: () => Promise<unknown>,
): Promise<boolean> {
  if (ui.isTrusted()) {
    await action();
    return true;
  }
  const chosen = await ui.warn(restrictedMessage(what), MANAGE_TRUST);
  if (chosen === MANAGE_TRUST) {
    await ui.run(MANAGE_TRUST_COMMAND);
  }
  return false;
}

/** The server's side of the news: the `initializationOptions` entry, and the notification. */
export class TrustReporter {
  constructor(
    private readonly isTrusted: () => boolean,
    private readonly notify: (method: string, params: object) => void,
  ) {}

  /** What `initialize` carries: read when the client sends it, not when it is created. */
  initializationOptions(): { workspaceTrusted: boolean } {
    return { workspaceTrusted: this.isTrusted() };
  }

  /** The user trusted the workspace: tell the running server. */
  granted(): void {
    this.notify(ServerNotification.workspaceTrusted, {});
  }

  /**
   * A server is up. Trust granted while it was starting reached no server, and its
   * initialization options may predate it: say it again (the server ignores a repeat).
   */
  started(): void {
    if (this.isTrusted()) {
      this.notify(ServerNotification.workspaceTrusted, {});
    }
  }
}
