#!/usr/bin/env bash
# Server instructions per saved document of Lua save scripts, measured with callgrind on
# redis-server (repeatable, unlike time): for each script, SCRIPT LOAD, 300 warm-up saves, the
# counters zeroed, N saves of fresh documents (script_cost_calls.py: the arguments Rekord's save
# sends), the counters dumped. To see what a part of a script costs, measure an edited copy
# against the original:
#   java -cp "$CP" dev.rekord.benchmarks.ScriptSource saveOne > /tmp/a.lua   # (or savePlain, save; compact)
#   cp /tmp/a.lua /tmp/b.lua; $EDITOR /tmp/b.lua
#   benchmarks/script-cost.sh [--many | --plain] [N] /tmp/a.lua /tmp/b.lua
# --many: 100 documents per call (save.lua, as saveAll joins them; N a multiple of 100).
# --plain: save_plain.lua's arguments (ScriptSource savePlain) instead of save_one.lua's.
# Prints "script  instructions per document  (errors: replies that were errors)".
set -euo pipefail
cd "$(dirname "$0")/.."
MANY=""
PLAIN=""
if [[ "${1:-}" == --many ]]; then MANY=--many; shift
elif [[ "${1:-}" == --plain ]]; then PLAIN=--plain; shift; fi
N=1000
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then N="$1"; shift; fi
[[ $# -gt 0 ]] || { sed -n 2,13p "$0"; exit 2; }
port=$(python3 benchmarks/free_port.py)
WORK="$(mktemp -d)"
valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.%p" redis-server --port "$port" --save '' \
  --appendonly no --hz 1 >/dev/null 2>&1 &
server=$!
trap 'redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; wait "$server" || true; rm -rf "$WORK"' EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.3; done
part=0
for script in "$@"; do
  sha=$(redis-cli -p "$port" -x script load < "$script")
  python3 benchmarks/script_cost_calls.py "$sha" "w$part-" 300 $MANY $PLAIN | redis-cli -p "$port" --pipe >/dev/null
  callgrind_control -z "$server" >/dev/null 2>&1
  python3 benchmarks/script_cost_calls.py "$sha" "m$part-" "$N" $MANY $PLAIN | redis-cli -p "$port" --pipe > "$WORK/pipe.txt"
  callgrind_control -d "$server" >/dev/null 2>&1
  part=$((part + 1))
  total=$(grep -h "^totals:\|^summary:" "$WORK/cg.$server.$part" | head -1 | awk '{print $2}')
  printf '%-40s %10d instructions per document (%s)\n' "$(basename "$script")" $((total / N)) \
    "$(grep -o "errors: [0-9]*" "$WORK/pipe.txt" || echo "errors: ?")"
done
