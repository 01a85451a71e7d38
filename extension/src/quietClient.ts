/**
 * A LanguageClient that never shows notifications of its own (they go to the log only), and
 * that remembers the last lines the server wrote to stderr, so `ServerManager` can show one
 * message that names the real cause (say `ModuleNotFoundError: No module named 'pygls'`).
 */

import type * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const TAIL_LINES = 5;

export class QuietLanguageClient extends LanguageClient {
  /** The last lines of the server's stderr (the client's own error lines left out). */
  readonly stderrTail: string[] = [];
  private reporting = false;

  constructor(
    id: string,
    name: string,
    server: ServerOptions,
    options: LanguageClientOptions,
    log: vscode.LogOutputChannel,
  ) {
    const channel = new Proxy(log, {
      get: (target, property, receiver): unknown => {
        if (property === 'error') {
          return (message: string | Error, ...rest: unknown[]) => {
            this.remember(message);
            target.error(message, ...rest);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    super(id, name, server, { ...options, outputChannel: channel });
  }

  private remember(message: string | Error): void {
    if (this.reporting) {
      return;
    }
    const lines = String(message)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    this.stderrTail.push(...lines);
    this.stderrTail.splice(0, Math.max(0, this.stderrTail.length - TAIL_LINES));
  }

  override error(message: string, data?: unknown): void {
    this.reporting = true;
    try {
      super.error(message, data, false);
    } finally {
      this.reporting = false;
    }
  }

  /** The most telling line of the server's stderr: the last one, typically the exception. */
  lastServerError(): string | undefined {
    return this.stderrTail[this.stderrTail.length - 1];
  }
}
