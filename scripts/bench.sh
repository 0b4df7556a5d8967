#!/usr/bin/env bash
# `npm run bench`: builds, then runs the benchmarks inside a private network namespace (loopback only), as the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/build.ts
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  exec unshare -n bash -c 'ip link set lo up && npx tsx bench/phone-bench.ts && npx tsx bench/moments-bench.ts && npx tsx bench/opening-bench.ts && npx tsx bench/at-rest-bench.ts && npx tsx bench/state-delta-bench.ts && npx tsx bench/click-to-call-bench.ts && npx tsx bench/contacts-bench.ts && npx tsx bench/lamps-bench.ts && npx tsx bench/queues-bench.ts'
fi
echo "NOTE: no private network namespace here (needs root); the benchmark uses loopback only."
npx tsx bench/phone-bench.ts
npx tsx bench/moments-bench.ts
npx tsx bench/opening-bench.ts
npx tsx bench/at-rest-bench.ts
npx tsx bench/state-delta-bench.ts
npx tsx bench/click-to-call-bench.ts
npx tsx bench/contacts-bench.ts
npx tsx bench/lamps-bench.ts
npx tsx bench/queues-bench.ts
