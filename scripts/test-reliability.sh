#!/usr/bin/env bash
# The reliability suite alone (issue #16: faults injected on purpose, with figures), on the built extension, inside a
# private network namespace as `npm test` runs it. `npm test` runs it too; this is for working on it.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test/artifacts
rm -rf test/artifacts/reliability
npx tsx scripts/build.ts
runner=(npx vitest run --project reliability --reporter=default --reporter=json --outputFile=test/artifacts/reliability-vitest.json)
if [ "$(id -u)" = 0 ] && unshare -n -m true 2>/dev/null; then
  unshare -n -m bash scripts/private-network.sh "${runner[@]}" || status=$?
else
  "${runner[@]}" || status=$?
fi
npx tsx scripts/test-summary.ts test/artifacts/reliability-vitest.json
exit "${status:-0}"
