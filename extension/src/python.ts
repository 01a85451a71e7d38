/**
 * Chooses the Python interpreter that runs the language server, and checks it is new enough.
 *
 * Order: the `oauthHttp.python.interpreter` setting (when set, it is the only candidate, so a
 * wrong path is reported instead of silently replaced); else the repository's `.venv` during
 * development; else the Python extension's active environment; else `python3`, then `python`
 * on PATH. Where candidates come from and how one is run are seams (`InterpreterSources`).
 */

export const MINIMUM_PYTHON: readonly [number, number] = [3, 10];

/** Prints the interpreter's version as `major.minor.micro` on stdout. */
export const VERSION_SCRIPT = 'import sys; print("%d.%d.%d" % sys.version_info[:3])';

export type InterpreterOrigin = 'setting' | 'development' | 'python-extension' | 'path';

export interface Candidate {
  command: string;
  origin: InterpreterOrigin;
}

export type ProbeResult = { ok: true; version: string } | { ok: false; reason: string };

export interface InterpreterSources {
  /** The setting's value, or undefined when it is empty. */
  configured(): string | undefined;
  /** The repository's `.venv` interpreter when running from a source checkout, if it exists. */
  developmentVenv(): string | undefined;
  /** The Python extension's active interpreter, or undefined (not installed, none selected). */
  pythonExtension(): Promise<string | undefined>;
  /** Runs `command -c VERSION_SCRIPT`. */
  probe(command: string): Promise<ProbeResult>;
  /** Names to try on PATH, in order. */
  pathNames: readonly string[];
}

export interface Rejected {
  candidate: Candidate;
  reason: string;
}

export type InterpreterChoice =
  | { ok: true; command: string; version: string; origin: InterpreterOrigin; rejected: Rejected[] }
  | { ok: false; fromSetting: boolean; rejected: Rejected[] };

/** `[major, minor, micro]` from the probe's output, or undefined when it is not a version. */
export function parseVersion(output: string): [number, number, number] | undefined {
  const match = /^\s*(\d+)\.(\d+)\.(\d+)\s*$/.exec(output);
  if (match === null) {
    return undefined;
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function isSupported(version: readonly number[]): boolean {
  const [major = 0, minor = 0] = version;
  return major > MINIMUM_PYTHON[0] || (major === MINIMUM_PYTHON[0] && minor >= MINIMUM_PYTHON[1]);
}

function minimumText(): string {
  return `${MINIMUM_PYTHON[0]}.${MINIMUM_PYTHON[1]}`;
}

async function check(sources: InterpreterSources, candidate: Candidate): Promise<ProbeResult> {
  const probed = await sources.probe(candidate.command);
  if (!probed.ok) {
    return probed;
  }
  const version = parseVersion(probed.version);
  if (version === undefined) {
    return { ok: false, reason: `printed "${probed.version.trim()}" instead of a version` };
  }
  if (!isSupported(version)) {
    return { ok: false, reason: `is Python ${version.join('.')}; ${minimumText()} or newer is needed` };
  }
  return { ok: true, version: version.join('.') };
}

async function candidates(sources: InterpreterSources): Promise<Candidate[]> {
  const list: Candidate[] = [];
  const venv = sources.developmentVenv();
  if (venv !== undefined) {
    list.push({ command: venv, origin: 'development' });
  }
  const fromExtension = await sources.pythonExtension();
  if (fromExtension !== undefined) {
    list.push({ command: fromExtension, origin: 'python-extension' });
  }
  for (const name of sources.pathNames) {
    list.push({ command: name, origin: 'path' });
  }
  return list;
}

export async function chooseInterpreter(sources: InterpreterSources): Promise<InterpreterChoice> {
  const configured = sources.configured();
  const list: Candidate[] =
    configured !== undefined ? [{ command: configured, origin: 'setting' }] : await candidates(sources);
  const rejected: Rejected[] = [];
  for (const candidate of list) {
    const result = await check(sources, candidate);
    if (result.ok) {
      const { command, origin } = candidate;
      return { ok: true, command, version: result.version, origin, rejected };
    }
    rejected.push({ candidate, reason: result.reason });
  }
  return { ok: false, fromSetting: configured !== undefined, rejected };
}

const ORIGIN_NAMES: Record<InterpreterOrigin, string> = {
  setting: 'the oauthHttp.python.interpreter setting',
  development: "the repository's .venv",
  'python-extension': "the Python extension's environment",
  path: 'PATH',
};

/** The one notification shown when no interpreter fits: what was tried, and the fix. */
export function describeFailure(choice: Extract<InterpreterChoice, { ok: false }>): string {
  const tried = choice.rejected
    .map(({ candidate, reason }) => {
      return `${candidate.command} (${ORIGIN_NAMES[candidate.origin]}) ${reason}`;
    })
    .join('; ');
  const fix = choice.fromSetting
    ? `Set oauthHttp.python.interpreter to a Python ${minimumText()}+ interpreter, or clear it to search PATH.`
    : `Install Python ${minimumText()} or newer, or set oauthHttp.python.interpreter to its path.`;
  return `OAuth HTTP needs Python ${minimumText()} or newer to run its language server. Tried: ${tried}. ${fix}`;
}
