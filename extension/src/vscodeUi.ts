/**
 * The VS Code side of the prompt seams: input boxes and quick picks for the server's questions
 * (`Prompts`) and for the extension's own flows (`FlowUi`), and Workspace Trust (`TrustUi`).
 */

import * as vscode from 'vscode';

import type { Prompts } from './handlers';
import type { AskTextParams, PickItem, PickParams } from './protocol';
import type { FlowUi } from './userFlows';
import type { TrustUi } from './workspaceTrust';

interface IdentifiedItem extends vscode.QuickPickItem {
  id: string;
}

async function pickById(title: string, placeholder: string, items: PickItem[]): Promise<string | undefined> {
  const chosen = await vscode.window.showQuickPick<IdentifiedItem>(
    items.map((item) => ({ id: item.id, label: item.label, description: item.description })),
    { title, placeHolder: placeholder, ignoreFocusOut: true, matchOnDescription: true },
  );
  return chosen?.id;
}

export const vscodePrompts: Prompts = {
  askText(params: AskTextParams): Promise<string | undefined> {
    return Promise.resolve(
      vscode.window.showInputBox({
        title: params.title || undefined,
        prompt: params.prompt,
        password: params.masked,
        placeHolder: params.placeholder || undefined,
        value: params.value || undefined,
        // The user is often in the browser copying a PIN: keep the box open meanwhile.
        ignoreFocusOut: true,
      }),
    );
  },
  pick(params: PickParams): Promise<string | undefined> {
    return pickById(params.title, params.placeholder, params.items);
  },
};

export const vscodeFlowUi: FlowUi = {
  pick: pickById,
  async choose(message: string, detail: string, answers: string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...answers);
  },
  info(message: string): void {
    void vscode.window.showInformationMessage(message);
  },
};

export const vscodeTrustUi: TrustUi = {
  isTrusted: () => vscode.workspace.isTrusted,
  warn: async (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
  run: async (command) => vscode.commands.executeCommand(command),
};
