#!/usr/bin/env bash
# Issue 11's proof: Rekord on the search engine vs raw FT.SEARCH by hand vs Rekord's portable engine,
# the same documents, one run (SearchEngineBenchmark).
#   benchmarks/search.sh [--docs 100000] [--queries 500] [--knn-queries 100] [--portable-knn 3] [--rounds 5] [--load-threads 1]
# Starts two redis-servers on free ports, both pinned to CPU ${SERVER_CPU:-1}: one with the RediSearch
# module (REDISEARCH_MODULE, default /work/shared/redisearch/redisearch.so; a test/bench-only tool)
# for the search engine and the raw side, one without for the portable engine; runs the JVM pinned to
# CPU ${CLIENT_CPU:-0}; prints Markdown tables; stops the servers. SKIP_BUILD=1 skips mvn install;
# MAVEN_REPO_LOCAL names a local Maven repository other than the default; RUNTIME_JAR runs against another
# build of rekord-runtime (a before/after comparison: the jar of the commit before a change).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/classpath.sh
if [[ -n "${RUNTIME_JAR:-}" ]]; then
  CP="$(tr ':' '\n' <<<"$CP" | sed "s|.*/rekord-runtime-[^/]*\.jar\$|$RUNTIME_JAR|" | paste -sd:)"
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
DIR="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$DIR"' EXIT
trap "exit 130" INT TERM HUP PIPE
start_server() { # PORT NAME [options…]
  local port="$1" name="$2"
  shift 2
  mkdir -p "$DIR/$name"
  taskset -c "${SERVER_CPU:-1}" "${REDIS_SERVER:-redis-server}" --port "$port" --bind 127.0.0.1 --save '' \
    --appendonly no --dir "$DIR/$name" --loglevel warning "$@" >"$DIR/$name/redis.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && return; sleep 0.1; done
  echo "redis-server on port $port did not start" >&2
  exit 1
}
SEARCH_PORT="$(free_port)"
start_server "$SEARCH_PORT" search --loadmodule "$MODULE"
PORTABLE_PORT="$(free_port)"
start_server "$PORTABLE_PORT" portable
echo "<!-- $(redis-server --version | head -1); RediSearch $(redis-cli -p "$SEARCH_PORT" module list | paste -sd ' '); $(java -version 2>&1 | head -1);${RUNTIME_JAR:+ runtime $RUNTIME_JAR;} servers on CPU ${SERVER_CPU:-1}, JVM on CPU ${CLIENT_CPU:-0}; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ) -->"
taskset -c "${CLIENT_CPU:-0}" java -Xms1g -Xmx2g -XX:+UseParallelGC -cp "$CP" dev.rekord.benchmarks.SearchEngineBenchmark \
  --port "$SEARCH_PORT" --portable-port "$PORTABLE_PORT" "$@"
echo "<!-- load at the end $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ) -->"
