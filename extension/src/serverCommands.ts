/**
 * Typed calls of the commands the server advertises (`workspace/executeCommand`).
 *
 * `Execute` is the seam: in the extension it sends the request through the LanguageClient; in
 * tests it is a fake that records calls and returns canned answers.
 */

import { readCurlRequestResult, readEnvironmentNames, readProviderStates } from './payloads';
import {
  ServerCommand,
  type AuthorizeArguments,
  type CurlRequestArguments,
  type CurlRequestResult,
  type DocumentArguments,
  type ProvidersArguments,
  type ProviderState,
  type SendAllArguments,
  type SendArguments,
  type ServerCommandName,
  type SignOutArguments,
} from './protocol';

export type Execute = (command: ServerCommandName, argument: object) => Promise<unknown>;

export class ServerCommands {
  constructor(private readonly execute: Execute) {}

  send(argument: SendArguments): Promise<unknown> {
    return this.execute(ServerCommand.send, argument);
  }

  sendAll(argument: SendAllArguments): Promise<unknown> {
    return this.execute(ServerCommand.sendAll, argument);
  }

  authorize(argument: AuthorizeArguments): Promise<unknown> {
    return this.execute(ServerCommand.authorize, argument);
  }

  signOut(argument: SignOutArguments): Promise<unknown> {
    return this.execute(ServerCommand.signOut, argument);
  }

  async providers(argument: ProvidersArguments): Promise<ProviderState[]> {
    return readProviderStates(await this.execute(ServerCommand.providers, argument));
  }

  async environments(argument: DocumentArguments): Promise<string[]> {
    return readEnvironmentNames(await this.execute(ServerCommand.environments, argument));
  }

  /** The request at `line`, built again and signed afresh, unmasked: never log the answer. */
  async curlRequest(argument: CurlRequestArguments): Promise<CurlRequestResult> {
    return readCurlRequestResult(await this.execute(ServerCommand.curlRequest, argument));
  }
}

/** The `workspace/executeCommand` parameters for one command with one argument object. */
export function executeCommandParams(
  command: ServerCommandName,
  argument: object,
): { command: string; arguments: object[] } {
  return { command, arguments: [argument] };
}
