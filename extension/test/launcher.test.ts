import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..', '..');
const venvPython = path.join(root, '.venv', 'bin', 'python');

/** An extension folder with the real launch.py and a stand-in oauth_http in bundled/libs. */
function fakeExtension(withBundle: boolean): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth http ext é '));
  fs.mkdirSync(path.join(folder, 'extension', 'python'), { recursive: true });
  fs.copyFileSync(
    path.join(root, 'extension', 'python', 'launch.py'),
    path.join(folder, 'extension', 'python', 'launch.py'),
  );
  if (withBundle) {
    const cli = path.join(folder, 'bundled', 'libs', 'oauth_http', 'cli');
    fs.mkdirSync(cli, { recursive: true });
    fs.writeFileSync(path.join(folder, 'bundled', 'libs', 'oauth_http', '__init__.py'), '');
    fs.writeFileSync(path.join(cli, '__init__.py'), '');
    fs.writeFileSync(
      path.join(cli, 'main.py'),
      'import json, sys\ndef main(argv):\n    print(json.dumps({"argv": argv, "first": sys.path[0]}))\n    return 3\n',
    );
  }
  return folder;
}

describe('extension/python/launch.py', () => {
  it('puts bundled/libs first on sys.path and runs "serve" with the extra arguments', () => {
    const folder = fakeExtension(true);
    const run = spawnSync(
      'python3',
      [path.join(folder, 'extension', 'python', 'launch.py'), '--log-level', 'INFO'],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 3, run.stderr);
    const printed = JSON.parse(run.stdout) as { argv: string[]; first: string };
    assert.deepEqual(printed.argv, ['serve', '--log-level', 'INFO']);
    assert.equal(fs.realpathSync(printed.first), fs.realpathSync(path.join(folder, 'bundled', 'libs')));
  });

  it('says what is missing when there is no bundle', () => {
    const folder = fakeExtension(false);
    const run = spawnSync('python3', [path.join(folder, 'extension', 'python', 'launch.py')], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /the bundled libraries are missing/);
  });
});

describe(
  'extension/python/bundle.py',
  { skip: fs.existsSync(venvPython) ? false : 'needs the repository .venv (make venv)' },
  () => {
    it('plans pure packages for every supported Python and the compiled ones for this platform', () => {
      const run = spawnSync(venvPython, [path.join(root, 'extension', 'python', 'bundle.py'), '--plan'], {
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      const plan = JSON.parse(run.stdout) as { pure: string[]; native: string[]; skipped: string[] };
      assert.deepEqual(plan.native, ['cffi', 'cryptography']);
      for (const name of [
        'pygls',
        'lsprotocol',
        'requests',
        'requests-oauthlib',
        'oauthlib',
        'pyjwt',
        'keyring',
        'exceptiongroup',
      ]) {
        assert.ok(plan.pure.includes(name), `${name} (exceptiongroup is for Python 3.10 only, yet bundled)`);
      }
      if (process.platform === 'linux') {
        assert.ok(plan.skipped.includes('pywin32-ctypes'));
        assert.ok(plan.pure.includes('secretstorage'));
      }
    });
  },
);

describe('extension/python/requirements.txt', () => {
  it('pins, with hashes, exactly the versions pyproject.toml pins', () => {
    const pyproject = fs.readFileSync(path.join(root, 'pyproject.toml'), 'utf8');
    const dependencies = /^dependencies = \[\n([\s\S]*?)\n\]/m.exec(pyproject)?.[1] ?? '';
    const pins = [...dependencies.matchAll(/"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^"]+)"/g)].map((m) => [
      (m[1] ?? '').toLowerCase(),
      m[2],
    ]);
    assert.ok(pins.length >= 5);
    const requirements = fs.readFileSync(path.join(root, 'extension', 'python', 'requirements.txt'), 'utf8');
    for (const [name, version] of pins) {
      assert.match(
        requirements,
        new RegExp(`^${name}==${version?.replace(/\./g, '\\.')} `, 'm'),
        `${name}==${version}`,
      );
    }
    const entries = requirements.split('\n').filter((line) => /^[a-z0-9]/i.test(line));
    assert.ok(
      entries.every((line) => /^[A-Za-z0-9_.-]+==\S+/.test(line)),
      'every entry pinned with ==',
    );
    assert.ok(
      !/^\S+==.*\n\S/m.test(requirements.replace(/ \\\n\s+--hash/g, ' --hash')),
      'every entry has hashes',
    );
  });
});
