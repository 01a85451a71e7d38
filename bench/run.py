"""`make bench`: every benchmark, one after the other, each in a fresh process, printing figures.

A fresh process per section keeps one section's leftovers (a bigger heap, warm caches, threads)
from shifting another's figures: the LSP benchmarks time their client too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = (
    ("parser", ("parse_bench",)),
    ("language server", ("editor_bench",)),
    ("sending", ("send_bench", "lsp_send_bench")),
    ("soak", ("soak_bench",)),
    ("response panel in VS Code (code-server + Chromium)", ("panel_bench",)),
)


def main() -> None:
    for number, (title, modules) in enumerate(SECTIONS):
        print(f"{'' if number == 0 else chr(10)}== {title}", flush=True)
        for module in modules:
            subprocess.run([sys.executable, "-m", f"bench.{module}"], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
