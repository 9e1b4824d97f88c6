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

# A cold build takes a minute or so: show one line per module as Maven starts it, keep the rest in a
# log, and print the log's tail if the build fails. No tests, javadoc or sources jars: only the demo.
build_log="$(mktemp -t rekord-demo-build.XXXXXX)"
trap 'rm -f "$build_log"' EXIT
echo "Building the demo (a minute or so on a cold machine) ..." >&2
if ! mvn -B -ntp -Dmaven.test.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    install -pl examples -am 2>&1 | tee "$build_log" \
    | sed -un 's/\x1b\[[0-9;]*m//g; s/^\[INFO\] Building \(Rekord [^0-9]*\)[0-9].*\(\[[0-9]*\/[0-9]*\]\)$/  \2 \1/p' >&2 \
    || ! grep -q "BUILD SUCCESS" "$build_log"; then
  echo "The build failed; the end of its output:" >&2
  tail -n 40 "$build_log" >&2
  exit 1
fi

echo "Running the demo: the model is examples/src/main/java/dev/rekord/examples/cities/City.java" >&2
mvn_quiet -pl examples org.codehaus.mojo:exec-maven-plugin:java -Dexec.args="${cities:+\"$cities\"}"
