/**
 * Views built a slice at a time. A stream hands out, per slice of work, operations that grow the
 * page in document order: append a node, enter a new element (later nodes go inside it), leave it
 * again, or start over with a notice. `StreamBuilder` carries them out on a DOM (the page's, or a
 * test's stand-in), so a large body shows its start at once and the rest follows while the page
 * stays responsive.
 */

import {
  toDom,
  type DomDocumentLike,
  type DomElementLike,
  type DomNodeLike,
  type VElement,
  type VNode,
} from './vnode';

export type BuildOp =
  /** Appends the node to the current element. */
  | { kind: 'append'; node: VNode }
  /** Appends the element and makes it the current one. */
  | { kind: 'enter'; node: VElement }
  /** Makes the element the last `enter` left from current again. */
  | { kind: 'leave' }
  /** Drops everything built so far; `notice` says why. */
  | { kind: 'restart'; notice: string };

export interface ViewStream {
  /** The operations of one more slice of work (maybe none yet), or undefined once the view is complete. */
  next(): BuildOp[] | undefined;
}

export const append = (node: VNode): BuildOp => ({ kind: 'append', node });
export const enter = (node: VElement): BuildOp => ({ kind: 'enter', node });
export const LEAVE: BuildOp = Object.freeze({ kind: 'leave' });

/** Applies a stream's operations under `target`. */
export class StreamBuilder {
  private parents: DomNodeLike[];

  constructor(
    private readonly target: DomElementLike,
    private readonly document: DomDocumentLike,
    private readonly onRestart: (notice: string) => void,
  ) {
    this.parents = [target];
  }

  apply(ops: readonly BuildOp[]): void {
    for (const op of ops) {
      switch (op.kind) {
        case 'append':
          this.current().appendChild(toDom(op.node, this.document));
          break;
        case 'enter': {
          const element = toDom(op.node, this.document);
          this.current().appendChild(element);
          this.parents.push(element);
          break;
        }
        case 'leave':
          if (this.parents.length > 1) {
            this.parents.pop();
          }
          break;
        case 'restart':
          this.target.replaceChildren();
          this.parents = [this.target];
          this.onRestart(op.notice);
          break;
      }
    }
  }

  private current(): DomNodeLike {
    return this.parents[this.parents.length - 1] ?? this.target;
  }
}

/** A stream that hands out `ops` in one slice. */
export function fixedStream(ops: BuildOp[]): ViewStream {
  let done = false;
  return {
    next() {
      if (done) {
        return undefined;
      }
      done = true;
      return ops;
    },
  };
}

/** Hands out `first`'s slices, then `second`'s. */
export function concatStreams(first: ViewStream, second: ViewStream): ViewStream {
  let current: ViewStream | undefined = first;
  return {
    next() {
      while (current !== undefined) {
        const ops = current.next();
        if (ops !== undefined) {
          return ops;
        }
        current = current === first ? second : undefined;
      }
      return undefined;
    },
  };
}
