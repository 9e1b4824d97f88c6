#!/usr/bin/env bash
# Server instructions per save, by kind, measured with callgrind on redis-server (repeatable on a
# shared machine, unlike time): for each kind, a fresh server under callgrind, a warm-up, then the
# counters zeroed, N saves of fresh documents (SaveCost), the counters dumped. The server runs with
# hz 1, so that its timer (whose work grows with wall time, i.e. with the load of the machine) adds
# next to nothing.
#   benchmarks/callgrind-saves.sh [N] [kind …]   (after `mvn install -pl benchmarks -am`)
# Prints "kind  instructions per save (per document for the *-all kinds)".
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-2000}"; shift || true
KINDS=("$@"); [[ ${#KINDS[@]} -gt 0 ]] || KINDS=(hset lua exact rekord hset-all commands-all rekord-all)
CP="$(mvn -q -o -B -ntp -pl benchmarks exec:exec -Dexec.executable=echo -Dexec.args=%classpath -Dstyle.color=never | sed "s/\x1b\[[0-9;]*m//g" | grep -v "^[[:space:]]*$" | tail -1)"
WORK="$(mktemp -d)"
for kind in "${KINDS[@]}"; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  valgrind --tool=callgrind --callgrind-out-file="$WORK/$kind.%p" redis-server --port "$port" --save '' --appendonly no --hz 1 >/dev/null 2>&1 &
  server=$!
  until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.5; done
  coproc SAVES { java -cp "$CP" dev.rekord.benchmarks.SaveCost "$port" "$kind" "$N" 2>/dev/null; }
  read -r line <&"${SAVES[0]}"   # measure
  callgrind_control -z "$server" >/dev/null 2>&1
  echo >&"${SAVES[1]}"
  read -r line <&"${SAVES[0]}"   # done
  callgrind_control -d "$server" >/dev/null 2>&1
  echo >&"${SAVES[1]}"
  wait "$SAVES_PID" || true
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  wait "$server" || true
  # the dump callgrind_control -d wrote (part 1) holds the measured saves only
  measured=$(grep -h "^totals:\|^summary:" "$WORK/$kind".*.1 | head -1 | awk '{print $2}')
  per=$(( measured / N ))
  printf '%-14s %12d instructions per save (%d saves, %d total)\n' "$kind" "$per" "$N" "$measured"
done
if [[ "${KEEP:-}" == 1 ]]; then echo "dumps in $WORK"; else rm -rf "$WORK"; fi
