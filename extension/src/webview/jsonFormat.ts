/**
 * JSON for the response panel: a validating scanner, a pretty-printer and a tree for colouring.
 *
 * Nothing here uses `JSON.parse`, so numbers keep their exact digits (`12345678901234567890`
 * stays as written), duplicate keys stay, and string escapes are shown as the server sent them.
 * Everything is iterative, so deep nesting cannot overflow the stack, and the scanner can stop
 * and resume (`JsonScanner.step`), so a large body is pretty-printed a slice per animation frame.
 * Input that is not JSON is reported as such, and the panel shows it as plain text.
 */

export type ScalarType = 'string' | 'number' | 'literal';

export interface JsonEvents {
  open(bracket: '{' | '['): void;
  close(bracket: '}' | ']'): void;
  key(raw: string): void;
  scalar(type: ScalarType, raw: string): void;
}

// JSON strings may not hold raw control characters, hence the \u0000-\u001f range.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

type Expect = 'value' | 'key-or-close' | 'key' | 'colon' | 'comma-or-close' | 'value-or-close' | 'end';

export type ScanState = 'more' | 'done' | 'invalid';

function match(pattern: RegExp, input: string, at: number): string | undefined {
  pattern.lastIndex = at;
  const found = pattern.exec(input);
  return found === null ? undefined : found[0];
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** True for characters that may not directly follow a number or a literal. */
function continuesWord(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || code === 0x2e;
}

/** Walks JSON text, calling `events` in document order; `step` scans a slice at a time. */
export class JsonScanner {
  private readonly stack: ('{' | '[')[] = [];
  private expect: Expect = 'value';
  private at: number;
  private state: ScanState = 'more';
  /** The deepest nesting seen so far. */
  deepest = 0;

  constructor(
    private readonly input: string,
    private readonly events: JsonEvents,
  ) {
    this.at = input.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** How far the scan got, in characters of the input. */
  get position(): number {
    return this.at;
  }

  /** Scans on until about `budget` more characters are read, the end, or an error. */
  step(budget = Infinity): ScanState {
    const stop = Math.min(this.input.length, this.at + budget);
    while (this.state === 'more') {
      this.state = this.token();
      if (this.state === 'more' && this.at >= stop && this.at < this.input.length) {
        break;
      }
    }
    return this.state;
  }

  private skipWhitespace(): void {
    const input = this.input;
    let at = this.at;
    while (at < input.length && isWhitespace(input.charCodeAt(at))) {
      at += 1;
    }
    this.at = at;
  }

  private afterValue(): Expect {
    return this.stack.length === 0 ? 'end' : 'comma-or-close';
  }

  /** Reads one token: 'more' when the scan goes on, else the final state. */
  private token(): ScanState {
    this.skipWhitespace();
    const { input, expect } = this;
    if (this.at >= input.length) {
      return expect === 'end' ? 'done' : 'invalid';
    }
    if (expect === 'end') {
      return 'invalid';
    }
    const c = input[this.at];
    if (c === '{' || c === '[') {
      if (expect !== 'value' && expect !== 'value-or-close') {
        return 'invalid';
      }
      this.stack.push(c);
      this.deepest = Math.max(this.deepest, this.stack.length);
      this.events.open(c);
      this.expect = c === '{' ? 'key-or-close' : 'value-or-close';
      this.at += 1;
    } else if (c === '}' || c === ']') {
      const open = this.stack[this.stack.length - 1];
      const fits = (c === '}' && open === '{') || (c === ']' && open === '[');
      const allowed = expect === 'comma-or-close' || expect === 'key-or-close' || expect === 'value-or-close';
      if (!fits || !allowed) {
        return 'invalid';
      }
      this.stack.pop();
      this.events.close(c);
      this.expect = this.afterValue();
      this.at += 1;
    } else if (c === ',') {
      if (expect !== 'comma-or-close') {
        return 'invalid';
      }
      this.expect = this.stack[this.stack.length - 1] === '{' ? 'key' : 'value';
      this.at += 1;
    } else if (c === ':') {
      if (expect !== 'colon') {
        return 'invalid';
      }
      this.expect = 'value';
      this.at += 1;
    } else if (c === '"') {
      const raw = match(STRING, input, this.at);
      if (raw === undefined) {
        return 'invalid';
      }
      if (expect === 'key' || expect === 'key-or-close') {
        this.events.key(raw);
        this.expect = 'colon';
      } else if (expect === 'value' || expect === 'value-or-close') {
        this.events.scalar('string', raw);
        this.expect = this.afterValue();
      } else {
        return 'invalid';
      }
      this.at += raw.length;
    } else {
      if (expect !== 'value' && expect !== 'value-or-close') {
        return 'invalid';
      }
      const number = match(NUMBER, input, this.at);
      const raw = number ?? match(LITERAL, input, this.at);
      if (raw === undefined || continuesWord(input.charCodeAt(this.at + raw.length))) {
        return 'invalid';
      }
      this.events.scalar(number !== undefined ? 'number' : 'literal', raw);
      this.expect = this.afterValue();
      this.at += raw.length;
    }
    return 'more';
  }
}

/**
 * Walks `input`, calling `events` in document order. Returns the deepest nesting, or undefined
 * when the input is not exactly one JSON value (events may have been called before the error).
 */
export function scanJson(input: string, events: JsonEvents): number | undefined {
  const scanner = new JsonScanner(input, events);
  return scanner.step() === 'done' ? scanner.deepest : undefined;
}

/** Turns scanner events into indented text; `take` hands over what was printed so far. */
export class JsonPrinter implements JsonEvents {
  private out: string[] = [];
  private readonly newlines: string[] = [];
  private depth = 0;
  private justOpened = false;
  private needComma = false;

  constructor(private readonly indent = '  ') {}

  private newline(): string {
    return (this.newlines[this.depth] ??= `\n${this.indent.repeat(this.depth)}`);
  }

  private beforeItem(): void {
    if (this.justOpened) {
      this.out.push(this.newline());
    } else if (this.needComma) {
      this.out.push(',', this.newline());
    }
    this.justOpened = false;
  }

  open(bracket: '{' | '['): void {
    this.beforeItem();
    this.out.push(bracket);
    this.depth += 1;
    this.justOpened = true;
    this.needComma = false;
  }

  close(bracket: '}' | ']'): void {
    this.depth -= 1;
    if (!this.justOpened) {
      this.out.push(this.newline());
    }
    this.out.push(bracket);
    this.justOpened = false;
    this.needComma = true;
  }

  key(raw: string): void {
    this.beforeItem();
    this.out.push(raw, ': ');
    this.needComma = false;
  }

  scalar(_type: ScalarType, raw: string): void {
    this.beforeItem();
    this.out.push(raw);
    this.needComma = true;
  }

  take(): string {
    const text = this.out.join('');
    this.out = [];
    return text;
  }
}

/** `input` re-indented (two spaces by default), or undefined when it is not JSON. */
export function prettyJson(input: string, indent = '  '): string | undefined {
  const printer = new JsonPrinter(indent);
  return scanJson(input, printer) === undefined ? undefined : printer.take();
}

export type JsonTree = JsonScalar | JsonContainer;

export interface JsonScalar {
  kind: 'scalar';
  type: ScalarType;
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

/** The document as a tree (for the coloured, foldable view), or undefined when it is not JSON. */
export function parseJsonTree(input: string): ParsedJson | undefined {
  const containers: JsonContainer[] = [];
  let pendingKey: string | undefined;
  let root: JsonTree | undefined;
  const place = (value: JsonTree): void => {
    const parent = containers[containers.length - 1];
    if (parent === undefined) {
      root = value;
    } else {
      parent.entries.push(pendingKey === undefined ? { value } : { key: pendingKey, value });
    }
    pendingKey = undefined;
  };
  const depth = scanJson(input, {
    open(bracket) {
      const container: JsonContainer = { kind: 'container', open: bracket, entries: [] };
      place(container);
      containers.push(container);
    },
    close() {
      containers.pop();
    },
    key(raw) {
      pendingKey = raw;
    },
    scalar(type, raw) {
      place({ kind: 'scalar', type, raw });
    },
  });
  return depth === undefined || root === undefined ? undefined : { tree: root, depth };
}
