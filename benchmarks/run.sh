#!/usr/bin/env bash
# Rekord vs raw Jedis, side by side in one run. Not part of ./test.sh.
#   benchmarks/run.sh [--docs 100000] [--ops 20000] [--queries 5000] [--rounds 5]
# Starts its own redis-server (no persistence) on a free port pinned to CPU 1, runs the
# benchmark JVM pinned to CPU 0, prints Markdown tables, stops the server.
# Env: REDIS_SERVER (default: redis-server on PATH), SERVER_CPU (1), CLIENT_CPU (0), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  mvn -q -B -ntp -DskipTests install -pl benchmarks -am
fi
CLASSPATH_="$(mvn -q -o -B -ntp -pl benchmarks exec:exec -Dexec.executable=echo -Dexec.args=%classpath -Dstyle.color=never | sed "s/\x1b\[[0-9;]*m//g" | tail -1)"

# Snapshot the classpath: the machine is shared, and a concurrent build of runtime/ (or a
# `mvn clean`) must not pull classes from under a run that takes minutes.
SNAP="$(mktemp -d)"
SNAP_CP=""
i=0
IFS=':' read -ra ENTRIES <<<"$CLASSPATH_"
for entry in "${ENTRIES[@]}"; do
  i=$((i + 1))
  if [[ -d "$entry" ]]; then
    cp -r "$entry" "$SNAP/$i"
    SNAP_CP="${SNAP_CP:+$SNAP_CP:}$SNAP/$i"
  elif [[ -f "$entry" ]]; then
    cp "$entry" "$SNAP/$i.jar"
    SNAP_CP="${SNAP_CP:+$SNAP_CP:}$SNAP/$i.jar"
  fi
done
CLASSPATH_="$SNAP_CP"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
DIR="$(mktemp -d)"
taskset -c "${SERVER_CPU:-1}" "${REDIS_SERVER:-redis-server}" --port "$PORT" --bind 127.0.0.1 \
  --save '' --appendonly no --dir "$DIR" --daemonize no --loglevel warning >"$DIR/redis.log" 2>&1 &
REDIS_PID=$!
trap 'kill "$REDIS_PID" 2>/dev/null; wait "$REDIS_PID" 2>/dev/null; rm -rf "$DIR" "$SNAP"' EXIT
for _ in $(seq 50); do
  redis-cli -p "$PORT" ping >/dev/null 2>&1 && break
  sleep 0.1
done

echo "<!-- $(redis-server --version | head -1); $(java -version 2>&1 | head -1); $(nproc) CPUs; server on CPU ${SERVER_CPU:-1}, JVM on CPU ${CLIENT_CPU:-0}; $(date -u +%F) -->"
taskset -c "${CLIENT_CPU:-0}" java -Xms1g -Xmx2g -XX:+UseParallelGC -cp "$CLASSPATH_" \
  dev.rekord.benchmarks.Benchmark --port "$PORT" "$@"
