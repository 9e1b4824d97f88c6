#!/usr/bin/env bash
# Issue 10's memory question, measured outside the engine: 1,000,000 index members ("country-<k>\0m<n>",
# as a single-valued tag's entries) in one sorted set, as every index is kept today, against the same
# members in chunks of at most 127 (so each stays a listpack: zset-max-listpack-entries 128) found
# through a directory. Prints bytes per member (used_memory growth), the load's time (inserts in Lua,
# 10,000 a call) and the server's time for 40 walks of 50,000 members (commandstats).
#   benchmarks/chunked-index.sh [chunk size …]      (default: 127 64)
set -euo pipefail
cd "$(dirname "$0")/chunked-index"
SIZES=("$@"); [[ ${#SIZES[@]} -gt 0 ]] || SIZES=(127 64)
SERVER_CPU="${SERVER_CPU:-1}"
measure() { # layout [chunk size]
  local port; port=$(python3 ../free_port.py)
  taskset -c "$SERVER_CPU" "${REDIS_SERVER:-redis-server}" --port "$port" --save '' --appendonly no --daemonize yes \
    --logfile "/tmp/chunked-index-$port.log"
  until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.2; done
  local r=(redis-cli -p "$port") base used t0 t1
  base=$("${r[@]}" info memory | tr -d '\r' | sed -n 's/^used_memory://p')
  t0=$(date +%s%N)
  for ((k = 0; k < 100; k++)); do
    "${r[@]}" --eval "load_$1.lua" idx , $((k * 10000 + 1)) $(((k + 1) * 10000)) ${2:-} >/dev/null
  done
  t1=$(date +%s%N)
  used=$("${r[@]}" info memory | tr -d '\r' | sed -n 's/^used_memory://p')
  "${r[@]}" config resetstat >/dev/null
  for ((q = 0; q < 40; q++)); do
    "${r[@]}" --eval "walk_$1.lua" idx , "country-$((q % 20))" 50000 >/dev/null
  done
  printf '| %s | %d | %d | %s | %s |\n' "$1${2:+ (chunks of ≤ $2)}" $(((used - base) / 1000000)) \
    $(((t1 - t0) / 1000000)) "$("${r[@]}" dbsize)" \
    "$("${r[@]}" info commandstats | tr -d '\r' | sed -n 's/^cmdstat_eval:.*usec_per_call=\([0-9.]*\).*/\1/p')"
  "${r[@]}" shutdown nosave >/dev/null 2>&1 || true
}
echo "| layout | bytes per member | load of 1M, ms | keys | walk of 50,000, µs (server) |"
echo "|---|--:|--:|--:|--:|"
measure plain
for size in "${SIZES[@]}"; do measure chunked "$size"; done
