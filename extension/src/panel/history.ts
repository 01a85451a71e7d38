/**
 * The responses of this session, newest last, for the panel's history list. Bounded by count
 * and by the total size of the bodies it holds, so a session of large downloads cannot grow the
 * extension host's memory without end; the newest record is always kept.
 */

import type { ResponseRecord } from '../protocol';
import { statusClass, statusText } from './format';
import type { HistoryEntry } from './messages';

function bodyChars(record: ResponseRecord): number {
  const size = (body: ResponseRecord['body']): number =>
    body === null ? 0 : (body.text?.length ?? 0) + (body.base64?.length ?? 0);
  return size(record.body) + size(record.request.body);
}

export class ResponseHistory {
  private records: ResponseRecord[] = [];

  constructor(
    readonly maxEntries = 50,
    readonly maxBodyChars = 64 * 1024 * 1024,
  ) {}

  add(record: ResponseRecord): void {
    this.records = this.records.filter((kept) => kept.id !== record.id);
    this.records.push(record);
    let total = this.records.reduce((sum, kept) => sum + bodyChars(kept), 0);
    while (this.records.length > 1 && (this.records.length > this.maxEntries || total > this.maxBodyChars)) {
      const dropped = this.records.shift();
      total -= dropped === undefined ? 0 : bodyChars(dropped);
    }
  }

  get(id: string): ResponseRecord | undefined {
    return this.records.find((record) => record.id === id);
  }

  latest(): ResponseRecord | undefined {
    return this.records[this.records.length - 1];
  }

  get size(): number {
    return this.records.length;
  }

  entries(): HistoryEntry[] {
    return this.records.map((record) => ({
      id: record.id,
      label: record.label,
      method: record.request.method,
      url: record.request.url,
      statusText: statusText(record),
      statusClass: statusClass(record),
      startedAt: record.startedAt,
    }));
  }
}
