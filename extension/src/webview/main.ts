/**
 * The response panel's script inside the webview: receives records from the extension, builds
 * the view with DOM calls (never innerHTML), runs large bodies into the page in time slices,
 * folds JSON, and keeps the selected record and tab with setState so a hidden panel comes back
 * as it was.
 */

import type { HostMessage, HistoryEntry, PanelLimits, WebviewMessage, WebviewState } from '../panel/messages';
import type { ResponseRecord } from '../protocol';
import { DEFAULT_BODY_OPTIONS } from './bodyView';
import { emptyView, isTab, recordView } from './recordView';
import { runInSlices, type SliceScheduler, type SlicedRun } from './slices';
import { StreamBuilder, type ViewStream } from './viewStream';
import { toDom } from './vnode';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;

function savedState(): WebviewState {
  const state = vscode.getState() as Partial<WebviewState> | undefined;
  return {
    selectedId: typeof state?.selectedId === 'string' ? state.selectedId : null,
    tab: isTab(state?.tab) ? state.tab : 'body',
  };
}

let state = savedState();
let record: ResponseRecord | undefined;
let history: HistoryEntry[] = [];
let limits: PanelLimits = { colourChars: DEFAULT_BODY_OPTIONS.colourChars };
let running: SlicedRun | undefined;

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function remember(): void {
  vscode.setState(state);
}

/**
 * Yields with a MessageChannel message: browsers clamp chains of zero timeouts to 4 ms, and
 * requestAnimationFrame would allow only one slice per frame.
 */
const channel = new MessageChannel();
const queued: (() => void)[] = [];
channel.port1.onmessage = () => {
  queued.shift()?.();
};
const scheduler: SliceScheduler = {
  now: () => performance.now(),
  later(task) {
    queued.push(task);
    channel.port2.postMessage(null);
  },
};

function showStreamNotice(text: string): void {
  const notice = root.querySelector<HTMLElement>('[data-stream-notice]');
  if (notice !== null) {
    notice.textContent = text;
    notice.hidden = false;
  }
}

/** Runs the stream into `target` in time slices, until it ends or the next render. */
function streamInto(target: Element, stream: ViewStream): void {
  const builder = new StreamBuilder(target, document, showStreamNotice);
  running = runInSlices(
    stream,
    (ops) => {
      builder.apply(ops);
    },
    scheduler,
  );
}

function render(): void {
  running?.cancel();
  running = undefined;
  if (record === undefined) {
    root.replaceChildren(toDom(emptyView(), document) as Node);
    return;
  }
  const tab = isTab(state.tab) ? state.tab : 'body';
  const options = { ...DEFAULT_BODY_OPTIONS, colourChars: limits.colourChars };
  const view = recordView(record, history, tab, options);
  const wasOpen = root.querySelector('details.history')?.hasAttribute('open') ?? false;
  root.replaceChildren(toDom(view.node, document) as Node);
  if (wasOpen) {
    root.querySelector('details.history')?.setAttribute('open', '');
  }
  const target = root.querySelector('[data-stream]');
  if (view.stream !== undefined && target !== null) {
    streamInto(target, view.stream);
  }
}

function toggleFold(toggle: Element): void {
  const fold = toggle.closest('.jf');
  if (fold === null) {
    return;
  }
  const folded = fold.classList.toggle('folded');
  toggle.setAttribute('aria-expanded', folded ? 'false' : 'true');
}

function onClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : null;
  if (target === null) {
    return;
  }
  const toggle = target.closest('.jt');
  if (toggle !== null) {
    toggleFold(toggle);
    return;
  }
  const tabButton = target.closest<HTMLElement>('[data-tab]');
  if (tabButton !== null && isTab(tabButton.dataset.tab)) {
    state = { ...state, tab: tabButton.dataset.tab };
    remember();
    render();
    return;
  }
  const actionButton = target.closest<HTMLElement>('[data-action]');
  const action = actionButton?.dataset.action;
  if (action === 'select') {
    const id = actionButton?.dataset.id;
    if (id !== undefined) {
      post({ type: 'select', id });
    }
  } else if (
    record !== undefined &&
    (action === 'copyBody' || action === 'saveBody' || action === 'copyCurl' || action === 'openFullBody')
  ) {
    post({ type: 'action', action, id: record.id });
  }
}

function onKey(event: KeyboardEvent): void {
  const target = event.target instanceof Element ? event.target : null;
  if (target?.classList.contains('jt') === true && (event.key === 'Enter' || event.key === ' ')) {
    event.preventDefault();
    toggleFold(target);
  }
}

function showNotice(text: string): void {
  const notice = document.getElementById('notice');
  if (notice !== null) {
    notice.textContent = text;
    notice.hidden = text === '';
  }
}

function onMessage(event: MessageEvent<unknown>): void {
  if (typeof event.data !== 'object' || event.data === null) {
    return;
  }
  const message = event.data as HostMessage;
  switch (message.type) {
    case 'show':
      record = message.record;
      history = message.history;
      limits = message.limits;
      state = { ...state, selectedId: record.id };
      remember();
      showNotice('');
      render();
      break;
    case 'history':
      history = message.history;
      if (record !== undefined) {
        render();
      }
      break;
    case 'notice':
      showNotice(message.text);
      break;
  }
}

window.addEventListener('message', onMessage);
document.addEventListener('click', onClick);
document.addEventListener('keydown', onKey);
render();
post({ type: 'ready', selectedId: state.selectedId });
