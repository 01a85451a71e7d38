"""Starts the OAuth HTTP language server from the extension's bundled libraries.

The packaged extension ships the server and its dependencies in `bundled/libs` (next to the
`extension/` folder). This script puts that folder first on `sys.path`, so the bundled versions
win over anything installed in the user's interpreter, then runs `oauth-http serve` on stdio.
Extra arguments are passed on (for example `--log-level INFO`).
"""

from __future__ import annotations

import os
import sys

EXTENSION_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUNDLED_LIBS = os.path.join(EXTENSION_ROOT, "bundled", "libs")


def main() -> int:
    if sys.version_info < (3, 10):  # noqa: UP036 (any python on PATH may run this script)
        version = ".".join(str(part) for part in sys.version_info[:3])
        sys.stderr.write(f"OAuth HTTP needs Python 3.10 or newer; this is Python {version}.\n")
        return 2
    if not os.path.isdir(BUNDLED_LIBS):
        sys.stderr.write(f"OAuth HTTP: the bundled libraries are missing: {BUNDLED_LIBS}\n")
        return 2
    sys.path.insert(0, BUNDLED_LIBS)
    from oauth_http.cli.main import main as oauth_http_main

    return oauth_http_main(["serve", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
