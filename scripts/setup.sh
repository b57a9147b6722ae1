#!/usr/bin/env bash
# Everything the extension, its tests and the demo need on a fresh Debian machine with Node 20:
# npm packages, Debian packages (as root; otherwise the exact command is printed), code-server
# (VS Code 1.99.3 from the npm registry, cached in .cache/code-server), and a fresh build + .vsix.
set -euo pipefail
cd "$(dirname "$0")/.."
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
if [ ! -d node_modules/.bin ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-progress
fi
bash scripts/ensure-deps.sh
bash scripts/install-code-server.sh
node esbuild.js --tests
npm run --silent package >/dev/null   # also builds dist/
echo "setup ok: dist/interview-prep.vsix built, code-server ready"
