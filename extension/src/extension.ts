/**
 * The extension's entry point: wires the language server, the protocol handlers, the commands,
 * the response panel and the status bar together. Everything with logic lives in the modules
 * it imports; this file only connects them.
 */

import * as vscode from 'vscode';

import { registerCommands } from './commands';
import { registerProtocolHandlers, type SecretStore } from './handlers';
import { PanelController } from './panel/panelController';
import { ResponsePanel, vscodePanelEffects } from './panel/responsePanel';
import { ServerNotification } from './protocol';
import { SecretChangeFilter } from './secretChanges';
import { SecretRedactor, redactingChannel } from './secretRedaction';
import { onInterpreterChange } from './pythonExtension';
import { ServerCommands } from './serverCommands';
import { ServerManager } from './server';
import { INTERPRETER_SETTING, SECTION, configuredInterpreter, selectedEnvironment } from './settings';
import { StatusBar } from './statusBar';
import { vscodePrompts, vscodeTrustUi } from './vscodeUi';
import { DEFAULT_BODY_OPTIONS } from './webview/bodyView';
import { TrustReporter } from './workspaceTrust';

let server: ServerManager | undefined;

function secretStore(secrets: vscode.SecretStorage): SecretStore {
  return {
    get: async (key) => secrets.get(key),
    store: async (key, value) => secrets.store(key, value),
    delete: async (key) => secrets.delete(key),
  };
}

export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('OAuth HTTP', { log: true });
  context.subscriptions.push(channel);
  // Everything written to the channel, protocol traces included, passes the redactor.
  const redactor = new SecretRedactor();
  const secretChanges = new SecretChangeFilter();
  const log = redactingChannel(channel, redactor);

  const panelView: ResponsePanel = new ResponsePanel(
    context.extensionUri,
    (message: unknown): Promise<void> => panel.onMessage(message),
    log,
  );
  const panel: PanelController = new PanelController(
    panelView,
    vscodePanelEffects,
    { colourChars: DEFAULT_BODY_OPTIONS.colourChars },
    { curlRequest: (argument) => commands.curlRequest(argument) },
  );

  const trust = new TrustReporter(
    () => vscode.workspace.isTrusted,
    (method, params) => {
      manager.notify(method, params);
    },
  );
  const manager = new ServerManager(context.extensionUri.fsPath, log, trust, (client) =>
    registerProtocolHandlers(client, {
      prompts: vscodePrompts,
      secrets: secretChanges.wrap(secretStore(context.secrets)),
      sightings: redactor,
      listeners: {
        onResponse: (record) => {
          panel.addResponse(record);
        },
        onProvidersChanged: () => void statusBar.refresh(),
        onBadNotification: (problem) => {
          log.error(problem);
        },
      },
    }),
  );
  server = manager;
  const commands = new ServerCommands((command, argument) => manager.execute(command, argument));
  const statusBar = new StatusBar(
    selectedEnvironment,
    (uri) => commands.providers({ uri, onlyUsed: true }),
    log,
  );

  context.subscriptions.push(
    panelView,
    manager,
    statusBar,
    ...registerCommands({ server: manager, commands, panel, statusBar, log, trust: vscodeTrustUi }),
    manager.onDidStart(() => {
      trust.started();
      void statusBar.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      log.info('The workspace is trusted now: sending and authorizing are allowed.');
      trust.granted();
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => void statusBar.refresh(editor)),
    // SecretStorage is shared by the windows of this extension: another window may sign out.
    context.secrets.onDidChange((event) => {
      if (secretChanges.isExternal(event.key)) {
        manager.notify(ServerNotification.secretChanged, { key: event.key });
        void statusBar.refresh();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.${INTERPRETER_SETTING}`)) {
        log.info('The interpreter setting changed: restarting the server.');
        void manager.restart();
      } else if (event.affectsConfiguration(`${SECTION}.environment`)) {
        void statusBar.refresh();
      }
    }),
  );

  void onInterpreterChange(() => {
    if (configuredInterpreter('') === undefined) {
      log.info("The Python extension's interpreter changed: restarting the server.");
      void manager.restart();
    }
  }, log).then((subscription) => {
    if (subscription !== undefined) {
      context.subscriptions.push(subscription);
    }
  });

  void manager.ready();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
