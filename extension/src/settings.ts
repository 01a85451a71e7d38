/**
 * Reads and writes the `oauthHttp.*` settings (the server reads its own through
 * workspace/configuration; these are the ones the extension itself needs).
 */

import * as vscode from 'vscode';

export const SECTION = 'oauthHttp';
export const INTERPRETER_SETTING = 'python.interpreter';
export const ENVIRONMENT_SETTING = 'environment';

function configuration(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

/** The configured interpreter, with `~` and `${workspaceFolder}` expanded; undefined when empty. */
export function configuredInterpreter(home: string): string | undefined {
  const value = configuration().get<string>(INTERPRETER_SETTING, '').trim();
  if (value === '') {
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  return value.replace(/^~(?=$|[\\/])/, home).replace(/\$\{workspaceFolder\}/g, folder);
}

export function selectedEnvironment(scope?: vscode.Uri): string | undefined {
  const value = configuration(scope).get<string>(ENVIRONMENT_SETTING, '').trim();
  return value === '' ? undefined : value;
}

/** Stores the environment where the document's settings live: its folder, the workspace, or the user. */
export async function storeEnvironment(name: string, scope?: vscode.Uri): Promise<void> {
  const folder = scope !== undefined ? vscode.workspace.getWorkspaceFolder(scope) : undefined;
  let target = vscode.ConfigurationTarget.Global;
  if (folder !== undefined && (vscode.workspace.workspaceFolders?.length ?? 0) > 1) {
    target = vscode.ConfigurationTarget.WorkspaceFolder;
  } else if (vscode.workspace.workspaceFolders !== undefined) {
    target = vscode.ConfigurationTarget.Workspace;
  }
  await configuration(scope).update(ENVIRONMENT_SETTING, name, target);
}

export function openInterpreterSetting(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.${INTERPRETER_SETTING}`);
}
