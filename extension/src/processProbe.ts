/**
 * Runs a Python interpreter once to learn its version (the `probe` seam of `python.ts`).
 */

import { execFile } from 'node:child_process';

import { VERSION_SCRIPT, type ProbeResult } from './python';

const PROBE_TIMEOUT_MS = 15_000;

function firstLine(text: string): string {
  return text.trim().split(/\r?\n/).pop() ?? '';
}

export function probePython(command: string): Promise<ProbeResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      ['-c', VERSION_SCRIPT],
      { timeout: PROBE_TIMEOUT_MS, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ ok: true, version: stdout });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          resolve({ ok: false, reason: 'was not found' });
        } else if (code === 'EACCES') {
          resolve({ ok: false, reason: 'cannot be run (permission denied)' });
        } else if (error.killed) {
          resolve({ ok: false, reason: `did not answer within ${PROBE_TIMEOUT_MS / 1000} s` });
        } else {
          const detail = firstLine(stderr) || error.message;
          resolve({ ok: false, reason: `failed: ${detail}` });
        }
      },
    );
  });
}
