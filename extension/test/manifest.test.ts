import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { Command } from '../src/commandIds';
import {
  ClientNotification,
  ClientRequest,
  ServerCommand,
  ServerNotification,
  ServerRequest,
} from '../src/protocol';

const root = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

interface Manifest {
  name: string;
  publisher: string;
  displayName: string;
  main: string;
  engines: { vscode: string };
  capabilities: {
    untrustedWorkspaces: {
      supported: boolean | 'limited';
      description: string;
      restrictedConfigurations: string[];
    };
  };
  activationEvents: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  contributes: {
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: {
      language: string;
      scopeName: string;
      path: string;
      embeddedLanguages: Record<string, string>;
    }[];
    commands: { command: string; title: string; category: string }[];
    keybindings: { command: string; key: string; mac: string; when: string }[];
    configuration: {
      properties: Record<
        string,
        { default?: unknown; description?: string; markdownDescription?: string; scope?: string }
      >;
    };
  };
}

const manifest = JSON.parse(read('package.json')) as Manifest;

describe('package.json', () => {
  it('names the extension and its entry point', () => {
    assert.equal(manifest.publisher, 'oauth-http');
    assert.equal(manifest.name, 'oauth-http');
    assert.equal(manifest.displayName, 'OAuth HTTP');
    assert.equal(manifest.engines.vscode, '^1.91.0');
    assert.equal(manifest.main, './out/extension.js');
  });

  it('pins every npm package to an exact version', () => {
    for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      assert.match(version, /^\d+\.\d+\.\d+$/, name);
    }
    assert.equal(manifest.devDependencies['@types/vscode'], '1.91.0', 'types no newer than the engine');
  });

  it('declares every palette command in the OAuth category, with activation and the send keybinding', () => {
    const declared = new Map(manifest.contributes.commands.map((c) => [c.command, c]));
    for (const id of Object.values(Command)) {
      assert.equal(declared.get(id)?.category, 'OAuth', id);
      assert.ok(manifest.activationEvents.includes(`onCommand:${id}`), id);
    }
    assert.equal(declared.size, Object.values(Command).length);
    assert.ok(manifest.activationEvents.includes('onLanguage:http'));
    const titles = manifest.contributes.commands.map((c) => c.title).sort();
    assert.deepEqual(titles, [
      'Authorize provider',
      'Restart server',
      'Select environment',
      'Send all requests in file',
      'Send request',
      'Show response panel',
      'Sign out of provider',
    ]);
    const key = manifest.contributes.keybindings.find((k) => k.command === Command.send);
    assert.deepEqual([key?.key, key?.mac], ['ctrl+alt+r', 'cmd+alt+r']);
    assert.match(key?.when ?? '', /editorLangId == http/);
  });

  it("does not reuse the server's command ids (vscode-languageclient registers those)", () => {
    const serverIds = new Set<string>(Object.values(ServerCommand));
    for (const id of Object.values(Command)) {
      assert.ok(!serverIds.has(id), id);
    }
  });

  it('declares the settings with defaults and descriptions', () => {
    const properties = manifest.contributes.configuration.properties;
    const expected: Record<string, unknown> = {
      'oauthHttp.python.interpreter': '',
      'oauthHttp.environment': '',
      'oauthHttp.timeoutSeconds': 30,
      'oauthHttp.responseSizeLimitMB': 5,
      'oauthHttp.maxResponseMB': 200,
      'oauthHttp.trace.server': 'off',
    };
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      assert.equal(properties[key]?.default, value, key);
      assert.ok(
        (properties[key]?.description ?? properties[key]?.markdownDescription ?? '').length > 20,
        key,
      );
    }
    assert.equal(properties['oauthHttp.environment']?.scope, 'resource');
  });

  it('supports Restricted Mode in part, and the workspace cannot choose the interpreter', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.match(untrusted.description, /sends no request and authorizes no provider until you trust/);
    // The settings that choose a program, a path or where requests go; the others are limits
    // (time, sizes), the log level, or the name of an environment of the workspace's own files.
    assert.deepEqual(untrusted.restrictedConfigurations, ['oauthHttp.python.interpreter']);
    const properties = manifest.contributes.configuration.properties;
    for (const key of untrusted.restrictedConfigurations) {
      assert.ok(key in properties, key);
    }
    // `machine`: only the user's (or the remote machine's) settings, never a workspace's.
    assert.equal(properties['oauthHttp.python.interpreter']?.scope, 'machine');
    for (const [key, property] of Object.entries(properties)) {
      assert.notEqual(property.scope, 'machine-overridable', key);
    }
  });

  it('registers the http language for .http and .rest with its grammar and configuration', () => {
    const language = manifest.contributes.languages.find((l) => l.id === 'http');
    assert.deepEqual(language?.extensions, ['.http', '.rest']);
    const configuration = JSON.parse(read(language.configuration)) as {
      comments: { lineComment: string };
      autoClosingPairs: { open: string }[];
    };
    assert.equal(configuration.comments.lineComment, '#');
    assert.ok(configuration.autoClosingPairs.some((p) => p.open === '{{'));
    const grammar = manifest.contributes.grammars.find((g) => g.language === 'http');
    assert.equal(grammar?.scopeName, 'source.http');
    assert.deepEqual(grammar.embeddedLanguages, {
      'meta.embedded.block.json': 'json',
      'meta.embedded.block.xml': 'xml',
    });
    assert.equal((JSON.parse(read(grammar.path)) as { scopeName: string }).scopeName, 'source.http');
  });
});

/** The Python side of the protocol: methods.py, and the response record it re-exports from the core. */
const PYTHON_PROTOCOL_FILES = [
  'server/oauth_http/lsp/methods.py',
  'server/oauth_http/sending/record_types.py',
];

/** `NAME = "value"` constants and TypedDict field names, read from PYTHON_PROTOCOL_FILES. */
function pythonProtocol() {
  const source = PYTHON_PROTOCOL_FILES.map(read).join('\n');
  const constants = new Map(
    [...source.matchAll(/^([A-Z_]+) = "([^"]+)"$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  const classes = new Map<string, string[]>();
  for (const block of source.split(/^class /m).slice(1)) {
    const name = /^(\w+)\(TypedDict/.exec(block)?.[1];
    if (name !== undefined) {
      classes.set(name, [...block.matchAll(/^ {4}(\w+): /gm)].map((m) => m[1] ?? '').sort());
    }
  }
  return { constants, classes };
}

/** The field names of each exported interface in protocol.ts. */
function typescriptInterfaces(): Map<string, string[]> {
  const source = read('extension/src/protocol.ts');
  const interfaces = new Map<string, string[]>();
  for (const match of source.matchAll(/export interface (\w+) \{([^}]*)\}/g)) {
    const fields = [...(match[2] ?? '').matchAll(/^\s+(\w+)\??: /gm)].map((m) => m[1] ?? '').sort();
    interfaces.set(match[1] ?? '', fields);
  }
  return interfaces;
}

describe('protocol.ts mirrors server/oauth_http/lsp/methods.py and sending/record_types.py', () => {
  const python = pythonProtocol();

  it('has the same method and command names', () => {
    const ours = new Set<string>([
      ...Object.values(ServerCommand),
      ...Object.values(ClientRequest),
      ...Object.values(ClientNotification),
      ...Object.values(ServerNotification),
      ...Object.values(ServerRequest),
    ]);
    assert.deepEqual([...python.constants.values()].sort(), [...ours].sort());
  });

  it('has the same fields in every payload type', () => {
    const ours = typescriptInterfaces();
    assert.ok(python.classes.size >= 10, 'methods.py was read');
    assert.ok(python.classes.has('ResponseRecord'), 'sending/record_types.py was read');
    for (const [name, fields] of python.classes) {
      assert.deepEqual(ours.get(name), fields, name);
    }
  });
});
