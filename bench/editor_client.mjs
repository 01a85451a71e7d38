// The big-file figures, timed from a client built like VS Code's: vscode-jsonrpc over the server's
// stdio, decoding JSON in V8. Prints one JSON object of timings; bench/editor_bench.py reads it.
//
//   node bench/editor_client.mjs FILE OPENS EDITS HOVERS -- SERVER COMMAND...

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

import rpc from 'vscode-jsonrpc/node';

const [file, opens, edits, hovers, separator, ...server] = process.argv.slice(2);
if (separator !== '--' || server.length === 0) {
  throw new Error('usage: editor_client.mjs FILE OPENS EDITS HOVERS -- SERVER COMMAND...');
}
const text = readFileSync(file, 'utf8');
const lines = text.split('\n');
const root = pathToFileURL(dirname(file)).toString();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const child = spawn(server[0], server.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = rpc.createMessageConnection(
  new rpc.StreamMessageReader(child.stdout),
  new rpc.StreamMessageWriter(child.stdin),
);
connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
connection.onRequest('oauthHttp/getSecret', () => ({ value: null }));
connection.onRequest(() => null); // codeLens/refresh and the rest: acknowledged
connection.onNotification(() => undefined);
connection.listen();

await connection.sendRequest('initialize', { processId: process.pid, rootUri: root, capabilities: {} });
await connection.sendNotification('initialized', {});
await sleep(1000); // an idle second: the server imports its handlers after initialized

const timed = async (action) => {
  const started = performance.now();
  const result = await action();
  return [performance.now() - started, result];
};

// A new URI for each open: a first open, with nothing to reuse from an earlier parse. The first
// one also lets the server find that the provider holds no token, so every open after it answers
// 20,000 lenses (Send, and Authorize on each signed request); the first answers 10,000.
const openMs = [];
const lensCounts = [];
let uri = '';
for (let run = 0; run < Number(opens); run += 1) {
  if (uri !== '') {
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await sleep(500);
  }
  uri = pathToFileURL(`${file}.${run}.http`).toString();
  const [ms, lenses] = await timed(async () => {
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'http', version: 1, text },
    });
    return connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  });
  openMs.push(ms);
  lensCounts.push(lenses.length);
  await sleep(500);
}

const middle = Math.floor(lines.length / 2);
const editMs = [];
for (let version = 2; version < 2 + Number(edits); version += 1) {
  const position = { line: middle, character: 0 };
  const [ms] = await timed(async () => {
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: position, end: position }, text: '# edited\n' }],
    });
    return connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  });
  editMs.push(ms);
  await sleep(300); // as between keystrokes: the debounced diagnostics run here
}

const hoverLine = lines.findIndex((line, index) => index > middle + Number(edits) && line.includes('{{'));
const hoverPosition = { line: hoverLine, character: lines[hoverLine].indexOf('{{') + 3 };
const hoverMs = [];
for (let run = 0; run < Number(hovers); run += 1) {
  const [ms] = await timed(() =>
    connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverPosition }),
  );
  hoverMs.push(ms);
}

const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
process.stdout.write(
  JSON.stringify({
    openMs,
    lensCounts,
    openMedianMs: median(openMs),
    editMedianMs: median(editMs),
    hoverMedianMs: median(hoverMs),
    rssMb,
  }) + '\n',
);
