#!/usr/bin/env bash
# The demo: stores the world's cities (GeoNames, ~170k) with Rekord and reads some back.
#
# With REDIS_URL set (e.g. redis://localhost:6379) it uses that server, writing keys under the
# prefixes city: and country:; otherwise it starts a throwaway redis-server on a free port.
set -euo pipefail
cd "$(dirname "$0")"

if [[ -z "${REDIS_URL:-}" ]]; then
  scripts/ensure-redis.sh
fi
cities="$(scripts/fetch-cities.sh)"

echo "Building the demo ..." >&2
mvn -q -B -ntp -Dstyle.color=never -Dmaven.test.skip=true install -pl examples -am

exec mvn -q -B -ntp -Dstyle.color=never -pl examples exec:java -Dexec.args="${cities:+\"$cities\"}"
