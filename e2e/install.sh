#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3; the last release that runs on Node 20) into
# e2e/node_modules for the extension's end-to-end test (test/e2e/vscode.test.ts). Idempotent: does
# nothing when code-server is already installed. Needs Debian's ripgrep, and libkrb5-dev and
# pkg-config for code-server's native kerberos module (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")"
if [ -x node_modules/.bin/code-server ]; then
  echo "e2e: code-server already installed"
  exit 0
fi
# @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here. It first looks
# in its cache in os.tmpdir(), so seed that with Debian's rg (the version and target names come from
# code-server 4.100.3's lib/vscode/npm-shrinkwrap.json).
RG=$(command -v rg || true)
if [ -z "$RG" ]; then
  echo "e2e/install.sh: ripgrep (rg) is missing: apt-get install -y ripgrep" >&2
  exit 1
fi
CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
mkdir -p "$CACHE"
tar czf "$CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$RG")" "$(basename "$RG")"
# unsafe_perm: code-server's postinstall refuses to run as root without it. yes: node-pty's
# postinstall runs `npx node-gyp`, which a user npmrc with yes=false would cancel.
export npm_config_unsafe_perm=true npm_config_yes=true
npm ci --no-audit --no-fund
test -x node_modules/.bin/code-server
echo "e2e: code-server installed"
