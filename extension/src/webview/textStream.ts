/**
 * Large bodies reach the page a slice at a time, one slice per animation frame, so the panel
 * shows the start at once and stays responsive while the rest arrives. A stream hands out the
 * slices; a JSON stream pretty-prints as it goes and, if the text turns out not to be JSON,
 * starts over with the text as received.
 */

import { JsonPrinter, JsonScanner } from './jsonFormat';

export interface StreamChunk {
  text: string;
  /** Set when what was shown so far must be dropped: the notice says why. */
  restart?: { notice: string };
}

export interface TextStream {
  /** The next slice, or undefined when everything was handed out. */
  next(): StreamChunk | undefined;
}

/** Characters of plain text per slice. */
export const TEXT_SLICE = 512 * 1024;
/** Characters of JSON input scanned per slice (pretty-printing costs more than copying). */
export const JSON_SLICE = 128 * 1024;

export function textChunks(text: string, slice = TEXT_SLICE): TextStream {
  let offset = 0;
  return {
    next() {
      if (offset >= text.length) {
        return undefined;
      }
      const chunk = text.slice(offset, offset + slice);
      offset += slice;
      return { text: chunk };
    },
  };
}

export const NOT_JSON_NOTICE = 'This body is not valid JSON: shown as received.';

export function prettyJsonChunks(text: string, slice = JSON_SLICE, textSlice = TEXT_SLICE): TextStream {
  const printer = new JsonPrinter();
  const scanner = new JsonScanner(text, printer);
  let fallback: TextStream | undefined;
  let finished = false;
  return {
    next() {
      if (fallback !== undefined) {
        return fallback.next();
      }
      if (finished) {
        return undefined;
      }
      const state = scanner.step(slice);
      if (state === 'invalid') {
        fallback = textChunks(text, textSlice);
        const first = fallback.next();
        return { text: first?.text ?? '', restart: { notice: NOT_JSON_NOTICE } };
      }
      finished = state === 'done';
      return { text: printer.take() };
    },
  };
}

/** Everything a stream hands out, as the page would show it in the end. */
export function drain(stream: TextStream): { text: string; notices: string[] } {
  let text = '';
  const notices: string[] = [];
  for (let chunk = stream.next(); chunk !== undefined; chunk = stream.next()) {
    if (chunk.restart !== undefined) {
      text = '';
      notices.push(chunk.restart.notice);
    }
    text += chunk.text;
  }
  return { text, notices };
}
