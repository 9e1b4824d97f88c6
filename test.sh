#!/usr/bin/env bash
# THE test command: builds every module and runs every test against real redis-server processes.
# Needs JDK 17+ and Maven; installs redis-server first when it is missing (Debian, as root).
# Extra arguments go to Maven, e.g. ./test.sh -pl runtime -am
set -euo pipefail
cd "$(dirname "$0")"

scripts/ensure-redis.sh
exec mvn -B -ntp install "$@"
