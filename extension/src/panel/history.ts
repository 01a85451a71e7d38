/**
 * The responses of this session, newest last, for the panel's history list. Bounded by count
 * and by the body text it keeps (50 MB across all entries by default): past that, the oldest
 * records lose their bodies first. Such a record keeps its head (status, headers, timing, the
 * request, where a cut body was saved) and its entry says the body is no longer kept. The newest
 * record always keeps its body.
 */

import type { RecordBody, ResponseRecord } from '../protocol';
import { statusClass, statusText } from './format';
import type { HistoryEntry } from './messages';

const MEGABYTE = 1024 * 1024;

function chars(body: RecordBody | null): number {
  return body === null ? 0 : (body.text?.length ?? 0) + (body.base64?.length ?? 0);
}

/** Characters of body text the record holds, its request's body included. */
export function bodyChars(record: ResponseRecord): number {
  return chars(record.body) + chars(record.request.body);
}

function withoutText(body: RecordBody | null): RecordBody | null {
  return body === null ? null : { ...body, text: null, base64: null };
}

/** The record's head: everything but the text of its bodies. */
function withoutBodies(record: ResponseRecord): ResponseRecord {
  return {
    ...record,
    body: withoutText(record.body),
    request: { ...record.request, body: withoutText(record.request.body) },
  };
}

export class ResponseHistory {
  private records: ResponseRecord[] = [];
  /** Ids of the records whose bodies were dropped. */
  private readonly bodiesDropped = new Set<string>();
  private keptChars = 0;

  constructor(
    readonly maxEntries = 50,
    readonly maxBodyChars = 50 * MEGABYTE,
  ) {}

  add(record: ResponseRecord): void {
    const previous = this.records.findIndex((kept) => kept.id === record.id);
    if (previous >= 0) {
      this.forget(previous);
    }
    this.records.push(record);
    this.keptChars += bodyChars(record);
    while (this.records.length > this.maxEntries) {
      this.forget(0);
    }
    for (let index = 0; this.keptChars > this.maxBodyChars && index < this.records.length - 1; index++) {
      const old = this.records[index] as ResponseRecord;
      if (!this.bodiesDropped.has(old.id)) {
        this.keptChars -= bodyChars(old);
        this.records[index] = withoutBodies(old);
        this.bodiesDropped.add(old.id);
      }
    }
  }

  private forget(index: number): void {
    const [gone] = this.records.splice(index, 1);
    if (gone !== undefined && !this.bodiesDropped.delete(gone.id)) {
      this.keptChars -= bodyChars(gone);
    }
  }

  get(id: string): ResponseRecord | undefined {
    return this.records.find((record) => record.id === id);
  }

  latest(): ResponseRecord | undefined {
    return this.records[this.records.length - 1];
  }

  /** False once the record's body text was dropped to make room. */
  bodyKept(id: string): boolean {
    return !this.bodiesDropped.has(id);
  }

  /** Characters of body text kept across all entries. */
  get bodyCharsKept(): number {
    return this.keptChars;
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
      bodyKept: !this.bodiesDropped.has(record.id),
    }));
  }
}
