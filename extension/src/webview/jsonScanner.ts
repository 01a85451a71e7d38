/**
 * A validating JSON scanner for the response panel: it walks the text once, calling events in
 * document order, and can stop and resume (`step`), so a large body is handled a slice at a
 * time.
 *
 * Nothing here uses `JSON.parse`, so numbers keep their exact digits, duplicate keys stay, and
 * string escapes are reported as the server sent them. It is iterative, so no nesting can
 * overflow the stack. Two things go beyond plain validation:
 * - a value nested deeper than `maxDepth` gets no events of its own: its source text is handed
 *   to `deep` (in pieces, as the scan goes), so the consumer never sees more than `maxDepth`
 *   levels;
 * - text that stops before the document ends, but is right as far as it goes (a body cut at the
 *   size limit), ends in the state 'partial' rather than 'invalid', with the unfinished last
 *   token in `unfinished`.
 */

export type ScalarType = 'string' | 'number' | 'literal';

export interface JsonEvents {
  open(bracket: '{' | '['): void;
  close(bracket: '}' | ']'): void;
  key(raw: string): void;
  scalar(type: ScalarType, raw: string): void;
  /**
   * Source text of a value nested deeper than `maxDepth`, in one or more pieces that add up to
   * the value as written; `last` is set on the final piece.
   */
  deep?(text: string, last: boolean): void;
}

/**
 * 'more': call `step` again; 'done': one whole JSON value; 'invalid': not JSON (see
 * `position`); 'partial': right so far, but the text ends before the value does.
 */
export type ScanState = 'more' | 'done' | 'invalid' | 'partial';

export interface ScanOptions {
  /** Values nested deeper than this are reported as text (`JsonEvents.deep`). */
  maxDepth?: number;
}

// JSON strings may not hold raw control characters, hence the \u0000-\u001f range.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const STRING_START =
  // eslint-disable-next-line no-control-regex
  /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*(?:\\(?:u[0-9a-fA-F]{0,3})?)?/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NUMBER_START =
  /-(?:(?:0|[1-9]\d*)(?:\.\d*)?(?:[eE][+-]?\d*)?)?|(?:0|[1-9]\d*)(?:\.\d*)?(?:[eE][+-]?\d*)?/y;
const LITERAL = /true|false|null/y;
const LITERAL_START = /t(?:r(?:ue?)?)?|f(?:a(?:l(?:se?)?)?)?|n(?:u(?:ll?)?)?/y;

type Expect = 'value' | 'key-or-close' | 'key' | 'colon' | 'comma-or-close' | 'value-or-close' | 'end';

function match(pattern: RegExp, input: string, at: number): string | undefined {
  pattern.lastIndex = at;
  const found = pattern.exec(input);
  return found === null ? undefined : found[0];
}

/** True when `pattern` matches everything from `at` to the end: a token the text cut short. */
function startsTokenToEnd(pattern: RegExp, input: string, at: number): boolean {
  return match(pattern, input, at)?.length === input.length - at;
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
  private readonly maxDepth: number;
  private expect: Expect = 'value';
  private at: number;
  private state: ScanState = 'more';
  /** Start of the deep value's text not yet handed to `deep`; -1 outside a deep value. */
  private deepFrom = -1;
  /** The nesting just outside the deep value being skipped. */
  private deepBase = 0;
  private unfinishedToken = '';
  /** The deepest nesting seen so far (deep values included). */
  deepest = 0;

  constructor(
    private readonly input: string,
    private readonly events: JsonEvents,
    options: ScanOptions = {},
  ) {
    this.at = input.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.maxDepth = options.maxDepth ?? Infinity;
  }

  /** How far the scan got, in characters; where the error is once the state is 'invalid'. */
  get position(): number {
    return this.at;
  }

  /** Once the state is 'partial': the last token, cut short (empty when the cut fell between tokens). */
  get unfinished(): string {
    return this.unfinishedToken;
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
    if (this.deepFrom >= 0) {
      this.handOverDeepText();
    }
    return this.state;
  }

  /** Passes on what was read of the deep value; at a cut, all of it, the unfinished token too. */
  private handOverDeepText(): void {
    if (this.state === 'partial') {
      this.events.deep?.(this.input.slice(this.deepFrom), true);
      this.deepFrom = -1;
      this.unfinishedToken = '';
      this.at = this.input.length;
    } else if (this.state === 'more' && this.at > this.deepFrom) {
      this.events.deep?.(this.input.slice(this.deepFrom, this.at), false);
      this.deepFrom = this.at;
    }
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

  /** 'partial' when `pattern` matches the rest of the text (a token cut short), else 'invalid'. */
  private cutShort(pattern: RegExp): ScanState {
    if (!startsTokenToEnd(pattern, this.input, this.at)) {
      return 'invalid';
    }
    this.unfinishedToken = this.input.slice(this.at);
    return 'partial';
  }

  /** Reads one token: 'more' when the scan goes on, else the final state. */
  private token(): ScanState {
    this.skipWhitespace();
    const { input, expect } = this;
    if (this.at >= input.length) {
      return expect === 'end' ? 'done' : 'partial';
    }
    if (expect === 'end') {
      return 'invalid';
    }
    const quiet = this.deepFrom >= 0;
    const c = input[this.at];
    if (c === '{' || c === '[') {
      if (expect !== 'value' && expect !== 'value-or-close') {
        return 'invalid';
      }
      if (!quiet && this.stack.length >= this.maxDepth) {
        this.deepFrom = this.at;
        this.deepBase = this.stack.length;
      } else if (!quiet) {
        this.events.open(c);
      }
      this.stack.push(c);
      this.deepest = Math.max(this.deepest, this.stack.length);
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
      this.at += 1;
      if (!quiet) {
        this.events.close(c);
      } else if (this.stack.length === this.deepBase) {
        this.events.deep?.(input.slice(this.deepFrom, this.at), true);
        this.deepFrom = -1;
      }
      this.expect = this.afterValue();
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
      const isKey = expect === 'key' || expect === 'key-or-close';
      if (!isKey && expect !== 'value' && expect !== 'value-or-close') {
        return 'invalid';
      }
      const raw = match(STRING, input, this.at);
      if (raw === undefined) {
        return this.cutShort(STRING_START);
      }
      if (isKey) {
        if (!quiet) {
          this.events.key(raw);
        }
        this.expect = 'colon';
      } else {
        if (!quiet) {
          this.events.scalar('string', raw);
        }
        this.expect = this.afterValue();
      }
      this.at += raw.length;
    } else {
      if (expect !== 'value' && expect !== 'value-or-close') {
        return 'invalid';
      }
      const number = match(NUMBER, input, this.at);
      const raw = number ?? match(LITERAL, input, this.at);
      if (raw === undefined || continuesWord(input.charCodeAt(this.at + raw.length))) {
        return this.cutShort(number !== undefined || c === '-' ? NUMBER_START : LITERAL_START);
      }
      if (!quiet) {
        this.events.scalar(number !== undefined ? 'number' : 'literal', raw);
      }
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
export function scanJson(input: string, events: JsonEvents, options: ScanOptions = {}): number | undefined {
  const scanner = new JsonScanner(input, events, options);
  return scanner.step() === 'done' ? scanner.deepest : undefined;
}
