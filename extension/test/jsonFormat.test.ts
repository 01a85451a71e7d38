import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { JsonPrinter, prettyJson, printedText } from '../src/webview/jsonPrinter';
import { JsonScanner, scanJson, type JsonEvents, type ScanState } from '../src/webview/jsonScanner';
import { parseJsonTree } from '../src/webview/jsonTree';

function recorder(seen: string[]): JsonEvents {
  return {
    open: (b) => seen.push(b),
    close: (b) => seen.push(b),
    key: (raw) => seen.push(`key ${raw}`),
    scalar: (type, raw) => seen.push(`${type} ${raw}`),
    deep: (text, last) => seen.push(`deep ${text}${last ? ' (last)' : ''}`),
  };
}

function events(input: string, maxDepth?: number): string[] | undefined {
  const seen: string[] = [];
  return scanJson(input, recorder(seen), { maxDepth }) === undefined ? undefined : seen;
}

function finalState(input: string): { state: ScanState; scanner: JsonScanner } {
  const scanner = new JsonScanner(input, recorder([]));
  return { state: scanner.step(), scanner };
}

/** A document with every kind of token, whitespace and escapes. */
const SAMPLE =
  '{"id": 12345678901234567890, "name": "Zo\\u00eb \\"x\\"", "ok": true, "none": null,\n' +
  ' "list": [1, -2.5e+3, false, [], {}, [[0]]], "nested": {"a": {"b": "c"}}, "f": 0.5}';

describe('JSON scanner', () => {
  it('accepts every kind of value and reports them in order', () => {
    assert.deepEqual(events('{"a": [1, -2.5e+3, true, false, null, "s"], "b": {}}'), [
      '{',
      'key "a"',
      '[',
      'number 1',
      'number -2.5e+3',
      'literal true',
      'literal false',
      'literal null',
      'string "s"',
      ']',
      'key "b"',
      '{',
      '}',
      '}',
    ]);
  });

  it('accepts a scalar at the top and surrounding whitespace, and a leading BOM', () => {
    assert.deepEqual(events(' \n\t"x"\r\n'), ['string "x"']);
    assert.deepEqual(events('\ufeff[]'), ['[', ']']);
  });

  it('keeps strings with escapes, quotes and markup exactly as written', () => {
    const raw = String.raw`"a \"quoted\" \\ \/ \u00e9 \n </script>"`;
    assert.deepEqual(events(`[${raw}]`), ['[', `string ${raw}`, ']']);
  });

  it('rejects what JSON does not allow', () => {
    for (const bad of [
      '',
      '{',
      '[1,]',
      '{"a":1,}',
      '{"a" 1}',
      '{a:1}',
      "['x']",
      '01',
      '1.',
      '.5',
      '+1',
      'NaN',
      'tru',
      'nulls',
      '[1 2]',
      '{"a":1}{}',
      '"tab\there"',
      '"bad \\x escape"',
      '"\\u12"',
      '}',
      '[}',
      '"unterminated',
    ]) {
      assert.equal(events(bad), undefined, `accepted ${JSON.stringify(bad)}`);
    }
  });

  it('handles nesting far deeper than the call stack would allow', () => {
    const depth = 100_000;
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    assert.equal(scanJson(deep, { open() {}, close() {}, key() {}, scalar() {} }), depth);
  });
});

describe('JSON scanner on text that stops early', () => {
  it('calls every prefix of a document partial, never invalid, and names the unfinished token', () => {
    for (let cut = 0; cut < SAMPLE.length; cut++) {
      const prefix = SAMPLE.slice(0, cut);
      const { state, scanner } = finalState(prefix);
      assert.equal(state, 'partial', `the first ${cut} characters: ${JSON.stringify(prefix)}`);
      assert.equal(scanner.unfinished, prefix.slice(scanner.position));
      assert.doesNotMatch(scanner.unfinished, /^\s/);
    }
    assert.equal(finalState(SAMPLE).state, 'done');
  });

  it('gives the cut-short token: a string, a number, a literal, an escape', () => {
    for (const [text, unfinished] of [
      ['["abc', '"abc'],
      ['{"ke', '"ke'],
      ['[1, -', '-'],
      ['[1.', '1.'],
      ['[2e+', '2e+'],
      ['[tr', 'tr'],
      ['[nul', 'nul'],
      ['["a\\u00', '"a\\u00'],
      ['["a\\', '"a\\'],
      ['{"a": ', ''],
      ['{"a"', ''],
      ['[1, ', ''],
    ] as const) {
      const { state, scanner } = finalState(text);
      assert.equal(state, 'partial', text);
      assert.equal(scanner.unfinished, unfinished, text);
    }
  });

  it('still calls an error before the end invalid, and says where it is', () => {
    for (const [text, position] of [
      ['[1, 2 3', 6],
      ['{"a": tru, "b": 1', 6],
      ['["ok", "bad \\x', 7],
      ['[01, 2', 1],
      ['{"a": 1}} and more', 8],
    ] as const) {
      const { state, scanner } = finalState(text);
      assert.equal(state, 'invalid', text);
      assert.equal(scanner.position, position, text);
    }
  });
});

describe('JSON scanner depth limit', () => {
  it('reports values deeper than maxDepth as their source text, and no events inside them', () => {
    assert.deepEqual(events('{"a": [1, {"b": [2, 3]}], "c": [[4 , 5]]}', 2), [
      '{',
      'key "a"',
      '[',
      'number 1',
      'deep {"b": [2, 3]} (last)',
      ']',
      'key "c"',
      '[',
      'deep [4 , 5] (last)',
      ']',
      '}',
    ]);
  });

  it('hands over a long deep value in pieces as the scan goes, adding up to its text', () => {
    const inner = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ i })));
    const input = `[${inner}, 7]`;
    const pieces: string[] = [];
    const scanner = new JsonScanner(
      input,
      { ...recorder([]), deep: (text) => pieces.push(text) },
      { maxDepth: 1 },
    );
    let state: ScanState;
    do {
      state = scanner.step(1000);
    } while (state === 'more');
    assert.equal(state, 'done');
    assert.ok(pieces.length > 10, `${pieces.length} pieces`);
    assert.equal(pieces.join(''), inner);
  });

  it('hands over all of a deep value that is cut, the unfinished token too', () => {
    const seen: string[] = [];
    const scanner = new JsonScanner('[[[1, "ab', recorder(seen), { maxDepth: 1 });
    assert.equal(scanner.step(), 'partial');
    assert.deepEqual(seen, ['[', 'deep [[1, "ab (last)']);
    assert.equal(scanner.unfinished, '');
  });
});

describe('prettyJson', () => {
  it('indents objects and arrays and keeps empty ones on one line', () => {
    assert.equal(
      prettyJson('{"a":[1,{"b":null}],"c":{},"d":[]}'),
      '{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ],\n  "c": {},\n  "d": []\n}',
    );
  });

  it('agrees with JSON.stringify on ordinary documents', () => {
    const value = {
      user: { id: 7, name: 'Zoë', tags: ['a', 'b'], nested: { deep: [[], {}, [1]] } },
      ok: true,
    };
    assert.equal(prettyJson(JSON.stringify(value)), JSON.stringify(value, null, 2));
  });

  it('keeps big numbers, duplicate keys and escapes that JSON.parse would change', () => {
    assert.equal(
      prettyJson('{"id":12345678901234567890,"id":1e400,"s":"\\u00e9"}'),
      '{\n  "id": 12345678901234567890,\n  "id": 1e400,\n  "s": "\\u00e9"\n}',
    );
  });

  it('returns undefined for text that is not JSON', () => {
    assert.equal(prettyJson('<html></html>'), undefined);
    assert.equal(prettyJson('{"a":1} trailing'), undefined);
  });

  it('prints values past the depth limit as written, right after the indented part', () => {
    assert.equal(
      prettyJson('{"a":[1,[[2,  3]]],"b":2}', { maxDepth: 2 }),
      '{\n  "a": [\n    1,\n    [[2,  3]]\n  ],\n  "b": 2\n}',
    );
  });

  it('prints JSON nested 100,000 deep in output linear in the input, not quadratic', () => {
    const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
    const limit = 100;
    const printed = prettyJson(nested(100_000), { maxDepth: limit });
    assert.ok(printed !== undefined);
    const lines = printed.split('\n');
    assert.equal(lines.length, 2 * limit + 1, 'one line per indented level, one for the rest as written');
    assert.equal(lines[limit], `${'  '.repeat(limit)}${nested(100_000 - limit)}`);
    // Past the limit each level adds just its own two brackets to the output (without the limit,
    // each would add a line indented as deep as it is).
    const half = prettyJson(nested(50_000), { maxDepth: limit });
    assert.ok(half !== undefined);
    assert.equal(printed.length - half.length, nested(100_000).length - nested(50_000).length);
    assert.ok(printed.length < 1.2 * nested(100_000).length, `${printed.length} characters`);
  });
});

describe('JsonPrinter', () => {
  it('stops after about the budget and resumes where it stopped', () => {
    const printer = new JsonPrinter();
    const input = JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ i })));
    const scanner = new JsonScanner(input, printer);
    assert.equal(scanner.step(100), 'more');
    assert.ok(scanner.position >= 100 && scanner.position < 120, `stopped at ${scanner.position}`);
    let steps = 1;
    while (scanner.step(100) === 'more') steps++;
    assert.ok(steps > 50, `${steps} steps`);
    assert.equal(printedText(printer.take()), prettyJson(input));
  });

  it('prints every cut prefix of a document as the start of the whole pretty-printed document', () => {
    const whole = prettyJson(SAMPLE);
    assert.ok(whole !== undefined);
    for (let cut = 1; cut < SAMPLE.length; cut++) {
      const printer = new JsonPrinter();
      const scanner = new JsonScanner(SAMPLE.slice(0, cut), printer);
      assert.equal(scanner.step(), 'partial');
      printer.cut(scanner.unfinished);
      const printed = printedText(printer.take());
      assert.ok(whole.startsWith(printed), `the first ${cut} characters printed ${JSON.stringify(printed)}`);
    }
  });
});

describe('parseJsonTree', () => {
  it('builds containers with keys and scalars, and the depth', () => {
    const parsed = parseJsonTree('{"a": [1, "x"], "b": {"c": false}}');
    assert.ok(parsed);
    assert.equal(parsed.depth, 2);
    assert.equal(parsed.tree.kind, 'container');
    assert.deepEqual(
      parsed.tree.entries.map((e) => e.key),
      ['"a"', '"b"'],
    );
    const first = parsed.tree.entries[0]?.value;
    assert.equal(first?.kind === 'container' ? first.entries.length : -1, 2);
  });

  it('keeps values past the depth limit as one node with their source text', () => {
    const parsed = parseJsonTree('{"a": {"b": [1, [2]]}}', { maxDepth: 2 });
    assert.ok(parsed?.tree.kind === 'container');
    const a = parsed.tree.entries[0]?.value;
    assert.ok(a?.kind === 'container');
    assert.deepEqual(a.entries[0], { key: '"b"', value: { kind: 'deep', raw: '[1, [2]]' } });
    assert.equal(parsed.depth, 4);
  });

  it('returns undefined for invalid JSON', () => {
    assert.equal(parseJsonTree('{"a":'), undefined);
  });
});
