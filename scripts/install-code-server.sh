#!/usr/bin/env bash
# Installs code-server (VS Code 1.99.3 in the browser) without any download other than the
# npm registry: no GitHub prebuilt binaries (ripgrep comes from Debian, see ensure-deps.sh).
#
#   scripts/install-code-server.sh [DEST]      DEST defaults to <repo>/.cache/code-server
#
# Idempotent: returns at once when DEST/package/.installed exists. About 300 MB, ~1 min with a
# warm npm cache. Needs Node.js 20, g++/make/python3 and the Debian packages libkrb5-dev,
# pkg-config, ripgrep (run scripts/ensure-deps.sh first). CODE_SERVER_VERSION overrides 4.99.4
# (4.99.x is the last line whose server runs on Node 20).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dest=${1:-$here/../.cache/code-server}
version=${CODE_SERVER_VERSION:-4.99.4}
mkdir -p "$dest" && dest=$(cd "$dest" && pwd)

if [ -f "$dest/package/out/node/entry.js" ] && [ -f "$dest/package/.installed" ]; then
  installed=$(node -p "require('$dest/package/package.json').version" 2>/dev/null || echo '?')
  if [ "$installed" = "$version" ]; then
    echo "code-server $version already in $dest"
    exit 0
  fi
  echo "code-server $installed in $dest, want $version: reinstalling"
fi

command -v rg >/dev/null || { echo "ripgrep (rg) is missing: run scripts/ensure-deps.sh" >&2; exit 1; }
pkg-config --exists krb5-gssapi 2>/dev/null || echo "warning: libkrb5-dev not found (scripts/ensure-deps.sh)" >&2

export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# A half-finished earlier attempt leaves package/ without .installed: start over.
rm -rf "$dest/package" "$dest"/code-server-*.tgz
cd "$dest"
echo "installing code-server $version into $dest (about a minute with a warm npm cache)"
npm pack "code-server@$version" --silent >/dev/null
tar xzf "code-server-$version.tgz" && rm "code-server-$version.tgz"
cd package
npm install --omit=dev --ignore-scripts --no-package-lock >/dev/null
npm rebuild argon2 >/dev/null
cd lib/vscode
npm install --omit=dev --ignore-scripts >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild >/dev/null
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --ignore-scripts >/dev/null)
touch ../../.installed
echo "code-server $version installed in $dest/package (run: node $dest/package/out/node/entry.js)"
