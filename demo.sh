#!/usr/bin/env bash
# The demo: stores the world's cities (GeoNames, ~170k) with Rekord, reads some back and queries them.
#
# With REDIS_URL set (e.g. redis://localhost:6379) it uses that server, writing the
# keys {city}…, {country}… and rekord:schema:…; otherwise it starts a throwaway redis-server on a free port.
set -euo pipefail
cd "$(dirname "$0")"

if [[ -z "${REDIS_URL:-}" ]]; then
  scripts/ensure-redis.sh
fi
cities="$(scripts/fetch-cities.sh)"

# Maven 3.8 prints stray colour resets even with -q -B; keep them out of the demo's output.
mvn_quiet() {
  mvn -q -B -ntp "$@" 2>&1 | sed -u 's/\x1b\[0m//g'
}

echo "Building the demo ..." >&2
mvn_quiet -Dmaven.test.skip=true install -pl examples -am

mvn_quiet -pl examples exec:java -Dexec.args="${cities:+\"$cities\"}"
