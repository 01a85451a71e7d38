/**
 * The response panel's speed in a real VS Code (code-server and Debian's Chromium, driven like
 * the end-to-end tests, with the extension installed from its .vsix): for each body, the time
 * from the record arriving in the panel's webview to the body painted (first paint, complete)
 * and the longest task that blocked the webview meanwhile.
 *
 * A bench-only HTTP server (`bench/panel_bodies.py`) serves the bodies; each case is a `.http`
 * file in the test workspace, sent with its "Send request" CodeLens. The workspace sets
 * `oauthHttp.responseSizeLimitMB` to 5, so bodies over 5 MB arrive cut, their full body in a file.
 * The cases take turns, three rounds; the table gives medians, the targets are judged on the
 * worst run. Run through `make bench` (bench/panel_bench.py checks the installs and the .vsix
 * first), or with Node 24: `node bench/panel_bench.mjs [words]` (only the cases whose names hold
 * one of the words). `PANEL_BENCH_DETAIL=1` also traces what ran inside each task (scripts, GC,
 * layout, paint) and prints the content of each run's longest task after first paint.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

import { installPanelProbe, panelTiming, syncMarkName } from '../tests/e2e/harness/panelTiming.mjs';
import { rendererTasks, startRendererTrace } from '../tests/e2e/harness/rendererTasks.mjs';
import { REPO_ROOT, VENV_PYTHON } from '../tests/e2e/harness/paths.mjs';
import { startGroup, stopGroup } from '../tests/e2e/harness/processes.mjs';
import { Session } from '../tests/e2e/harness/session.mjs';

const MB = 1024 * 1024;
const SIZE_LIMIT_MB = 5;
const ROUNDS = 3;
/** The body counts as complete once it has not changed for this long. */
const QUIET_MS = 1_000;
/** PANEL_BENCH_DETAIL=1: trace what ran inside each task and print the longest one's content. */
const DETAIL = process.env.PANEL_BENCH_DETAIL === '1';

/** The measured cases, in order; `path` is what bench/panel_bodies.py serves. */
const CASES = [
  { name: 'JSON 1 MB', file: 'json-1mb.http', path: `/json/${1 * MB}` },
  { name: 'JSON 6 MB, cut at 5 MB', file: 'json-6mb.http', path: `/json/${6 * MB}` },
  { name: 'JSON 50 MB, cut at 5 MB', file: 'json-50mb.http', path: `/json/${50 * MB}` },
  { name: 'JSON 10,000 deep (20 KB)', file: 'deep-10000.http', path: '/deep/10000' },
  { name: 'JSON array of 125,000 items (250 KB)', file: 'flat-125k.http', path: '/flat/125000' },
];
const WARM_UP = { name: 'warm-up', file: 'warm-up.http', path: '/json/4096' };

/** The cases whose names contain one of the command line's arguments (all without arguments). */
function selectedCases() {
  const squeeze = (text) => text.toLowerCase().replace(/[\s,]+/g, '');
  const wanted = process.argv.slice(2).map(squeeze);
  return CASES.filter(
    ({ name }) => wanted.length === 0 || wanted.some((word) => squeeze(name).includes(word)),
  );
}

function requestFile(base, { name, path: route }) {
  return `### ${name}\nGET ${base}${route}\nAccept: application/json\n`;
}

/** Starts the body server; resolves with `{ child, base }` once it listens. */
async function startBodyServer(logFile) {
  const child = startGroup(VENV_PYTHON, ['-m', 'bench.panel_bodies'], {
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
    cwd: REPO_ROOT,
    logFile,
    pipeStdout: true,
  });
  const base = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`the body server did not start: ${text}`)), 20_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  // Build the big bodies now, so the first request for each does not time their creation.
  for (const { path: route } of CASES) {
    await fetch(`${base}${route}`).then((response) => response.arrayBuffer());
  }
  return { child, base };
}

/** The longest renderer task during the render, and after its first paint (null: no trace). */
function longestTasks(tasks, { arrival, firstPaint, complete }) {
  if (tasks === undefined) {
    return { tracedLongest: null, tracedLongestAfterFirstPaint: null };
  }
  const during = tasks.filter((task) => task.start + task.duration > arrival && task.start < complete);
  const longest = (list) => list.reduce((most, task) => Math.max(most, task.duration), 0);
  return {
    tracedLongest: longest(during),
    tracedLongestAfterFirstPaint:
      firstPaint === null ? null : longest(during.filter((task) => task.start >= firstPaint)),
  };
}

function ms(value) {
  return value === null ? 'never' : `${Math.round(value)} ms`;
}

function size(bytes) {
  return bytes < MB ? `${Math.round(bytes / 1024)} KB` : `${(bytes / MB).toFixed(1)} MB`;
}

function describeBody({ chars, size: whole, truncated }) {
  return truncated ? `${size(chars)} of ${size(whole)}` : size(chars);
}

/** The median of the runs' values; null (never reached) counts as the largest. */
function median(values) {
  const sorted = values.map((value) => value ?? Infinity).sort((a, b) => a - b);
  const middle = sorted[Math.floor(sorted.length / 2)];
  return middle === Infinity ? null : middle;
}

function worst(values) {
  return values.includes(null) ? null : Math.max(...values);
}

function printTable(results) {
  const header = [
    'body',
    'record holds',
    'shown',
    'first paint',
    'complete',
    'longest task',
    'worst',
    'frame gap',
  ];
  const rows = results.map(({ name, runs }) => {
    const values = (key) => runs.map((run) => run[key]);
    return [
      name,
      describeBody(runs[0].body),
      runs[0].shownChars === null ? '-' : size(runs[0].shownChars),
      ms(median(values('firstPaint'))),
      ms(median(values('complete'))),
      `${ms(median(values('tracedLongest')))} / ${ms(median(values('tracedLongestAfterFirstPaint')))}`,
      ms(worst(values('tracedLongestAfterFirstPaint'))),
      ms(median(values('longestFrameGap'))),
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells) =>
    cells
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  console.log(line(header));
  for (const row of rows) {
    console.log(line(row));
  }
  console.log(`medians of ${ROUNDS} runs, the cases taking turns (worst: the worst run, after first paint)`);
  console.log('shown: the characters of text in the body tab once complete (pretty-printed, labels too)');
  console.log('first paint, complete: from the record arriving in the webview to the end of the frame that');
  console.log('  painted its first body text / its last change to the body');
  console.log(
    "longest task: of the webview's renderer thread (from a trace), during the whole render / after",
  );
  console.log("  first paint; in code-server that thread is the workbench's too, and GC pauses count");
  console.log('frame gap: the longest time between two frames after first paint');
}

/** The targets, judged on the worst run. */
function printTargets(results) {
  const verdict = (value, limit) => (value !== null && value <= limit ? 'met' : 'NOT met');
  const cut = results.find((result) => result.name.startsWith('JSON 6 MB'));
  if (cut !== undefined) {
    const firstPaint = worst(cut.runs.map((run) => run.firstPaint));
    console.log(
      `target first paint <= 500 ms at 5 MB: worst run ${ms(firstPaint)}, ${verdict(firstPaint, 500)}`,
    );
  }
  const afterPaint = worst(
    results.flatMap(({ runs }) => runs.map((run) => run.tracedLongestAfterFirstPaint)),
  );
  console.log(
    `target no task over 100 ms after first paint: worst run ${ms(afterPaint)}, ${verdict(afterPaint, 100)}`,
  );
}

/**
 * Sends the request in `file` with its CodeLens and times the panel's rendering of the response;
 * the renderer is traced from the click to the end of the render.
 */
async function measure(wb, file) {
  await wb.openFile(file);
  await installPanelProbe(await wb.panel.frame(), { quietMs: QUIET_MS });
  const previous = await wb.panel.shownRecordId();
  const trace = await startRendererTrace(wb.page, { detail: DETAIL });
  await wb.clickCodeLens('Send request');
  const { frame, id } = await wb.waitForNewRecord(previous, { timeoutMs: 180_000 });
  const timing = await panelTiming(frame, id);
  const tasks = rendererTasks(await trace.stop(), syncMarkName(id), timing.at.sync);
  let inLongest = null;
  if (DETAIL && tasks !== undefined) {
    const { firstPaint, complete } = timing.at;
    const after = tasks.filter((task) => task.start >= firstPaint && task.start < complete);
    const longest = after.sort((a, b) => b.duration - a.duration)[0];
    inLongest = longest === undefined ? null : `${ms(longest.duration)}: ${longest.inside().join('; ')}`;
  }
  return { ...timing, ...longestTasks(tasks, timing.at), inLongest };
}

async function main() {
  const started = Date.now();
  const logs = path.join(REPO_ROOT, 'tests', 'e2e', 'artifacts', 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const bodies = await startBodyServer(path.join(logs, 'bench-bodies.log'));
  let session;
  try {
    const workspaceFiles = {
      '.vscode/settings.json': `${JSON.stringify({ 'oauthHttp.responseSizeLimitMB': SIZE_LIMIT_MB }, null, 2)}\n`,
    };
    for (const benchCase of [WARM_UP, ...CASES]) {
      workspaceFiles[benchCase.file] = requestFile(bodies.base, benchCase);
    }
    session = await Session.start({ logPrefix: 'bench', workspaceFiles });
    const wb = session.workbench;
    await wb.openFile(WARM_UP.file);
    await wb.clickCodeLens('Send request');
    await wb.waitForNewRecord(null, { timeoutMs: 180_000 });
    const results = selectedCases().map((benchCase) => ({ ...benchCase, runs: [] }));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const result of results) {
        const timing = await measure(wb, result.file);
        console.error(
          `# ${result.name} (${round}/${ROUNDS}): first paint ${ms(timing.firstPaint)}, complete ${ms(timing.complete)}`,
        );
        if (timing.inLongest !== null) {
          console.error(`#   the longest task after first paint, ${timing.inLongest}`);
        }
        result.runs.push(timing);
      }
    }
    printTable(results);
    printTargets(results);
    console.log(
      `(code-server and Chromium on this machine; ${Math.round((Date.now() - started) / 1000)} s in all)`,
    );
  } catch (error) {
    await session?.captureFailure('panel-bench');
    throw error;
  } finally {
    await session?.stop();
    await stopGroup(bodies.child);
  }
}

await main();
