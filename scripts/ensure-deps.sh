#!/usr/bin/env bash
# Makes sure the Debian packages the real-VS-Code tests need are present:
#   chromium      the browser Playwright drives (/usr/bin/chromium)
#   libkrb5-dev   headers for code-server's native kerberos module
#   pkg-config    used by node-gyp while rebuilding that module
#   ripgrep       VS Code's search (code-server's own rg download is skipped)
#   fonts-wqy-zenhei  CJK glyphs, so screenshots of the 简体中文 UI and notes are legible
#   golang-go     real Go: the oracle the channel simulator's golden programs are checked against
#   mariadb-server  real InnoDB: the oracle for the MVCC simulator's anomaly scripts
# As root: one `apt-get update`, then `apt-get install` of the missing ones.
# Otherwise: prints the exact command to run and exits 1.
set -euo pipefail
pkgs=(chromium libkrb5-dev pkg-config ripgrep fonts-wqy-zenhei golang-go mariadb-server)
missing=()
for p in "${pkgs[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps ok: ${pkgs[*]}"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]}" >&2
  echo "run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Packages must not start services here (mariadb-server would): the tests start their own throwaway server.
policy=/usr/sbin/policy-rc.d
made_policy=
if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; made_policy=1; fi
trap '[ -n "$made_policy" ] && rm -f "$policy"' EXIT
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
echo "deps ok: ${pkgs[*]}"
