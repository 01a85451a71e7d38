/**
 * The response panel's VS Code side: the webview panel beside the editor (created on demand,
 * scripts allowed only from `extension/media` with a per-render nonce), and the effects of its
 * buttons (clipboard, save dialog, opening the full body, the modal question before copying
 * secrets).
 */

import * as vscode from 'vscode';

import type { HostMessage } from './messages';
import type { PanelEffects, PanelView } from './panelController';
import { makeNonce, panelHtml } from './panelHtml';

const VIEW_TYPE = 'oauthHttp.response';

export class ResponsePanel implements PanelView, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly media: vscode.Uri;

  constructor(
    extensionUri: vscode.Uri,
    private readonly onMessage: (message: unknown) => Promise<void>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.media = vscode.Uri.joinPath(extensionUri, 'extension', 'media');
  }

  reveal(): void {
    if (this.panel !== undefined) {
      this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'OAuth HTTP Response',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [this.media],
        retainContextWhenHidden: false,
      },
    );
    const webview = panel.webview;
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'panel.css')).toString(),
    });
    webview.onDidReceiveMessage((message: unknown) => {
      this.onMessage(message).catch((error: unknown) => {
        this.log.error(`Response panel action failed: ${String(error)}`);
        void vscode.window.showErrorMessage(
          `OAuth HTTP: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
    });
    this.panel = panel;
  }

  post(message: HostMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

export const vscodePanelEffects: PanelEffects = {
  async copy(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
  },
  async save(suggestedName: string, content: Uint8Array | { fullPath: string }): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Save response body',
      defaultUri: folder !== undefined ? vscode.Uri.joinPath(folder, suggestedName) : undefined,
      saveLabel: 'Save body',
    });
    if (target === undefined) {
      return;
    }
    if (content instanceof Uint8Array) {
      await vscode.workspace.fs.writeFile(target, content);
    } else {
      await vscode.workspace.fs.copy(vscode.Uri.file(content.fullPath), target, { overwrite: true });
    }
    void vscode.window.showInformationMessage(`Saved the body to ${target.fsPath}.`);
  },
  async openFile(fullPath: string): Promise<void> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(fullPath));
    await vscode.window.showTextDocument(document, { preview: false });
  },
  async confirm(message: string, detail: string, answers: string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...answers);
  },
  info(message: string): void {
    void vscode.window.showInformationMessage(message);
  },
  error(message: string): void {
    void vscode.window.showErrorMessage(message);
  },
};
