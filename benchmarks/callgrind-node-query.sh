#!/usr/bin/env bash
# Server instructions per query of the portable engine, 16 buckets against 1, measured with
# callgrind on redis-server (repeatable on a shared machine, unlike time): the query scripts as
# the runtime in RUNTIME_CLASSES builds them (default runtime/target/classes, printed by
# benchmarks/target/classes' ScriptSource: run `mvn -o install -pl benchmarks -am -DskipTests`
# first; point RUNTIME_CLASSES at another checkout's to compare), a
# plain server for 1 bucket and a cluster-enabled one owning every slot for 16 (its redis.call
# pays the cluster checks, as on a real cluster). Prints "CG <label> buckets=<n> <query> <instr>".
#   benchmarks/callgrind-node-query.sh [label]
set -euo pipefail
cd "$(dirname "$0")/.."
LABEL="${1:-this}"
CLASSES="${RUNTIME_CLASSES:-runtime/target/classes}"
WORK="$(mktemp -d)"
# the standard layout's scripts as that runtime joins them (ScriptSource: benchmarks/target/classes)
java -cp "$CLASSES:benchmarks/target/classes" dev.rekord.benchmarks.ScriptSource query > "$WORK/QUERY.lua"
java -cp "$CLASSES:benchmarks/target/classes" dev.rekord.benchmarks.ScriptSource nodeQuery > "$WORK/NODE_QUERY.lua"
for buckets in 1 16; do
  port=$(python3 benchmarks/free_port.py) # its cluster bus port (+10000) free and valid too
  extra=()
  if [[ $buckets -gt 1 ]]; then
    mkdir -p "$WORK/n$port"
    extra=(--cluster-enabled yes --cluster-config-file "$WORK/n$port/nodes.conf")
  fi
  valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out.%p" redis-server --port "$port" --save '' --appendonly no --hz 1 "${extra[@]}" >/dev/null 2>&1 &
  server=$!
  until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.5; done
  if [[ $buckets -gt 1 ]]; then
    redis-cli -p "$port" CLUSTER ADDSLOTSRANGE 0 16383 >/dev/null
    until redis-cli -p "$port" CLUSTER INFO | grep -q cluster_state:ok; do sleep 0.5; done
  fi
  python3 benchmarks/callgrind-node-query.py "$LABEL" "$port" "$buckets" "$WORK/NODE_QUERY.lua" "$WORK/QUERY.lua" "$server" "$WORK" | cut -c1-72
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  wait "$server" || true
done
rm -rf "$WORK"
