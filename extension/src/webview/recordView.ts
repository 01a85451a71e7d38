/**
 * The response panel's content for one record: history, status line, error, actions and tabs
 * (Body, Headers, Request, OAuth). Only the chosen tab is built, so a large body costs nothing
 * while the Headers tab is open.
 */

import type { HistoryEntry } from '../panel/messages';
import { formatBytes, formatDuration, statusClass, statusText } from '../panel/format';
import type { ResponseRecord } from '../protocol';
import { DEFAULT_BODY_OPTIONS, renderBody, type BodyOptions } from './bodyView';
import type { ViewStream } from './viewStream';
import { h, type VElement } from './vnode';

export type Tab = 'body' | 'headers' | 'request' | 'oauth';
export const TABS: readonly Tab[] = ['body', 'headers', 'request', 'oauth'];

export function isTab(value: unknown): value is Tab {
  return TABS.some((tab) => tab === value);
}

export interface RecordView {
  node: VElement;
  stream?: ViewStream;
}

function availableTabs(record: ResponseRecord): Tab[] {
  return TABS.filter((tab) => tab !== 'oauth' || record.oauth !== null);
}

function tabLabel(tab: Tab, record: ResponseRecord): string {
  switch (tab) {
    case 'body':
      return 'Body';
    case 'headers':
      return `Headers (${record.headers.length})`;
    case 'request':
      return 'Request';
    case 'oauth':
      return 'OAuth';
  }
}

export function historyView(history: readonly HistoryEntry[], selectedId: string | null): VElement {
  const items: VElement[] = [];
  for (let index = history.length - 1; index >= 0; index--) {
    const entry = history[index] as HistoryEntry;
    items.push(
      h('li', {}, [
        h(
          'button',
          {
            type: 'button',
            class: `history-item${entry.id === selectedId ? ' selected' : ''}`,
            'data-action': 'select',
            'data-id': entry.id,
            title: `${entry.method} ${entry.url}`,
            'aria-current': entry.id === selectedId ? 'true' : undefined,
          },
          [
            h('span', { class: `status ${entry.statusClass}` }, [entry.statusText]),
            ' ',
            h('span', { class: 'history-label' }, [entry.label || `${entry.method} ${entry.url}`]),
          ],
        ),
      ]),
    );
  }
  return h('details', { class: 'history' }, [
    h('summary', {}, [`History (${history.length})`]),
    h('ol', {}, items),
  ]);
}

function statusLine(record: ResponseRecord): VElement {
  const size = record.body !== null ? formatBytes(record.body.size) : '0 B';
  return h('header', { class: 'status-line' }, [
    h('strong', { class: `status ${statusClass(record)}` }, [statusText(record)]),
    h('span', { class: 'meta' }, [formatDuration(record.timing.total)]),
    h('span', { class: 'meta' }, [size]),
    record.httpVersion !== '' ? h('span', { class: 'meta' }, [record.httpVersion]) : null,
    h('span', { class: 'meta request-line', title: record.request.url }, [
      `${record.request.method} ${record.request.url}`,
    ]),
  ]);
}

function errorBox(record: ResponseRecord): VElement | null {
  if (record.error === null) {
    return null;
  }
  return h('div', { class: 'error-box', role: 'alert' }, [
    h('strong', {}, [record.error.message]),
    record.error.hint !== '' ? h('p', {}, [record.error.hint]) : null,
  ]);
}

function actions(record: ResponseRecord): VElement {
  const hasBody = record.body !== null && (record.body.text ?? record.body.base64 ?? '') !== '';
  const button = (action: string, label: string, enabled = true): VElement =>
    h('button', { type: 'button', 'data-action': action, hidden: enabled ? undefined : '' }, [label]);
  return h('div', { class: 'actions' }, [
    button('copyBody', 'Copy body', hasBody),
    button('saveBody', 'Save body', hasBody),
    button('copyCurl', 'Copy as cURL'),
    button('openFullBody', 'Open full body in editor', record.body?.fullPath != null),
  ]);
}

function tabBar(record: ResponseRecord, active: Tab): VElement {
  return h(
    'nav',
    { class: 'tabs', role: 'tablist' },
    availableTabs(record).map((tab) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          class: tab === active ? 'tab active' : 'tab',
          'data-tab': tab,
          'aria-selected': tab === active ? 'true' : 'false',
        },
        [tabLabel(tab, record)],
      ),
    ),
  );
}

export function headersTable(headers: readonly [string, string][]): VElement {
  if (headers.length === 0) {
    return h('p', { class: 'empty' }, ['No headers.']);
  }
  const rows = headers.map(([name, value]) => h('tr', {}, [h('th', {}, [name]), h('td', {}, [value])]));
  return h('table', { class: 'headers' }, [h('tbody', {}, rows)]);
}

function headersTab(record: ResponseRecord): VElement {
  return h('section', {}, [
    headersTable(record.headers),
    record.redirects.length > 0
      ? h('div', {}, [
          h('h3', {}, ['Redirects']),
          h(
            'ol',
            {},
            record.redirects.map((url) => h('li', {}, [url])),
          ),
        ])
      : null,
  ]);
}

function requestTab(record: ResponseRecord, options: BodyOptions, kept: boolean): RecordView {
  const body = renderBody(record.request.body, options, kept);
  return {
    node: h('section', {}, [
      h('pre', { class: 'request-line' }, [`${record.request.method} ${record.request.url}`]),
      h('h3', {}, ['Headers']),
      headersTable(record.request.headers),
      h('h3', {}, ['Body']),
      body.node,
    ]),
    stream: body.stream,
  };
}

function oauthTab(record: ResponseRecord): VElement {
  const oauth = record.oauth;
  if (oauth === null) {
    return h('p', { class: 'empty' }, ['This request was not signed.']);
  }
  return h('section', {}, [
    h('dl', { class: 'oauth' }, [
      h('dt', {}, ['Provider']),
      h('dd', {}, [oauth.provider]),
      h('dt', {}, ['Signature method']),
      h('dd', {}, [oauth.signatureMethod]),
      h('dt', {}, ['Parameters in']),
      h('dd', {}, [oauth.placement]),
    ]),
    h('h3', {}, ['Signature base string']),
    oauth.baseString !== null
      ? h('pre', { class: 'base-string' }, [oauth.baseString])
      : h('p', { class: 'empty' }, ['None: this signature method signs no base string.']),
  ]);
}

function tabContent(record: ResponseRecord, tab: Tab, options: BodyOptions, kept: boolean): RecordView {
  switch (tab) {
    case 'body':
      return renderBody(record.body, options, kept);
    case 'headers':
      return { node: headersTab(record) };
    case 'request':
      return requestTab(record, options, kept);
    case 'oauth':
      return { node: oauthTab(record) };
  }
}

export function recordView(
  record: ResponseRecord,
  history: readonly HistoryEntry[],
  requestedTab: Tab,
  options: BodyOptions = DEFAULT_BODY_OPTIONS,
): RecordView {
  const tab = availableTabs(record).includes(requestedTab) ? requestedTab : 'body';
  // The history drops the bodies of old records to bound its memory; their entries say so.
  const kept = history.find((entry) => entry.id === record.id)?.bodyKept ?? true;
  const content = tabContent(record, tab, options, kept);
  return {
    node: h('div', { class: 'record', 'data-id': record.id }, [
      historyView(history, record.id),
      statusLine(record),
      errorBox(record),
      actions(record),
      tabBar(record, tab),
      h('div', { class: 'tab-content', role: 'tabpanel', 'data-tab-content': tab }, [content.node]),
    ]),
    stream: content.stream,
  };
}

export function emptyView(): VElement {
  return h('div', { class: 'record empty-panel' }, [
    h('p', {}, ['No response yet. Send a request from a .http file (Ctrl+Alt+R, or the CodeLens above it).']),
  ]);
}
