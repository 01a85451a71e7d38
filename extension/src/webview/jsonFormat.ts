/**
 * JSON for the response panel: a validating scanner, a pretty-printer and a tree for colouring.
 *
 * Nothing here uses `JSON.parse`, so numbers keep their exact digits (`12345678901234567890`
 * stays as written), duplicate keys stay, and string escapes are shown as the server sent them.
 * Everything is iterative: deep nesting cannot overflow the stack. Input that is not JSON gives
 * `undefined`, and the panel shows it as plain text.
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
const WHITESPACE = /[ \t\n\r]*/y;

type Expect = 'value' | 'key-or-close' | 'key' | 'colon' | 'comma-or-close' | 'value-or-close' | 'end';

function match(pattern: RegExp, input: string, at: number): string | undefined {
  pattern.lastIndex = at;
  const found = pattern.exec(input);
  return found === null ? undefined : found[0];
}

/**
 * Walks `input`, calling `events` in document order. Returns the deepest nesting, or undefined
 * when the input is not exactly one JSON value (events may have been called before the error).
 */
export function scanJson(input: string, events: JsonEvents): number | undefined {
  const stack: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let at = input.charCodeAt(0) === 0xfeff ? 1 : 0;
  let deepest = 0;
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'comma-or-close');
  for (;;) {
    at += match(WHITESPACE, input, at)?.length ?? 0;
    if (at >= input.length) {
      return expect === 'end' ? deepest : undefined;
    }
    const c = input[at];
    if (expect === 'end') {
      return undefined;
    }
    if (c === '{' || c === '[') {
      if (expect !== 'value' && expect !== 'value-or-close') {
        return undefined;
      }
      stack.push(c);
      deepest = Math.max(deepest, stack.length);
      events.open(c);
      expect = c === '{' ? 'key-or-close' : 'value-or-close';
      at += 1;
    } else if (c === '}' || c === ']') {
      const open = stack[stack.length - 1];
      const fits = (c === '}' && open === '{') || (c === ']' && open === '[');
      const allowed = expect === 'comma-or-close' || expect === 'key-or-close' || expect === 'value-or-close';
      if (!fits || !allowed) {
        return undefined;
      }
      stack.pop();
      events.close(c);
      expect = afterValue();
      at += 1;
    } else if (c === ',') {
      if (expect !== 'comma-or-close') {
        return undefined;
      }
      expect = stack[stack.length - 1] === '{' ? 'key' : 'value';
      at += 1;
    } else if (c === ':') {
      if (expect !== 'colon') {
        return undefined;
      }
      expect = 'value';
      at += 1;
    } else if (c === '"') {
      const raw = match(STRING, input, at);
      if (raw === undefined) {
        return undefined;
      }
      if (expect === 'key' || expect === 'key-or-close') {
        events.key(raw);
        expect = 'colon';
      } else if (expect === 'value' || expect === 'value-or-close') {
        events.scalar('string', raw);
        expect = afterValue();
      } else {
        return undefined;
      }
      at += raw.length;
    } else {
      if (expect !== 'value' && expect !== 'value-or-close') {
        return undefined;
      }
      const number = match(NUMBER, input, at);
      const raw = number ?? match(LITERAL, input, at);
      if (raw === undefined) {
        return undefined;
      }
      const next = input.charCodeAt(at + raw.length);
      if ((next >= 48 && next <= 57) || (next >= 97 && next <= 122) || next === 46) {
        return undefined;
      }
      events.scalar(number !== undefined ? 'number' : 'literal', raw);
      expect = afterValue();
      at += raw.length;
    }
  }
}

/** `input` re-indented (two spaces by default), or undefined when it is not JSON. */
export function prettyJson(input: string, indent = '  '): string | undefined {
  const out: string[] = [];
  let depth = 0;
  let justOpened = false;
  let needComma = false;
  const newline = (): void => {
    out.push('\n', indent.repeat(depth));
  };
  const beforeItem = (): void => {
    if (justOpened) {
      newline();
    } else if (needComma) {
      out.push(',');
      newline();
    }
    justOpened = false;
  };
  const result = scanJson(input, {
    open(bracket) {
      beforeItem();
      out.push(bracket);
      depth += 1;
      justOpened = true;
      needComma = false;
    },
    close(bracket) {
      depth -= 1;
      if (!justOpened) {
        newline();
      }
      out.push(bracket);
      justOpened = false;
      needComma = true;
    },
    key(raw) {
      beforeItem();
      out.push(raw, ': ');
      needComma = false;
    },
    scalar(_type, raw) {
      beforeItem();
      out.push(raw);
      needComma = true;
    },
  });
  return result === undefined ? undefined : out.join('');
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
