#!/usr/bin/env bash
# What the server spends per native command of an index write or read, without Rekord: the floor
# under issue 10's save, load and list targets. A fresh redis-server on a free port pinned to
# CPU 1 (SERVER_CPU), redis-benchmark pinned to CPU 0 (CLIENT_CPU), pipelines of 50 on one
# connection. For each command: FLUSHALL, N calls into one growing key (HSET: N new keys),
# members drawn at random (as given ids land), then INFO commandstats' microseconds per call.
# Then the walk of a tag's index: ZRANGE … BYLEX of 5,000 members at a time over the first
# 100,000 members of the N-member lexical set (each chunk starting after the last member read),
# in microseconds per member.
#   benchmarks/command-cost.sh [N]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
port=$(python3 benchmarks/free_port.py)
taskset -c "${SERVER_CPU:-1}" redis-server --port "$port" --save '' --appendonly no >/dev/null 2>&1 &
server=$!
trap 'redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; wait "$server" || true' EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.2; done
cli() { redis-cli -p "$port" "$@"; }

# name, command, the commandstats entry to read
measure() {
  local name=$1 stat=$2; shift 2
  cli flushall >/dev/null
  cli config resetstat >/dev/null
  taskset -c "${CLIENT_CPU:-0}" redis-benchmark -p "$port" -n "$N" -r 100000000 -P 50 -c 1 -q "$@" >/dev/null
  printf '%-40s %6s µs per call\n' "$name" \
    "$(cli info commandstats | tr -d '\r' | grep "^cmdstat_$stat:" | sed 's/.*usec_per_call=\([0-9.]*\).*/\1/')"
}

echo "N = $N, members at random"
measure "HSET, a new key of 8 fields" hset hset 'bench:__rand_int__' name abcdefghij city London \
  country UK age 42 score 1234 email abc@example.com joined 1700000000 bio hellohellohello
measure "SADD into one set" sadd sadd s '01JB__rand_int__'
measure "ZADD, a number index (score, id)" zadd zadd z __rand_int__ '01JB__rand_int__'
measure "ZADD, a tag index (0, 'value\\0id')" zadd zadd z 0 'country\x00UK\x0001JB__rand_int__'

# the lexical set the last measure left, walked as a list() walks it
cli config resetstat >/dev/null
last='-'
for _ in $(seq 1 20); do
  out=$(cli zrange z "$last" + BYLEX LIMIT 0 5000)
  last="($(tail -1 <<<"$out")"
done
usec=$(cli info commandstats | tr -d '\r' | grep '^cmdstat_zrange:' | sed 's/.*usec=\([0-9]*\),.*/\1/')
printf '%-40s %6s µs per member\n' "ZRANGE BYLEX walk, 5,000 a call" "$(python3 -c "print(round($usec / 100000, 3))")"
