#!/usr/bin/env bash
# The compact index layout's sorted set (runtime's compact_set.lua: chunks of at most 128 entries,
# each a listpack, found through a directory) against one plain sorted set, as every index is kept
# today, for 1,000,000 entries of three shapes: a single-valued tag's ('country-<k>\0m<n>', 50
# values), a number's ('m<n>' scored 18..99, many ties) and the all-ids set ('m<n>'). Prints per
# shape and layout the bytes per entry (used_memory growth), the load's time (inserts from Lua in a
# scattered order, 10,000 a call), the keys, and the server's µs per call (commandstats, 200 calls
# each) of a count of one value (ZLEXCOUNT / ZCOUNT of ages 30..40 / ZCARD), a page of 20 at
# offset 0 and at offset 10,000 of that range (a plain set read by rank, as the engine reads it;
# the last column: the plain set's ZRANGE … BYLEX/BYSCORE LIMIT instead, at both offsets), and one
# entry written and removed; every chunk's OBJECT ENCODING is counted (on stderr).
# Then the memory benchmark's data set (dev.rekord.benchmarks.CompactMemory): FourIndexMembers saved
# by Rekord, used_memory per document, then with its five index sets rewritten as compact sets.
#   benchmarks/compact-set.sh    (SERVER_CPU 1, CLIENT_CPU 0; REDIS_SERVER; SKIP_BUILD=1 to reuse
#                                 the last build; MEMBERS: the data set's sizes, "20000 100000";
#                                 MEMBERS= : the first table only, no Maven build, ~1 minute)
set -euo pipefail
cd "$(dirname "$0")"
SCRIPT="$(cat ../runtime/src/main/resources/dev/rekord/internal/engine/portable/compact_set.lua compact-set/driver.lua)"
SERVER_CPU="${SERVER_CPU:-1}"
port=
trap '[[ -z "$port" ]] || redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true' EXIT
CLIENT_CPU="${CLIENT_CPU:-0}"

usec() { # the µs per call of the last commands (EVALSHA), after a CONFIG RESETSTAT
  "${r[@]}" info commandstats | tr -d '\r' | sed -n 's/^cmdstat_evalsha:.*usec_per_call=\([0-9.]*\).*/\1/p'
}
calls() { # op args…: 200 calls, in one redis-cli reading them from its input
  "${r[@]}" config resetstat >/dev/null
  for ((c = 0; c < 200; c++)); do echo "EVALSHA $sha 1 idx $* "; done | "${r[@]}" >/dev/null
  usec
}

measure() { # shape layout
  port=$(python3 free_port.py)
  taskset -c "$SERVER_CPU" "${REDIS_SERVER:-redis-server}" --port "$port" --save '' --appendonly no --daemonize yes \
    --logfile "/tmp/compact-set-$port.log"
  r=(redis-cli -p "$port")
  until "${r[@]}" ping >/dev/null 2>&1; do sleep 0.2; done
  sha=$("${r[@]}" script load "$SCRIPT")
  local base used t0 t1
  base=$("${r[@]}" info memory | tr -d '\r' | sed -n 's/^used_memory:\([0-9]*\)$/\1/p')
  t0=$(date +%s%N)
  for ((k = 0; k < 100; k++)); do
    "${r[@]}" evalsha "$sha" 1 idx load "$2" "$1" $((k * 10000 + 1)) $(((k + 1) * 10000)) >/dev/null
  done
  t1=$(date +%s%N)
  used=$("${r[@]}" info memory | tr -d '\r' | sed -n 's/^used_memory:\([0-9]*\)$/\1/p')
  local limit=—
  [[ "$2" == compact ]] || limit="$(calls zrange "$2" "$1" country-7 0) / $(calls zrange "$2" "$1" country-7 10000)"
  printf '| %s | %s | %d | %d | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" $(((used - base) / 1000000)) \
    $(((t1 - t0) / 1000000)) "$("${r[@]}" dbsize)" "$(calls count "$2" "$1" country-7)" \
    "$(calls page "$2" "$1" country-7 0)" "$(calls page "$2" "$1" country-7 10000)" \
    "$(calls write "$2" "$1" 123456)" "$limit"
  if [[ "$2" == compact ]]; then
    echo "  ($1: chunks by encoding: $("${r[@]}" evalsha "$sha" 1 idx encodings compact "$1"))" >&2
  fi
  "${r[@]}" shutdown nosave >/dev/null 2>&1 || true
  port=
}

echo "| shape | layout | bytes per entry | load of 1M, ms | keys | count, µs | page at 0, µs | page at 10,000, µs | write + remove, µs | plain ZRANGE BY… LIMIT at 0 / 10,000, µs |"
echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"
for shape in tag num ids; do
  for layout in plain compact; do measure "$shape" "$layout"; done
done

MEMBERS="${MEMBERS-20000 100000}"
[[ -n "$MEMBERS" ]] || exit 0
cd .. && source benchmarks/classpath.sh && cd benchmarks # builds the benchmarks module (unless SKIP_BUILD=1), sets CP
echo
echo "| FourIndexMembers | bytes per document, Rekord | the same with compact sets | compact ÷ today |"
echo "|--:|--:|--:|--:|"
port=$(python3 free_port.py)
taskset -c "$SERVER_CPU" "${REDIS_SERVER:-redis-server}" --port "$port" --save '' --appendonly no --daemonize yes \
  --logfile "/tmp/compact-set-$port.log"
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.2; done
for n in $MEMBERS; do
  taskset -c "$CLIENT_CPU" java -cp "$CP" dev.rekord.benchmarks.CompactMemory "$port" "$n" 2>/dev/null
done
redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
