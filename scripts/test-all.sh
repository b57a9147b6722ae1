#!/usr/bin/env bash
# `npm test`: every test layer, in one command — unit (mocha in Node), in-host (mocha inside a
# real VS Code: code-server), UI (Playwright + Debian Chromium driving code-server), and the UI
# suite once more with the extension in the web worker extension host.
# Installs what it needs on first run (scripts/setup.sh). Fails if any layer fails.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; echo "total: 0 passed, 1 failed"; exit 1; }

status=0
summaries=()
mkdir -p test-results

echo "== typecheck"
if npx tsc -p . --noEmit; then summaries+=("typecheck: ok"); else summaries+=("typecheck: FAILED"); status=1; fi

echo "== unit tests (mocha, Node)"
npx mocha --reporter spec 'out/test/unit/**/*.test.js' 2>&1 | tee test-results/unit.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
unit_passed=$(grep -oE '^\s*[0-9]+ passing' test-results/unit.log | grep -oE '[0-9]+' || echo 0)
unit_failed=$(grep -oE '^\s*[0-9]+ failing' test-results/unit.log | grep -oE '[0-9]+' || echo 0)
summaries+=("unit: ${unit_passed} passed, ${unit_failed} failed")

echo "== in-host tests (real VS Code: code-server)"
node scripts/run-host-tests.mjs 2>&1 | tee test-results/host.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
summaries+=("$(grep -E '^host: ' test-results/host.log | tail -1 || echo 'host: did not report')")

echo "== UI tests (Playwright + Chromium driving code-server)"
node test/e2e/ui.test.mjs 2>&1 | tee test-results/ui.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
summaries+=("$(grep -E '^ui: ' test-results/ui.log | tail -1 || echo 'ui: did not report')")

echo "== UI tests again, the extension in the browser's web worker extension host (its browser entry)"
UI_EXTENSION_HOST=web node test/e2e/ui.test.mjs 2>&1 | tee test-results/ui-web.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
summaries+=("$(grep -E '^ui: ' test-results/ui-web.log | tail -1 | sed 's/^ui:/ui (web worker host):/' || echo 'ui (web worker host): did not report')")

echo
echo "== summary"
passed=0
failed=0
for line in "${summaries[@]}"; do
  echo "  $line"
  if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
  elif [[ $line == *FAILED* || $line == *"did not report"* ]]; then
    failed=$((failed + 1))
  fi
done
[ "$failed" -eq 0 ] || status=1
echo "total: ${passed} passed, ${failed} failed"
exit $status
