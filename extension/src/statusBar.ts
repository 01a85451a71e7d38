/**
 * The two status bar items: the selected environment (click: Select environment) and the
 * authorization state of the active .http file's providers (click: Authorize provider).
 */

import * as vscode from 'vscode';

import { Command } from './commandIds';
import type { ProviderState } from './protocol';
import { environmentStatus, providerStatus } from './statusText';

export class StatusBar implements vscode.Disposable {
  private readonly environment: vscode.StatusBarItem;
  private readonly providers: vscode.StatusBarItem;
  /** Answers that arrive after a newer refresh started are dropped. */
  private refreshes = 0;

  constructor(
    private readonly selectedEnvironment: (scope?: vscode.Uri) => string | undefined,
    private readonly loadProviders: (uri: string) => Promise<ProviderState[]>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.environment = vscode.window.createStatusBarItem(
      'oauthHttp.environment',
      vscode.StatusBarAlignment.Left,
      50,
    );
    this.environment.name = 'OAuth HTTP environment';
    this.environment.command = Command.selectEnvironment;
    this.providers = vscode.window.createStatusBarItem(
      'oauthHttp.providers',
      vscode.StatusBarAlignment.Left,
      49,
    );
    this.providers.name = 'OAuth HTTP providers';
    this.providers.command = Command.authorize;
  }

  async refresh(editor = vscode.window.activeTextEditor): Promise<void> {
    const refresh = ++this.refreshes;
    const document = editor?.document;
    if (document === undefined || document.languageId !== 'http') {
      this.environment.hide();
      this.providers.hide();
      return;
    }
    const environment = environmentStatus(this.selectedEnvironment(document.uri));
    this.environment.text = environment.text;
    this.environment.tooltip = environment.tooltip;
    this.environment.show();
    let states: ProviderState[];
    try {
      states = await this.loadProviders(document.uri.toString());
    } catch (error) {
      this.log.debug(`Provider states unavailable: ${String(error)}`);
      states = [];
    }
    if (refresh !== this.refreshes) {
      return;
    }
    const text = providerStatus(states);
    if (text === undefined) {
      this.providers.hide();
      return;
    }
    this.providers.text = text.text;
    this.providers.tooltip = text.tooltip;
    this.providers.show();
  }

  dispose(): void {
    this.environment.dispose();
    this.providers.dispose();
  }
}
