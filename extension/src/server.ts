/**
 * Starts, restarts and stops the Python language server (vscode-languageclient over stdio).
 *
 * Failures reach the user as one notification each (`NotifyOnce`): no usable Python, a server
 * that cannot start, a crash that was restarted, a server that keeps crashing. The client's own
 * pop-ups are turned into log lines so they cannot add a second, less helpful message.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';

import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  RevealOutputChannelOn,
  State,
  type LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

import { CrashPolicy } from './crashPolicy';
import {
  developmentVenv,
  executable,
  launchPaths,
  layoutOf,
  serverLaunch,
  type ServerLaunch,
} from './launchPlan';
import { NotifyOnce } from './notifyOnce';
import { QuietLanguageClient } from './quietClient';
import { probePython } from './processProbe';
import { chooseInterpreter, describeFailure } from './python';
import { activeInterpreter } from './pythonExtension';
import type { ServerCommandName } from './protocol';
import { executeCommandParams } from './serverCommands';
import { configuredInterpreter, openInterpreterSetting } from './settings';
import type { TrustReporter } from './workspaceTrust';

const CLIENT_ID = 'oauthHttp';
const CLIENT_NAME = 'OAuth HTTP';

export class ServerUnavailableError extends Error {
  constructor() {
    super(
      'The OAuth HTTP language server is not running. See the OAuth HTTP output, or run "OAuth: Restart server".',
    );
    this.name = 'ServerUnavailableError';
  }
}

export class ServerManager implements vscode.Disposable {
  private client: QuietLanguageClient | undefined;
  private attached: { dispose(): unknown }[] = [];
  /** Bumped by every stop, so a start that was overtaken by a restart gives up quietly. */
  private generation = 0;
  /** Set when a start failed: no new attempt until a restart (the user was told once). */
  private failed = false;
  private starting: Promise<QuietLanguageClient | undefined> | undefined;
  private readonly policy = new CrashPolicy(() => Date.now());
  private readonly notices = new NotifyOnce();
  private readonly started = new vscode.EventEmitter<void>();
  /** Fires each time a server is up and answered `initialize`. */
  readonly onDidStart = this.started.event;

  constructor(
    private readonly extensionRoot: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly trust: TrustReporter,
    private readonly attach: (client: LanguageClient) => { dispose(): unknown }[],
  ) {}

  /** The running client, starting the server first if needed; undefined when it cannot start. */
  ready(): Promise<LanguageClient | undefined> {
    if (this.client?.state === State.Running) {
      return Promise.resolve(this.client);
    }
    if (this.failed) {
      return Promise.resolve(undefined);
    }
    const current = this.client;
    if (current?.state === State.Starting) {
      // Starting, or restarting itself after a crash: wait for that start, not a second server.
      return current.start().then(
        () => current,
        () => undefined,
      );
    }
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async restart(): Promise<void> {
    await this.stop();
    this.failed = false;
    this.policy.reset();
    this.notices.rearm();
    await this.ready();
  }

  async execute(command: ServerCommandName, argument: object): Promise<unknown> {
    const client = await this.ready();
    if (client === undefined) {
      throw new ServerUnavailableError();
    }
    return client.sendRequest('workspace/executeCommand', executeCommandParams(command, argument));
  }

  /** Tells a running server; a server not running has nothing to be told. */
  notify(method: string, params: object): void {
    if (this.client?.state === State.Running) {
      void this.client.sendNotification(method, params);
    }
  }

  private async start(): Promise<QuietLanguageClient | undefined> {
    const generation = this.generation;
    const paths = launchPaths(this.extensionRoot);
    const layout = layoutOf(paths, fs.existsSync);
    const choice = await chooseInterpreter({
      configured: () => configuredInterpreter(os.homedir()),
      developmentVenv: () =>
        layout === 'development' ? developmentVenv(paths.root, process.platform, fs.existsSync) : undefined,
      // In Restricted Mode the workspace must not choose the program: the Python extension's
      // environment may be one the workspace brought (its .venv, its settings).
      pythonExtension: () =>
        vscode.workspace.isTrusted
          ? activeInterpreter(vscode.window.activeTextEditor?.document.uri, this.log)
          : Promise.resolve(undefined),
      probe: probePython,
      pathNames: process.platform === 'win32' ? ['python', 'py'] : ['python3', 'python'],
    });
    for (const { candidate, reason } of choice.rejected) {
      this.log.warn(`Python ${candidate.command} (${candidate.origin}) ${reason}`);
    }
    if (generation !== this.generation) {
      return undefined;
    }
    if (!choice.ok) {
      this.failed = true;
      const message = describeFailure(choice);
      this.log.error(message);
      this.notices.notify('interpreter', () => void this.offerFix(message, 'Open setting'));
      return undefined;
    }
    const launch = serverLaunch(choice.command, layout, paths, process.env);
    this.log.info(
      `Starting the server (${layout}): ${launch.command} ${launch.args.join(' ')} [Python ${choice.version}, from ${choice.origin}]`,
    );
    const client = this.createClient(launch);
    this.client = client;
    this.attached = this.attach(client);
    try {
      await client.start();
    } catch (error) {
      this.log.error(`The server did not start: ${String(error)}`);
      if (this.client === client) {
        this.reportStartFailure(client);
      }
      return undefined;
    }
    return client;
  }

  private createClient(launch: ServerLaunch): QuietLanguageClient {
    const serverOptions: ServerOptions = executable(launch, process.env);
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'http' },
        { scheme: 'untitled', language: 'http' },
        // Env files: the server reports their problems and offers the consumer-secret Quick Fix.
        { scheme: 'file', pattern: '**/http-client*.env.json' },
      ],
      // Settings with the first message, so the first features already see the environment;
      // and whether the workspace is trusted (read when `initialize` is sent).
      initializationOptions: () => ({
        settings: vscode.workspace.getConfiguration('oauthHttp'),
        ...this.trust.initializationOptions(),
      }),
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      // The server pulls its settings with workspace/configuration; this section only makes the
      // client send workspace/didChangeConfiguration, the server's cue to pull them again.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      synchronize: { configurationSection: 'oauthHttp' },
      initializationFailedHandler: () => false,
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue, handled: true }),
        closed: () => this.onClosed(),
      },
    };
    const client = new QuietLanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions, this.log);
    client.onDidChangeState((event) => {
      if (this.client !== client) {
        return;
      }
      if (event.newState === State.Running) {
        // Also after the client restarted a crashed server by itself.
        this.policy.started();
        this.notices.rearm('start-failed', 'gave-up');
        this.started.fire();
      } else if (event.newState === State.StartFailed) {
        this.reportStartFailure(client);
      }
    });
    return client;
  }

  private onClosed(): { action: CloseAction; handled: true } {
    const decision = this.policy.closed();
    if (decision.restart) {
      this.log.warn('The server stopped unexpectedly; restarting it.');
      if (decision.tellUser) {
        void vscode.window.showWarningMessage(
          'The OAuth HTTP language server stopped unexpectedly and was restarted. The OAuth HTTP output has the details.',
        );
      }
      return { action: CloseAction.Restart, handled: true };
    }
    this.failed = true;
    if (decision.reason === 'too-many-crashes') {
      this.notices.notify(
        'gave-up',
        () =>
          void this.offerFix(
            `The OAuth HTTP language server crashed ${this.policy.maxRestarts + 1} times in 3 minutes and was not restarted again.`,
          ),
      );
    }
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  private reportStartFailure(client: QuietLanguageClient): void {
    this.failed = true;
    const line = client.lastServerError();
    const cause = line !== undefined ? `: ${line}` : '';
    this.notices.notify(
      'start-failed',
      () => void this.offerFix(`The OAuth HTTP language server could not start${cause}.`),
    );
  }

  private async offerFix(message: string, firstAction?: 'Open setting'): Promise<void> {
    const actions = [...(firstAction !== undefined ? [firstAction] : []), 'Show log', 'Restart server'];
    const chosen = await vscode.window.showErrorMessage(message, ...actions);
    if (chosen === 'Open setting') {
      await openInterpreterSetting();
    } else if (chosen === 'Show log') {
      this.log.show();
    } else if (chosen === 'Restart server') {
      await this.restart();
    }
  }

  async stop(): Promise<void> {
    this.generation += 1;
    const client = this.client;
    this.client = undefined;
    this.attached.forEach((disposable) => void disposable.dispose());
    this.attached = [];
    if (client === undefined) {
      return;
    }
    try {
      if (client.state !== State.Stopped && client.state !== State.StartFailed) {
        await client.stop(2000);
      }
    } catch (error) {
      this.log.warn(`Stopping the server: ${String(error)}`);
    }
    await client.dispose().catch(() => undefined);
  }

  dispose(): void {
    void this.stop();
    this.started.dispose();
  }
}
