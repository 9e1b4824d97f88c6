#!/usr/bin/env bash
# Rekord vs raw Jedis and RediSearch, side by side in one run. Not part of ./test.sh.
#   benchmarks/run.sh [--docs 100000] [--ops 20000] [--queries 5000] [--batches 200] [--repeats 5] [--rounds 5] [--only reads,saves,…] [--layout compact]
#   benchmarks/run.sh --cluster [--docs 100000] [--ops 10000] [--queries 500] [--rounds 5] [--buckets 1,4,16,64]
#   benchmarks/run.sh --toolkit [--ops 5000] [--rounds 5]
#   benchmarks/run.sh --production [--docs 10000] [--ops 20000] [--rounds 5]
# Starts its own redis-server (no persistence) on a free port pinned to CPU 1, runs the
# benchmark JVM pinned to CPU 0, prints Markdown tables, stops the server.
# Standalone mode also starts a second redis-server with the RediSearch module (REDISEARCH_MODULE,
# default /work/shared/redisearch/redisearch.so — a test/bench-only tool, loaded from there and never
# copied into the repository), pinned like the first, as the peer of the memory and page rows; without
# the file those rows are skipped with a message. After the benchmark, dev.rekord.benchmarks.HeapProbe
# runs in its own small JVM (PROBE_HEAP, default 512m) against the data left on the server.
# --cluster: also starts a Redis Cluster of 3 masters, no replicas (CLUSTER_MASTERS, default 3),
# every node pinned to the same CPU as the standalone server, and compares standalone with cluster
# (dev.rekord.benchmarks.ClusterBenchmark).
# --toolkit: the toolkit against raw Jedis (dev.rekord.benchmarks.ToolkitBenchmark: mget/mset of 100
# keys, a cache hit, a rate-limiter check) on the standalone server only.
# --production: async findById with 64 in flight vs sync on 64 threads, and the overhead of metrics on
# save and findById (dev.rekord.benchmarks.ProductionBenchmark; the standalone server only).
# Env: REDIS_SERVER (default: redis-server on PATH), SERVER_CPU (1), CLIENT_CPU (0), SKIP_BUILD=1,
# REDISEARCH_MODULE, PROBE_HEAP, WARMUP_SECONDS (the least warm-up of each compared row, default 3:
# SideBySide.WARMUP_NANOS), JVM_OPTS (more options for the benchmark JVM, e.g.
# -XX:StartFlightRecording=filename=/tmp/bench.jfr,settings=profile).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  mvn -q -B -ntp -DskipTests install -pl benchmarks -am
fi
CLASSPATH_="$(mvn -q -o -B -ntp -pl benchmarks exec:exec -Dexec.executable=echo -Dexec.args=%classpath -Dstyle.color=never | sed "s/\x1b\[[0-9;]*m//g" | grep -v "^[[:space:]]*$" | tail -1)"

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

CLUSTER=0
TOOLKIT=0
PRODUCTION=0
ARGS=()
for arg in "$@"; do
  if [[ "$arg" == --cluster ]]; then CLUSTER=1
  elif [[ "$arg" == --toolkit ]]; then TOOLKIT=1
  elif [[ "$arg" == --production ]]; then PRODUCTION=1
  else ARGS+=("$arg"); fi
done

# A free port whose cluster bus port (+10000) is free too.
free_port() {
  python3 benchmarks/free_port.py
}
DIR="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$DIR" "$SNAP"
}
trap cleanup EXIT
trap "exit 130" INT TERM HUP PIPE  # so EXIT runs and no redis-server is left behind
# start_server PORT NAME [extra redis-server options…]
start_server() {
  local port="$1" name="$2"
  shift 2
  mkdir -p "$DIR/$name"
  taskset -c "${SERVER_CPU:-1}" "${REDIS_SERVER:-redis-server}" --port "$port" --bind 127.0.0.1 \
    --save '' --appendonly no --dir "$DIR/$name" --daemonize no --loglevel warning "$@" \
    >"$DIR/$name/redis.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && return
    sleep 0.1
  done
  echo "redis-server on port $port did not start" >&2
  exit 1
}

PORT="$(free_port)"
start_server "$PORT" standalone

MAIN=dev.rekord.benchmarks.Benchmark
EXTRA=()
if [[ "$TOOLKIT" == 1 ]]; then
  MAIN=dev.rekord.benchmarks.ToolkitBenchmark
elif [[ "$PRODUCTION" == 1 ]]; then
  MAIN=dev.rekord.benchmarks.ProductionBenchmark
elif [[ "$CLUSTER" == 1 ]]; then
  NODES=()
  for n in $(seq "${CLUSTER_MASTERS:-3}"); do
    p="$(free_port)"
    start_server "$p" "node$n" --cluster-enabled yes --cluster-config-file nodes.conf \
      --cluster-node-timeout 5000
    NODES+=("127.0.0.1:$p")
  done
  redis-cli --cluster create "${NODES[@]}" --cluster-replicas 0 --cluster-yes >"$DIR/create.log" 2>&1
  for _ in $(seq 100); do
    ok=1
    for node in "${NODES[@]}"; do
      redis-cli -p "${node##*:}" cluster info | grep -q 'cluster_state:ok' || ok=0
    done
    [[ "$ok" == 1 ]] && break
    sleep 0.1
  done
  MAIN=dev.rekord.benchmarks.ClusterBenchmark
  EXTRA=(--cluster "$(IFS=,; echo "${NODES[*]}")")
else
  MODULE="${REDISEARCH_MODULE:-/work/shared/redisearch/redisearch.so}"
  if [[ -f "$MODULE" ]]; then
    SEARCH_PORT="$(free_port)"
    start_server "$SEARCH_PORT" search --loadmodule "$MODULE"
    EXTRA=(--search-port "$SEARCH_PORT")
    echo "<!-- RediSearch: $MODULE ($(redis-cli -p "$SEARCH_PORT" module list | paste -sd ' ')) -->"
  else
    echo "<!-- RediSearch module not found at $MODULE (set REDISEARCH_MODULE): the RediSearch rows are skipped -->"
  fi
fi

echo "<!-- $(redis-server --version | head -1); $(java -version 2>&1 | head -1); $(nproc) CPUs; server(s) on CPU ${SERVER_CPU:-1}, JVM on CPU ${CLIENT_CPU:-0}; $(date -u +%F) -->"
# shellcheck disable=SC2086 # JVM_OPTS: options for the benchmark JVM, split on spaces (e.g. a JFR recording)
taskset -c "${CLIENT_CPU:-0}" java -Xms1g -Xmx2g -XX:+UseParallelGC -Drekord.bench.warmupSeconds="${WARMUP_SECONDS:-3}" ${JVM_OPTS:-} -cp "$CLASSPATH_" \
  "$MAIN" --port "$PORT" "${EXTRA[@]}" "${ARGS[@]}"
if [[ "$CLUSTER" == 0 && "$TOOLKIT" == 0 && "$PRODUCTION" == 0 ]]; then
  echo "#### Heap of a large read (\`HeapProbe\`, its own JVM: -Xmx${PROBE_HEAP:-512m}, ParallelGC)"
  echo
  taskset -c "${CLIENT_CPU:-0}" java -Xmx"${PROBE_HEAP:-512m}" -XX:+UseParallelGC -cp "$CLASSPATH_" \
    dev.rekord.benchmarks.HeapProbe --port "$PORT" "${ARGS[@]}"
fi
