#!/usr/bin/env bash
# Every test of the project, in order from fastest to slowest: type check, lint, format, build, the Firefox
# build's lint, end-to-end tests. Tests that open ports run inside a private network namespace (loopback, and a veth
# pair that stays inside it: scripts/private-network.sh), so nothing they start can reach or be reached from outside
# this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test/artifacts
# The reliability suite writes its figures here; a figure from an earlier run must not pass for this one's.
rm -rf test/artifacts/reliability

step() { printf '\n== %s\n' "$*"; }

step "type check"
npx tsc -p .

step "lint"
npx eslint .

step "format (Prettier, 120 columns; npx prettier --write . mends it)"
npx prettier --check .

step "build"
npx tsx scripts/build.ts --zip

step "web-ext lint (Firefox build)"
npx web-ext lint --source-dir dist/firefox --self-hosted --output text --warnings-as-errors=false

step "unit, end-to-end and reliability tests"
runner=(npx vitest run --reporter=default --reporter=json --outputFile=test/artifacts/vitest.json)
if [ "$(id -u)" = 0 ] && unshare -n -m true 2>/dev/null; then
  unshare -n -m bash scripts/private-network.sh "${runner[@]}" || status=$?
else
  echo "NOTE: cannot create a private network namespace here (needs root and unshare);"
  echo "      running the tests in this machine's network namespace. They use loopback only."
  "${runner[@]}" || status=$?
fi
npx tsx scripts/test-summary.ts test/artifacts/vitest.json
exit "${status:-0}"
