/**
 * Re-indents JSON from scanner events, as text handed over a slice at a time (`take`).
 *
 * Indentation is what makes pretty-printed JSON grow: a line at depth d carries 2d spaces, so
 * text nested n deep would print about n² characters. The scanner's `maxDepth` keeps that in
 * check: a value deeper than the limit arrives as its source text and is printed as written,
 * after a `DEEP_VALUE` marker the view turns into a label. A cut body ends with `cut`, which
 * prints the unfinished last token where it stands.
 */

import { JsonScanner, scanJson, type JsonEvents, type ScalarType, type ScanOptions } from './jsonScanner';

/** Marks where the source text of a value deeper than the depth limit begins. */
export const DEEP_VALUE = Object.freeze({ kind: 'deep-value' as const });

/** Printed text, and markers before deep values (adjacent text comes as one string). */
export type PrintedPiece = string | typeof DEEP_VALUE;

/** Turns scanner events into indented text; `take` hands over what was printed so far. */
export class JsonPrinter implements JsonEvents {
  private out: string[] = [];
  private pieces: PrintedPiece[] = [];
  private readonly newlines: string[] = [];
  private depth = 0;
  private justOpened = false;
  private needComma = false;
  private inDeepValue = false;

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

  deep(text: string, last: boolean): void {
    if (!this.inDeepValue) {
      this.beforeItem();
      this.flush();
      this.pieces.push(DEEP_VALUE);
      this.inDeepValue = true;
    }
    this.out.push(text);
    if (last) {
      this.inDeepValue = false;
      this.needComma = true;
    }
  }

  /** The text stopped short: prints its unfinished last token (if any) where it belongs. */
  cut(unfinished: string): void {
    if (unfinished !== '') {
      this.beforeItem();
      this.out.push(unfinished);
    }
  }

  private flush(): void {
    if (this.out.length > 0) {
      this.pieces.push(this.out.join(''));
      this.out = [];
    }
  }

  /** What was printed since the last call. */
  take(): PrintedPiece[] {
    this.flush();
    const pieces = this.pieces;
    this.pieces = [];
    return pieces;
  }
}

/** Just the text of printed pieces (markers dropped). */
export function printedText(pieces: readonly PrintedPiece[]): string {
  return pieces.filter((piece): piece is string => typeof piece === 'string').join('');
}

/**
 * `input` re-indented (two spaces by default), or undefined when it is not JSON. With
 * `maxDepth`, values nested deeper are kept as written.
 */
export function prettyJson(
  input: string,
  options: ScanOptions & { indent?: string } = {},
): string | undefined {
  const printer = new JsonPrinter(options.indent);
  return scanJson(input, printer, options) === undefined ? undefined : printedText(printer.take());
}

/** A scanner and printer working through `input` together, as the panel's streams use them. */
export function printingScanner(
  input: string,
  options: ScanOptions = {},
): { scanner: JsonScanner; printer: JsonPrinter } {
  const printer = new JsonPrinter();
  return { scanner: new JsonScanner(input, printer, options), printer };
}
