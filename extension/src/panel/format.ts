/**
 * Small display rules shared by the panel's host side and its webview: status classes, sizes and
 * durations as people read them.
 */

import type { ResponseRecord } from '../protocol';

export type StatusClass = 'info' | 'success' | 'redirect' | 'client-error' | 'server-error' | 'error';

export function statusClass(record: Pick<ResponseRecord, 'status' | 'error'>): StatusClass {
  const status = record.status;
  if (status === null || (record.error !== null && (status < 100 || status > 599))) {
    return 'error';
  }
  if (status >= 500) {
    return 'server-error';
  }
  if (status >= 400) {
    return 'client-error';
  }
  if (status >= 300) {
    return 'redirect';
  }
  if (status >= 200) {
    return 'success';
  }
  return 'info';
}

export function statusText(record: Pick<ResponseRecord, 'status' | 'reason' | 'error'>): string {
  if (record.status === null) {
    return record.error !== null ? `Failed: ${record.error.kind.replace(/_/g, ' ')}` : 'No response';
  }
  return record.reason !== '' ? `${record.status} ${record.reason}` : String(record.status);
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '?';
  }
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatDuration(milliseconds: number): string {
  if (!Number.isFinite(milliseconds) || milliseconds < 0) {
    return '?';
  }
  if (milliseconds < 1000) {
    return `${Math.round(milliseconds)} ms`;
  }
  return `${(milliseconds / 1000).toFixed(2)} s`;
}
