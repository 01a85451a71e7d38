import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  JsonPrinter,
  JsonScanner,
  parseJsonTree,
  prettyJson,
  scanJson,
  type JsonEvents,
} from '../src/webview/jsonFormat';
import { drain, NOT_JSON_NOTICE, prettyJsonChunks, textChunks } from '../src/webview/textStream';

function events(input: string): string[] | undefined {
  const seen: string[] = [];
  const recorder: JsonEvents = {
    open: (b) => seen.push(b),
    close: (b) => seen.push(b),
    key: (raw) => seen.push(`key ${raw}`),
    scalar: (type, raw) => seen.push(`${type} ${raw}`),
  };
  return scanJson(input, recorder) === undefined ? undefined : seen;
}

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

  it('pretty-prints deeply nested input without overflowing', () => {
    const pretty = prettyJson('['.repeat(5000) + ']'.repeat(5000));
    assert.ok(pretty !== undefined);
    assert.equal(pretty.split('\n').length, 2 * 5000 - 1);
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

  it('returns undefined for invalid JSON', () => {
    assert.equal(parseJsonTree('{"a":'), undefined);
  });
});

describe('JsonScanner in slices', () => {
  it('stops after about the budget and resumes where it stopped', () => {
    const printer = new JsonPrinter();
    const input = JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ i })));
    const scanner = new JsonScanner(input, printer);
    assert.equal(scanner.step(100), 'more');
    assert.ok(scanner.position >= 100 && scanner.position < 120, `stopped at ${scanner.position}`);
    let steps = 1;
    while (scanner.step(100) === 'more') steps++;
    assert.ok(steps > 50, `${steps} steps`);
    assert.equal(printer.take(), prettyJson(input));
  });
});

describe('text streams', () => {
  it('hands out plain text in slices that add up to the text', () => {
    const text = 'abcdefghij'.repeat(100);
    const stream = textChunks(text, 64);
    const first = stream.next();
    assert.equal(first?.text.length, 64);
    assert.equal(drain(stream).text, text.slice(64));
    assert.equal(drain(textChunks('', 64)).text, '');
  });

  it('pretty-prints JSON slice by slice into exactly what prettyJson gives', () => {
    const input = JSON.stringify({
      items: Array.from({ length: 3000 }, (_, i) => ({ id: i, name: `n${i}`, tags: [] })),
    });
    let slices = 0;
    const stream = prettyJsonChunks(input, 4096);
    let text = '';
    for (let chunk = stream.next(); chunk !== undefined; chunk = stream.next()) {
      assert.equal(chunk.restart, undefined);
      text += chunk.text;
      slices++;
    }
    assert.ok(slices > 10, `${slices} slices`);
    assert.equal(text, prettyJson(input));
  });

  it('starts over with the text as received when it turns out not to be JSON', () => {
    const input = `${JSON.stringify(Array.from({ length: 2000 }, (_, i) => i))} <trailing html>`;
    const result = drain(prettyJsonChunks(input, 1024, 700));
    assert.deepEqual(result.notices, [NOT_JSON_NOTICE]);
    assert.equal(result.text, input);
  });
});
