#!/usr/bin/env bash
# THE test command: builds every module and runs every test against real redis-server processes.
# Needs JDK 17+ and Maven; installs redis-server first when it is missing (Debian, as root).
# Extra arguments go to Maven, e.g. ./test.sh -pl runtime -am
set -euo pipefail
cd "$(dirname "$0")"

scripts/ensure-redis.sh

# The Redis Query Engine tests load RediSearch from ../shared/redisearch (test-only, never shipped).
# Without it they are skipped, so say so loudly instead of letting the count of tests shrink quietly.
if [[ -z "${REKORD_SEARCH_MODULE:-}" && -f ../shared/redisearch/redisearch.so ]]; then
  export REKORD_SEARCH_MODULE="$(cd ../shared/redisearch && pwd)/redisearch.so"
fi
if [[ -z "${REKORD_SEARCH_MODULE:-}" ]]; then
  echo "WARNING: no RediSearch module (set REKORD_SEARCH_MODULE or put shared/ beside the checkout):" >&2
  echo "         the search-engine tests will be skipped." >&2
fi
exec mvn -B -ntp install "$@"
