/**
 * How the language server is started from the extension's folder.
 *
 * Packaged: the server and its dependencies sit in `bundled/libs`, and `extension/python/launch.py`
 * puts that folder first on `sys.path` before running `oauth-http serve`. From a source checkout
 * (no `bundled/libs`): `python -m oauth_http serve` with `server/` on PYTHONPATH, preferably with
 * the repository's `.venv` interpreter, which has every dependency installed.
 */

import * as path from 'node:path';

import type { Executable } from 'vscode-languageclient/node';

export type Layout = 'bundled' | 'development';

export interface LaunchPaths {
  root: string;
  bundledLibs: string;
  launchScript: string;
  serverSource: string;
}

export interface ServerLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export function launchPaths(extensionRoot: string, pathModule = path): LaunchPaths {
  return {
    root: extensionRoot,
    bundledLibs: pathModule.join(extensionRoot, 'bundled', 'libs'),
    launchScript: pathModule.join(extensionRoot, 'extension', 'python', 'launch.py'),
    serverSource: pathModule.join(extensionRoot, 'server'),
  };
}

export function layoutOf(paths: LaunchPaths, exists: (file: string) => boolean): Layout {
  return exists(paths.bundledLibs) ? 'bundled' : 'development';
}

/** The repository's `.venv` interpreter, when the extension runs from a checkout that has one. */
export function developmentVenv(
  extensionRoot: string,
  platform: NodeJS.Platform,
  exists: (file: string) => boolean,
  pathModule = path,
): string | undefined {
  const venv =
    platform === 'win32'
      ? pathModule.join(extensionRoot, '.venv', 'Scripts', 'python.exe')
      : pathModule.join(extensionRoot, '.venv', 'bin', 'python');
  return exists(venv) ? venv : undefined;
}

export function serverLaunch(
  interpreter: string,
  layout: Layout,
  paths: LaunchPaths,
  inherited: Record<string, string | undefined>,
  pathModule = path,
): ServerLaunch {
  const env: Record<string, string> = { PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' };
  if (layout === 'bundled') {
    return { command: interpreter, args: [paths.launchScript], env };
  }
  const existing = inherited.PYTHONPATH;
  env.PYTHONPATH =
    existing !== undefined && existing !== ''
      ? `${paths.serverSource}${pathModule.delimiter}${existing}`
      : paths.serverSource;
  return { command: interpreter, args: ['-m', 'oauth_http', 'serve'], env };
}

/**
 * What vscode-languageclient runs. There is no `transport`: the client then talks over the
 * child's stdio without adding a `--stdio` argument, which `oauth-http serve` does not take.
 */
export function executable(launch: ServerLaunch, inherited: Record<string, string | undefined>): Executable {
  return {
    command: launch.command,
    args: [...launch.args],
    options: { env: { ...inherited, ...launch.env } },
  };
}
