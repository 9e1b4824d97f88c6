#!/usr/bin/env bash
# KNN top 10: Rekord on the search engine vs raw FT.SEARCH vs Rekord's portable engine (KnnBenchmark).
#   benchmarks/knn.sh [--docs 20000] [--queries 1000] [--portable-queries 20] [--rounds 3]
# Starts a redis-server with the RediSearch module (REDISEARCH_MODULE, default
# /work/shared/redisearch/redisearch.so) on a free port pinned to CPU ${SERVER_CPU:-1}, runs the JVM
# pinned to CPU ${CLIENT_CPU:-0}, prints a Markdown table, stops the server. SKIP_BUILD=1 skips mvn install;
# MAVEN_REPO_LOCAL names a local Maven repository other than the default.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/classpath.sh
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
DIR="$(mktemp -d)"
taskset -c "${SERVER_CPU:-1}" "${REDIS_SERVER:-redis-server}" --port "$PORT" --bind 127.0.0.1 --save '' \
  --appendonly no --dir "$DIR" --loglevel warning --loadmodule "$MODULE" >"$DIR/redis.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
echo "<!-- $(redis-server --version | head -1); RediSearch $(redis-cli -p "$PORT" module list | paste -sd ' '); load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ) -->"
taskset -c "${CLIENT_CPU:-0}" java -Xmx1g -cp "$CP" dev.rekord.benchmarks.KnnBenchmark --port "$PORT" "$@"
