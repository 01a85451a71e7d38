/**
 * The "OAuth: ..." commands of the command palette, each a thin call of the server or a flow.
 * Errors become one error message naming the cause (the server's own text when it sent one).
 */

import * as vscode from 'vscode';

import { Command } from './commandIds';
import type { PanelController } from './panel/panelController';
import type { ServerCommands } from './serverCommands';
import type { ServerManager } from './server';
import { selectedEnvironment, storeEnvironment } from './settings';
import type { StatusBar } from './statusBar';
import { selectEnvironmentFlow, signOutFlow } from './userFlows';
import { vscodeFlowUi } from './vscodeUi';
import { whenTrusted, type TrustUi } from './workspaceTrust';

export interface CommandDependencies {
  server: ServerManager;
  commands: ServerCommands;
  panel: PanelController;
  statusBar: StatusBar;
  log: vscode.LogOutputChannel;
  trust: TrustUi;
}

function activeHttpDocument(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === 'http' ? document : undefined;
}

function requireHttpEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'http') {
    void vscode.window.showInformationMessage(
      'Open a .http or .rest file and put the cursor in a request first.',
    );
    return undefined;
  }
  return editor;
}

export function registerCommands(deps: CommandDependencies): vscode.Disposable[] {
  const { server, commands, panel, statusBar, log, trust } = deps;

  const run = (name: string, action: () => Promise<unknown>) =>
    vscode.commands.registerCommand(name, async () => {
      try {
        await action();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`${name} failed: ${message}`);
        void vscode.window.showErrorMessage(`OAuth HTTP: ${message}`);
      }
    });

  return [
    run(Command.authorize, () =>
      whenTrusted(trust, 'authorize providers', async () => {
        await commands.authorize({ uri: activeHttpDocument()?.uri.toString() });
        await statusBar.refresh();
      }),
    ),
    run(Command.send, async () => {
      const editor = requireHttpEditor();
      if (editor !== undefined) {
        const uri = editor.document.uri.toString();
        // The record arrives as an oauthHttp/response notification and opens in the panel.
        await whenTrusted(trust, 'send requests', () =>
          commands.send({ uri, line: editor.selection.active.line }),
        );
      }
    }),
    run(Command.sendAll, async () => {
      const editor = requireHttpEditor();
      if (editor !== undefined) {
        await whenTrusted(trust, 'send requests', () =>
          commands.sendAll({ uri: editor.document.uri.toString() }),
        );
      }
    }),
    run(Command.signOut, async () => {
      await signOutFlow(commands, vscodeFlowUi, activeHttpDocument()?.uri.toString());
      await statusBar.refresh();
    }),
    run(Command.selectEnvironment, async () => {
      const document = activeHttpDocument();
      const scope = document?.uri;
      await selectEnvironmentFlow(
        commands,
        vscodeFlowUi,
        scope?.toString(),
        selectedEnvironment(scope),
        (name) => storeEnvironment(name, scope),
      );
      await statusBar.refresh();
    }),
    run(Command.restart, async () => {
      await server.restart();
      await statusBar.refresh();
    }),
    run(Command.showPanel, () => {
      panel.open();
      return Promise.resolve();
    }),
  ];
}
