/**
 * Large bodies as text, streamed a slice at a time: plain text as received, and JSON
 * pretty-printed as it is scanned. Text goes into blocks of whole lines (`pre.chunk`), so the
 * page lays out each block once, and blocks out of view can be skipped (content-visibility).
 *
 * A JSON stream that finds the text is not JSON starts over with the text as received and says
 * where it went wrong. A body cut at the size limit is printed as far as it goes, its
 * unfinished last token included, and `endNote` says where it stops; valid JSON that is merely
 * cut is never called invalid. Values nested deeper than `maxDepth` are printed as written,
 * after a label.
 */

import { JsonPrinter, type PrintedPiece } from './jsonPrinter';
import { JsonScanner } from './jsonScanner';
import { append, type BuildOp, type ViewStream } from './viewStream';
import { h, type Child, type VNode } from './vnode';

/** Most lines in one block. */
export const BLOCK_LINES = 500;
/** Most characters in one block; a longer line is split across blocks. */
export const BLOCK_CHARS = 64 * 1024;
/** Characters of plain text per slice. */
export const TEXT_SLICE = 256 * 1024;
/** Characters of JSON scanned per slice (printing costs more than copying). */
export const JSON_SLICE = 32 * 1024;

/** Gathers text into blocks of whole lines and hands them out as `append` operations. */
export class LineBlocks {
  private children: Child[] = [];
  private lines = 0;
  private chars = 0;

  constructor(private readonly className = 'chunk') {}

  /** Adds text; blocks that fill up go to `ops`. */
  add(text: string, ops: BuildOp[]): void {
    let from = 0;
    // The first newline at or after `from` (-1: none left), found once and reused.
    let newline = text.indexOf('\n');
    while (from < text.length) {
      const room = BLOCK_CHARS - this.chars;
      let end = from;
      while (this.lines < BLOCK_LINES && newline !== -1 && newline + 1 - from <= room) {
        end = newline + 1;
        this.lines += 1;
        newline = text.indexOf('\n', end);
      }
      if (this.lines >= BLOCK_LINES) {
        this.push(text.slice(from, end));
        this.finish(ops);
        from = end;
      } else if (text.length - from < room) {
        this.push(text.slice(from));
        return;
      } else {
        // The block is full of characters: split at its last line end, or mid-line if none.
        const split = end > from ? end : from + room;
        this.push(text.slice(from, split));
        this.finish(ops);
        from = split;
        if (newline !== -1 && newline < from) {
          newline = text.indexOf('\n', from);
        }
      }
    }
  }

  /** Adds an element (a label) to the current block. */
  addNode(node: VNode): void {
    this.children.push(node);
  }

  /** Hands out the last, partly filled block. */
  finish(ops: BuildOp[]): void {
    if (this.children.length > 0) {
      ops.push(append(h('pre', { class: this.className }, this.children)));
    }
    this.children = [];
    this.lines = 0;
    this.chars = 0;
  }

  private push(text: string): void {
    if (text !== '') {
      this.children.push(text);
      this.chars += text.length;
    }
  }
}

export interface TextStreamOptions {
  /** Appended after the text (the cut marker of a body cut at the size limit). */
  endNote?: VNode;
}

/** Plain text as received, a slice at a time. */
export function plainTextStream(
  text: string,
  options: TextStreamOptions = {},
  slice = TEXT_SLICE,
): ViewStream {
  const blocks = new LineBlocks();
  let offset = 0;
  let done = false;
  return {
    next() {
      if (done) {
        return undefined;
      }
      const ops: BuildOp[] = [];
      blocks.add(text.slice(offset, offset + slice), ops);
      offset += slice;
      if (offset >= text.length) {
        blocks.finish(ops);
        if (options.endNote !== undefined) {
          ops.push(append(options.endNote));
        }
        done = true;
      }
      return ops;
    },
  };
}

/** Line and column (from 1) of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let newline = text.indexOf('\n');
    newline !== -1 && newline < offset;
    newline = text.indexOf('\n', newline + 1)
  ) {
    line += 1;
    lineStart = newline + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Why the panel shows a body said to be JSON as plain text. */
export function notJsonNotice(text: string, scanner: JsonScanner, state: 'invalid' | 'partial'): string {
  if (state === 'partial') {
    return 'This body is not valid JSON (it ends before the JSON value does): shown as received.';
  }
  const { line, column } = lineAndColumn(text, scanner.position);
  return `This body is not valid JSON (line ${line}, column ${column}): shown as received.`;
}

export interface JsonTextOptions extends TextStreamOptions {
  /** The body was cut at the size limit: ending early is expected, not an error. */
  cut: boolean;
  /** Values nested deeper than this are printed as written, after `deepLabel`. */
  maxDepth: number;
  deepLabel: string;
}

/** JSON pretty-printed a slice at a time (plain text from the start if it turns out not to be JSON). */
export function prettyJsonStream(text: string, options: JsonTextOptions, slice = JSON_SLICE): ViewStream {
  const printer = new JsonPrinter();
  const scanner = new JsonScanner(text, printer, { maxDepth: options.maxDepth });
  const blocks = new LineBlocks();
  let fallback: ViewStream | undefined;
  let done = false;
  const add = (pieces: readonly PrintedPiece[], ops: BuildOp[]): void => {
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        blocks.add(piece, ops);
      } else {
        blocks.addNode(h('span', { class: 'deep-label' }, [options.deepLabel]));
      }
    }
  };
  return {
    next() {
      if (fallback !== undefined) {
        return fallback.next();
      }
      if (done) {
        return undefined;
      }
      const state = scanner.step(slice);
      if (state === 'invalid' || (state === 'partial' && !options.cut)) {
        fallback = plainTextStream(text, options);
        return [{ kind: 'restart', notice: notJsonNotice(text, scanner, state) }, ...(fallback.next() ?? [])];
      }
      if (state === 'partial') {
        printer.cut(scanner.unfinished);
      }
      const ops: BuildOp[] = [];
      add(printer.take(), ops);
      if (state !== 'more') {
        blocks.finish(ops);
        if (options.endNote !== undefined) {
          ops.push(append(options.endNote));
        }
        done = true;
      }
      return ops;
    },
  };
}
