import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { developmentVenv, executable, launchPaths, layoutOf, serverLaunch } from '../src/launchPlan';
import { probePython } from '../src/processProbe';
import {
  chooseInterpreter,
  describeFailure,
  isSupported,
  parseVersion,
  type InterpreterSources,
  type ProbeResult,
} from '../src/python';

function sources(versions: Record<string, ProbeResult>, extra: Partial<InterpreterSources> = {}) {
  const probed: string[] = [];
  const result: InterpreterSources = {
    configured: () => undefined,
    developmentVenv: () => undefined,
    pythonExtension: () => Promise.resolve(undefined),
    probe: (command) => {
      probed.push(command);
      return Promise.resolve(versions[command] ?? { ok: false, reason: 'was not found' });
    },
    pathNames: ['python3', 'python'],
    ...extra,
  };
  return { result, probed };
}

const ok = (version: string): ProbeResult => ({ ok: true, version: `${version}\n` });

describe('interpreter selection', () => {
  it('uses the setting when it is set, and only the setting', async () => {
    const { result, probed } = sources(
      { '/opt/py/bin/python': ok('3.12.1'), python3: ok('3.11.7') },
      { configured: () => '/opt/py/bin/python', pythonExtension: () => Promise.resolve('/ext/python') },
    );
    const choice = await chooseInterpreter(result);
    assert.ok(choice.ok);
    assert.equal(choice.command, '/opt/py/bin/python');
    assert.equal(choice.origin, 'setting');
    assert.deepEqual(probed, ['/opt/py/bin/python']);
  });

  it('reports a configured interpreter that is too old instead of falling back', async () => {
    const { result } = sources(
      { '/old/python': ok('3.8.18'), python3: ok('3.11.7') },
      { configured: () => '/old/python' },
    );
    const choice = await chooseInterpreter(result);
    assert.equal(choice.ok, false);
    assert.equal(choice.fromSetting, true);
    const message = describeFailure(choice);
    assert.match(
      message,
      /\/old\/python \(the oauthHttp\.python\.interpreter setting\) is Python 3\.8\.18; 3\.10 or newer is needed/,
    );
    assert.match(message, /Set oauthHttp\.python\.interpreter to a Python 3\.10\+ interpreter/);
  });

  it("prefers the Python extension's interpreter to PATH", async () => {
    const { result, probed } = sources(
      { '/ext/python': ok('3.13.0'), python3: ok('3.11.7') },
      { pythonExtension: () => Promise.resolve('/ext/python') },
    );
    const choice = await chooseInterpreter(result);
    assert.ok(choice.ok && choice.command === '/ext/python' && choice.origin === 'python-extension');
    assert.deepEqual(probed, ['/ext/python']);
  });

  it('falls back from an unusable Python extension interpreter to python3, then python', async () => {
    const first = sources(
      { '/ext/python': ok('3.9.18'), python3: ok('3.10.13') },
      { pythonExtension: () => Promise.resolve('/ext/python') },
    );
    const choice = await chooseInterpreter(first.result);
    assert.ok(choice.ok && choice.command === 'python3');
    assert.equal(choice.rejected[0]?.candidate.command, '/ext/python');
    const second = sources({ python: ok('3.12.0') });
    const fallback = await chooseInterpreter(second.result);
    assert.ok(fallback.ok && fallback.command === 'python');
    assert.deepEqual(second.probed, ['python3', 'python']);
  });

  it("puts the repository's .venv first during development", async () => {
    const { result } = sources(
      { '/repo/.venv/bin/python': ok('3.11.7'), '/ext/python': ok('3.13.0') },
      {
        developmentVenv: () => '/repo/.venv/bin/python',
        pythonExtension: () => Promise.resolve('/ext/python'),
      },
    );
    const choice = await chooseInterpreter(result);
    assert.ok(choice.ok && choice.origin === 'development');
  });

  it('explains every candidate when none fits, with the fix', async () => {
    const { result } = sources({ python3: ok('3.9.18'), python: { ok: true, version: 'Python 2.7.18' } });
    const choice = await chooseInterpreter(result);
    assert.equal(choice.ok, false);
    const message = describeFailure(choice);
    assert.match(message, /python3 \(PATH\) is Python 3\.9\.18/);
    assert.match(message, /python \(PATH\) printed "Python 2\.7\.18" instead of a version/);
    assert.match(message, /Install Python 3\.10 or newer, or set oauthHttp\.python\.interpreter/);
  });

  it('parses and compares versions', () => {
    assert.deepEqual(parseVersion(' 3.10.13\n'), [3, 10, 13]);
    assert.equal(parseVersion('3.10'), undefined);
    assert.equal(isSupported([3, 10, 0]), true);
    assert.equal(isSupported([3, 9, 99]), false);
    assert.equal(isSupported([4, 0, 0]), true);
    assert.equal(isSupported([2, 7, 18]), false);
  });
});

describe('probePython (runs real interpreters)', () => {
  it('reads the version of the python3 on PATH', async () => {
    const result = await probePython('python3');
    assert.ok(result.ok, JSON.stringify(result));
    assert.ok(parseVersion(result.version) !== undefined, result.version);
  });

  it('says when the interpreter does not exist', async () => {
    assert.deepEqual(await probePython('/nonexistent/python3'), { ok: false, reason: 'was not found' });
  });

  it('reports a program that fails', async () => {
    const result = await probePython('false');
    assert.equal(result.ok, false);
  });

  const old = ['/root/.pyenv/versions/3.9.18/bin/python', '/usr/bin/python3.9'].find((p) => fs.existsSync(p));
  it(
    'rejects a real Python older than 3.10',
    { skip: old === undefined ? 'no Python 3.9 on this machine' : false },
    async () => {
      const choice = await chooseInterpreter({
        configured: () => old,
        developmentVenv: () => undefined,
        pythonExtension: () => Promise.resolve(undefined),
        probe: probePython,
        pathNames: [],
      });
      assert.equal(choice.ok, false);
      assert.match(choice.rejected[0]?.reason ?? '', /is Python 3\.9\.\d+; 3\.10 or newer is needed/);
    },
  );
});

describe('launch plan', () => {
  const root = path.join(os.tmpdir(), 'ext root');
  const paths = launchPaths(root);

  it('runs launch.py from the bundle when bundled/libs exists', () => {
    assert.equal(
      layoutOf(paths, (file) => file === paths.bundledLibs),
      'bundled',
    );
    const launch = serverLaunch('/usr/bin/python3', 'bundled', paths, {});
    assert.equal(launch.command, '/usr/bin/python3');
    assert.deepEqual(launch.args, [path.join(root, 'extension', 'python', 'launch.py')]);
    assert.equal(launch.env.PYTHONPATH, undefined);
    assert.equal(launch.env.PYTHONUNBUFFERED, '1');
  });

  it('runs the module from server/ during development, keeping an existing PYTHONPATH', () => {
    assert.equal(
      layoutOf(paths, () => false),
      'development',
    );
    const launch = serverLaunch('python3', 'development', paths, { PYTHONPATH: '/x' });
    assert.deepEqual(launch.args, ['-m', 'oauth_http', 'serve']);
    assert.equal(launch.env.PYTHONPATH, `${path.join(root, 'server')}${path.delimiter}/x`);
  });

  it("finds the repository's .venv interpreter for the platform", () => {
    const seen: string[] = [];
    const exists = (file: string) => (seen.push(file), true);
    assert.equal(developmentVenv('/repo', 'linux', exists, path.posix), '/repo/.venv/bin/python');
    assert.equal(
      developmentVenv('C:\\repo', 'win32', exists, path.win32),
      'C:\\repo\\.venv\\Scripts\\python.exe',
    );
    assert.equal(
      developmentVenv('/repo', 'linux', () => false, path.posix),
      undefined,
    );
  });

  it('hands the language client exactly these arguments, with no transport flag added', () => {
    const launch = serverLaunch('/usr/bin/python3', 'bundled', paths, {});
    const run = executable(launch, { PATH: '/usr/bin', PYTHONUNBUFFERED: '0' });
    assert.equal(run.transport, undefined, 'a transport would make the client append --stdio');
    assert.deepEqual(run.args, launch.args);
    const env = run.options?.env as Record<string, string>;
    assert.equal(env.PATH, '/usr/bin');
    assert.equal(env.PYTHONUNBUFFERED, '1');
  });
});
