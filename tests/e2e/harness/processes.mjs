/**
 * Child processes for the end-to-end harness: each started in its own process group, stopped by
 * that group's id (TERM, then KILL), and killed on any exit of this process, so nothing the
 * tests started outlives them.
 */

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

const running = new Set();

process.on('exit', () => {
  for (const child of running) {
    killGroup(child.pid, 'SIGKILL');
  }
});

/** Makes Ctrl+C (and TERM, HUP) exit at once, so the exit hook above kills every group. */
export function exitOnSignals() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => process.exit(130));
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone already
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `command` in a new process group (setsid). stdout and stderr go to `logFile` unless
 * `pipeStdout` is set, then stdout is readable from `child.stdout`.
 */
export function startGroup(command, args, { env, cwd, logFile, pipeStdout = false }) {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(command, args, {
    env,
    cwd,
    detached: true,
    stdio: ['ignore', pipeStdout ? 'pipe' : log, log],
  });
  fs.closeSync(log);
  running.add(child);
  child.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  return child;
}

async function until(condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/** Stops the child's whole process group: TERM, up to `graceMs`, then KILL. */
export async function stopGroup(child, graceMs = 5000) {
  if (child === undefined || child.pid === undefined) {
    return;
  }
  running.delete(child);
  if (!killGroup(child.pid, 'SIGTERM')) {
    return;
  }
  if (!(await until(() => !groupAlive(child.pid), graceMs))) {
    killGroup(child.pid, 'SIGKILL');
    await until(() => !groupAlive(child.pid), 2000);
  }
}

/** Runs a command to completion (in its own group); rejects with its log on a non-zero exit. */
export async function runToEnd(command, args, options) {
  const child = startGroup(command, args, options);
  const { code, signal, error } = await child.exited;
  running.delete(child);
  if (code !== 0) {
    const log = fs.existsSync(options.logFile) ? fs.readFileSync(options.logFile, 'utf8') : '';
    throw new Error(
      `${command} ${args.join(' ')} failed (${error?.message ?? `exit ${code}, signal ${signal}`}):\n${log.slice(-3000)}`,
    );
  }
}

/** A TCP port on 127.0.0.1 that nothing listened on a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 2xx; rejects after `timeoutMs` or when `child` exits. */
export async function waitForHttp(url, { timeoutMs, child }) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child?.exited.then(() => {
    exited = true;
  });
  let last = 'no answer';
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) {
        return;
      }
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error.cause?.code ?? error.message);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer (${exited ? 'the process exited' : last})`);
}

/** Process ids whose command line contains `needle`, read from /proc. */
export function processesMatching(needle) {
  const found = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (commandLine.includes(needle)) {
        found.push(Number(entry));
      }
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}
