/**
 * JSON as a coloured, foldable tree, built a slice at a time: first the text is parsed (a slice
 * of characters per step), then the tree is walked with an explicit stack, a few hundred lines
 * per step. Containers with many entries put them in groups (`div.jg`) the page can skip while
 * they are out of view, so a long array costs little to scroll past, fold or unfold.
 *
 * Values nested deeper than `maxDepth` show their source text on one line, after a label. Text
 * that is not JSON (or stops early) starts over as plain text, and JSON with more values than a
 * tree can hold smoothly as pretty-printed text, each with a notice saying why.
 */

import { JsonScanner } from './jsonScanner';
import { JsonTreeBuilder, type JsonContainer, type JsonEntry, type JsonTree } from './jsonTree';
import { notJsonNotice, plainTextStream, prettyJsonStream } from './textView';
import { append, enter, LEAVE, type BuildOp, type ViewStream } from './viewStream';
import { h, type Child, type VElement } from './vnode';

/** Entries per group in a long container. */
export const GROUP_ENTRIES = 500;
/** Lines built per slice. */
export const TREE_SLICE_LINES = 400;
/** Characters parsed per slice. */
export const PARSE_SLICE = 64 * 1024;
/**
 * Most values shown as a tree. Each line of the tree is about five DOM nodes; past some 20,000
 * lines the browser's garbage collector pauses over them for over 100 ms at a time (a 125,000-item
 * array: pauses of 115 ms in code-server), so more values are pretty-printed text instead, in
 * blocks of lines that cost one node each.
 */
export const TREE_MAX_VALUES = 20_000;

export interface JsonTreeOptions {
  maxDepth: number;
  deepLabel: string;
  /** More values than this are shown as pretty-printed text (`TREE_MAX_VALUES`). */
  maxTreeValues?: number;
}

function scalarClass(tree: JsonTree): string {
  if (tree.kind !== 'scalar') {
    return 'jraw';
  }
  if (tree.type === 'string') {
    return 'js';
  }
  if (tree.type === 'number') {
    return 'jn';
  }
  return tree.raw === 'null' ? 'jz' : 'jb';
}

const punctuation = (text: string): VElement => h('span', { class: 'jp' }, [text]);

function line(entry: JsonEntry, value: readonly Child[], comma: boolean, toggle?: VElement): VElement {
  const children: Child[] = [toggle];
  if (entry.key !== undefined) {
    children.push(h('span', { class: 'jk' }, [entry.key]), punctuation(': '));
  }
  for (const node of value) {
    children.push(node);
  }
  if (comma) {
    children.push(punctuation(','));
  }
  return h('div', { class: 'jl' }, children);
}

function summary(container: JsonContainer): string {
  const count = container.entries.length;
  return `${count} ${container.open === '{' ? 'key' : 'item'}${count === 1 ? '' : 's'}`;
}

interface Frame {
  container: JsonContainer;
  next: number;
  /** Whether a comma follows the container's closing bracket. */
  comma: boolean;
}

/** Walks a parsed tree in document order, handing out the lines of a few hundred entries at a time. */
export class TreeWalker {
  private readonly stack: Frame[] = [];
  private started = false;

  constructor(
    private readonly root: JsonTree,
    private readonly deepLabel: string,
  ) {}

  /** Operations for about `lines` more lines, or undefined once the whole tree was handed out. */
  next(lines = TREE_SLICE_LINES): BuildOp[] | undefined {
    const ops: BuildOp[] = [];
    if (!this.started) {
      this.started = true;
      this.entry({ value: this.root }, false, ops);
    } else if (this.stack.length === 0) {
      return undefined;
    }
    for (let built = 0; built < lines && this.stack.length > 0; built++) {
      this.step(ops);
    }
    return ops;
  }

  private step(ops: BuildOp[]): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) {
      return;
    }
    const { container } = frame;
    const count = container.entries.length;
    const grouped = count > GROUP_ENTRIES;
    if (frame.next < count) {
      const index = frame.next++;
      if (grouped && index % GROUP_ENTRIES === 0) {
        if (index > 0) {
          ops.push(LEAVE);
        }
        ops.push(enter(h('div', { class: 'jg' })));
      }
      this.entry(container.entries[index] as JsonEntry, index < count - 1, ops);
      return;
    }
    if (grouped) {
      ops.push(LEAVE);
    }
    const close = container.open === '{' ? '}' : ']';
    ops.push(
      LEAVE,
      append(h('div', { class: 'jl jend' }, [punctuation(close), frame.comma ? punctuation(',') : null])),
      LEAVE,
    );
    this.stack.pop();
  }

  private entry(entry: JsonEntry, comma: boolean, ops: BuildOp[]): void {
    const value = entry.value;
    if (value.kind === 'container' && value.entries.length > 0) {
      const close = value.open === '{' ? '}' : ']';
      const toggle = h('span', {
        class: 'jt',
        role: 'button',
        tabindex: '0',
        'aria-expanded': 'true',
        title: 'Fold or unfold',
      });
      const header = line(
        entry,
        [
          punctuation(value.open),
          h('span', { class: 'jsum' }, [` ${summary(value)} `]),
          h('span', { class: 'jp jsum' }, [close]),
        ],
        false,
        toggle,
      );
      ops.push(enter(h('div', { class: 'jf' })), append(header), enter(h('div', { class: 'jc' })));
      this.stack.push({ container: value, next: 0, comma });
      return;
    }
    if (value.kind === 'container') {
      ops.push(append(line(entry, [punctuation(value.open === '{' ? '{}' : '[]')], comma)));
    } else if (value.kind === 'deep') {
      const label = h('span', { class: 'deep-label' }, [this.deepLabel]);
      const deep = h('span', { class: 'jdeep' }, [label, h('span', { class: 'jraw' }, [value.raw])]);
      ops.push(append(line(entry, [deep], comma)));
    } else {
      ops.push(append(line(entry, [h('span', { class: scalarClass(value) }, [value.raw])], comma)));
    }
  }
}

/** The coloured tree of `text`, parsed and built a slice at a time. */
export function jsonTreeStream(text: string, options: JsonTreeOptions, parseSlice = PARSE_SLICE): ViewStream {
  const builder = new JsonTreeBuilder();
  const scanner = new JsonScanner(text, builder, { maxDepth: options.maxDepth });
  let walker: TreeWalker | undefined;
  let fallback: ViewStream | undefined;
  return {
    next() {
      if (fallback !== undefined) {
        return fallback.next();
      }
      if (walker !== undefined) {
        return walker.next();
      }
      const state = scanner.step(parseSlice);
      if (state === 'more') {
        return [];
      }
      if (state !== 'done' || builder.root === undefined) {
        fallback = plainTextStream(text);
        const notice = notJsonNotice(text, scanner, state === 'partial' ? 'partial' : 'invalid');
        return [{ kind: 'restart', notice }, ...(fallback.next() ?? [])];
      }
      const limit = options.maxTreeValues ?? TREE_MAX_VALUES;
      if (builder.values > limit) {
        fallback = prettyJsonStream(text, {
          cut: false,
          maxDepth: options.maxDepth,
          deepLabel: options.deepLabel,
        });
        const notice = `Large JSON (${builder.values.toLocaleString('en-US')} values): shown without colours or folding.`;
        return [{ kind: 'restart', notice }, ...(fallback.next() ?? [])];
      }
      walker = new TreeWalker(builder.root, options.deepLabel);
      return walker.next();
    },
  };
}
