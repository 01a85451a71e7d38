"""Places in the repository that tests read, named once so a test module can sit at any depth."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
PACKAGE = REPO / "server" / "oauth_http"
