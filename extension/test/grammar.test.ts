import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';

import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';

const root = path.resolve(__dirname, '..', '..', '..');
const grammarPath = path.join(root, 'extension', 'syntaxes', 'http.tmLanguage.json');

/**
 * Small stand-ins for VS Code's built-in JSON, XML and JavaScript grammars: enough structure
 * (an object region that only `}` closes) to show how the embedding behaves.
 */
const STUBS: Record<string, object> = {
  'source.json': {
    scopeName: 'source.json',
    patterns: [{ include: '#value' }],
    repository: {
      value: {
        patterns: [
          {
            begin: '\\{',
            end: '\\}',
            name: 'meta.structure.dictionary.json',
            patterns: [{ include: '#value' }],
          },
          { begin: '\\[', end: '\\]', name: 'meta.structure.array.json', patterns: [{ include: '#value' }] },
          {
            begin: '"',
            end: '"',
            name: 'string.quoted.double.json',
            patterns: [{ match: '\\\\.', name: 'constant.character.escape.json' }],
          },
          { match: '-?\\d+(?:\\.\\d+)?', name: 'constant.numeric.json' },
        ],
      },
    },
  },
  'text.xml': {
    scopeName: 'text.xml',
    patterns: [{ match: '</?[A-Za-z][\\w:.-]*', name: 'entity.name.tag.xml' }],
  },
  'source.js': {
    scopeName: 'source.js',
    patterns: [{ match: '\\bclient\\b', name: 'variable.other.object.js' }],
  },
};

let grammar: IGrammar;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => oniguruma.createOnigScanner(patterns),
      createOnigString: (text) => oniguruma.createOnigString(text),
    }),
    loadGrammar: (scopeName) => {
      if (scopeName === 'source.http') {
        return Promise.resolve(parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath));
      }
      const stub = STUBS[scopeName];
      return Promise.resolve(
        stub === undefined ? null : parseRawGrammar(JSON.stringify(stub), `${scopeName}.json`),
      );
    },
  });
  const loaded = await registry.loadGrammar('source.http');
  assert.ok(loaded);
  grammar = loaded;
});

interface Token {
  text: string;
  scopes: string[];
}

function tokenize(source: string): Token[][] {
  let state = INITIAL;
  return source.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the first token on `line` whose text is `text`. */
function scopesOf(lines: Token[][], line: number, text: string): string[] {
  const token = lines[line]?.find((t) => t.text === text);
  assert.ok(token, `no token "${text}" on line ${line}: ${JSON.stringify(lines[line]?.map((t) => t.text))}`);
  return token.scopes;
}

function has(scopes: string[], fragment: string): boolean {
  return scopes.some((scope) => scope.split(' ').some((s) => s.startsWith(fragment)));
}

describe('http grammar', () => {
  it('scopes the request line: method, URL with variables, HTTP version', () => {
    const lines = tokenize('POST https://{{host}}/1.1/statuses/update.json HTTP/1.1');
    assert.ok(has(scopesOf(lines, 0, 'POST'), 'keyword.control.method.http'));
    assert.ok(has(scopesOf(lines, 0, 'host'), 'variable.other.http'));
    assert.ok(has(scopesOf(lines, 0, '/1.1/statuses/update.json'), 'markup.underline.link.url.http'));
    assert.ok(has(scopesOf(lines, 0, 'HTTP/1.1'), 'constant.language.http-version.http'));
  });

  it('accepts a bare URL as a request line', () => {
    const lines = tokenize('https://api.example.com/ping');
    assert.ok(has(scopesOf(lines, 0, 'https://api.example.com/ping'), 'markup.underline.link.url.http'));
  });

  it('scopes comments, # @directives, separators and file variables', () => {
    const lines = tokenize(
      [
        '# just a note',
        '// also a note',
        '# @oauth1 sandbox',
        '### Timeline',
        '@host = 127.0.0.1:{{port}}',
      ].join('\n'),
    );
    assert.ok(has(lines[0]?.[0]?.scopes ?? [], 'comment.line.number-sign.http'));
    assert.ok(has(lines[1]?.[0]?.scopes ?? [], 'comment.line.double-slash.http'));
    assert.ok(has(scopesOf(lines, 2, 'oauth1'), 'keyword.other.directive.http'));
    assert.ok(has(scopesOf(lines, 2, 'sandbox'), 'string.unquoted.directive-argument.http'));
    assert.ok(has(scopesOf(lines, 3, '###'), 'keyword.other.separator.http'));
    assert.ok(has(scopesOf(lines, 3, 'Timeline'), 'entity.name.section.request.http'));
    assert.ok(has(scopesOf(lines, 4, 'host'), 'variable.other.definition.http'));
    assert.ok(has(scopesOf(lines, 4, 'port'), 'variable.other.http'));
  });

  it('scopes headers and system variables with arguments', () => {
    const lines = tokenize(
      ['GET /x', 'Host: example.com', 'X-Request-Id: {{$guid}}', 'X-Time: {{$timestamp -1 d}}'].join('\n'),
    );
    assert.ok(has(scopesOf(lines, 1, 'Host'), 'entity.name.tag.header.http'));
    assert.ok(has(scopesOf(lines, 1, 'example.com'), 'string.unquoted.header-value.http'));
    assert.ok(has(scopesOf(lines, 2, '$guid'), 'variable.language.system.http'));
    assert.ok(has(scopesOf(lines, 3, '$timestamp'), 'variable.language.system.http'));
    assert.ok(has(scopesOf(lines, 3, '-1 d'), 'variable.parameter.system-argument.http'));
  });

  it('embeds JSON when the Content-Type says so, with variables inside strings', () => {
    const lines = tokenize(
      [
        'POST /x',
        'Content-Type: application/json; charset=utf-8',
        '',
        '{',
        '  "name": "{{user}}",',
        '  "n": 1',
        '}',
      ].join('\n'),
    );
    assert.ok(has(scopesOf(lines, 4, 'name'), 'string.quoted.double.json'));
    assert.ok(has(scopesOf(lines, 4, 'name'), 'meta.embedded.block.json'));
    assert.ok(has(scopesOf(lines, 4, 'user'), 'variable.other.http'), 'injection inside a JSON string');
    assert.ok(has(scopesOf(lines, 5, '1'), 'constant.numeric.json'));
  });

  it('embeds JSON by shape and XML by shape or Content-Type', () => {
    const byShape = tokenize(['POST /x', '', '["a"]'].join('\n'));
    assert.ok(has(scopesOf(byShape, 2, 'a'), 'meta.embedded.block.json'));
    const xml = tokenize(['POST /x', 'Content-Type: text/xml', '', '<a>b</a>'].join('\n'));
    assert.ok(has(scopesOf(xml, 3, '<a'), 'entity.name.tag.xml'));
    const xmlShape = tokenize(['POST /x', '', '<?xml version="1.0"?>'].join('\n'));
    assert.ok(xmlShape[2]?.every((t) => has(t.scopes, 'meta.embedded.block.xml')));
  });

  it('does not embed JSON for other content types', () => {
    const lines = tokenize(
      ['POST /x', 'Content-Type: application/x-www-form-urlencoded', '', 'a=1&b={{b}}'].join('\n'),
    );
    assert.ok(lines[3]?.every((t) => !has(t.scopes, 'meta.embedded')));
    assert.ok(has(scopesOf(lines, 3, 'b'), 'variable.other.http'));
  });

  it('ends an unterminated JSON body at the ### separator and parses the next request', () => {
    const lines = tokenize(
      ['POST /x', 'Content-Type: application/json', '', '{ "open": [', '###', 'GET /next'].join('\n'),
    );
    assert.ok(has(scopesOf(lines, 4, '###'), 'keyword.other.separator.http'));
    assert.ok(!has(scopesOf(lines, 4, '###'), 'meta.embedded'));
    assert.ok(has(scopesOf(lines, 5, 'GET'), 'keyword.control.method.http'));
  });

  it('scopes file references, response handlers and query continuation lines', () => {
    const lines = tokenize(
      [
        'POST /upload',
        '    ?a=1',
        '    &b={{bee}}',
        '',
        '< ./payload.json',
        '',
        '> {% client.global.set("t", 1) %}',
      ].join('\n'),
    );
    assert.ok(has(scopesOf(lines, 1, 'a'), 'entity.other.attribute-name.query.http'));
    assert.ok(has(scopesOf(lines, 2, 'bee'), 'variable.other.http'));
    assert.ok(has(scopesOf(lines, 4, '<'), 'keyword.operator.file-reference.http'));
    assert.ok(has(scopesOf(lines, 4, './payload.json'), 'string.unquoted.path.http'));
    assert.ok(has(scopesOf(lines, 6, 'client'), 'meta.embedded.block.javascript'));
  });
});
