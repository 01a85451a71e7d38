/**
 * JSON as a tree of containers and scalars, built from scanner events, for the coloured and
 * foldable view. A value nested deeper than the scanner's `maxDepth` becomes one `deep` node
 * holding its source text, so the tree is never deeper than the limit.
 */

import { scanJson, type JsonEvents, type ScalarType, type ScanOptions } from './jsonScanner';

export type JsonTree = JsonScalar | JsonContainer | JsonDeep;

export interface JsonScalar {
  kind: 'scalar';
  type: ScalarType;
  raw: string;
}

export interface JsonDeep {
  kind: 'deep';
  /** The value's source text, as written. */
  raw: string;
}

export interface JsonEntry {
  /** The key as written, quotes included; absent in arrays. */
  key?: string;
  value: JsonTree;
}

export interface JsonContainer {
  kind: 'container';
  open: '{' | '[';
  entries: JsonEntry[];
}

export interface ParsedJson {
  tree: JsonTree;
  depth: number;
}

/** Collects scanner events into a tree; `root` is set once the first value is placed. */
export class JsonTreeBuilder implements JsonEvents {
  root: JsonTree | undefined;
  /** Values placed so far, containers included: about the tree's lines. */
  values = 0;
  private readonly containers: JsonContainer[] = [];
  private pendingKey: string | undefined;
  private deepText: string[] = [];

  private place(value: JsonTree): void {
    this.values++;
    const parent = this.containers[this.containers.length - 1];
    if (parent === undefined) {
      this.root = value;
    } else {
      parent.entries.push(this.pendingKey === undefined ? { value } : { key: this.pendingKey, value });
    }
    this.pendingKey = undefined;
  }

  open(bracket: '{' | '['): void {
    const container: JsonContainer = { kind: 'container', open: bracket, entries: [] };
    this.place(container);
    this.containers.push(container);
  }

  close(): void {
    this.containers.pop();
  }

  key(raw: string): void {
    this.pendingKey = raw;
  }

  scalar(type: ScalarType, raw: string): void {
    this.place({ kind: 'scalar', type, raw });
  }

  deep(text: string, last: boolean): void {
    this.deepText.push(text);
    if (last) {
      this.place({ kind: 'deep', raw: this.deepText.join('') });
      this.deepText = [];
    }
  }
}

/** The document as a tree, or undefined when it is not JSON. */
export function parseJsonTree(input: string, options: ScanOptions = {}): ParsedJson | undefined {
  const builder = new JsonTreeBuilder();
  const depth = scanJson(input, builder, options);
  return depth === undefined || builder.root === undefined ? undefined : { tree: builder.root, depth };
}
