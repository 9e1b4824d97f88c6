#!/usr/bin/env bash
# Before/after on a noisy machine: runs benchmarks/run.sh for two revisions of the library,
# interleaved (A, B, A, B, …), each built in its own worktree with its own local Maven repository,
# both with this checkout's benchmark harness (benchmarks/ and run.sh copied in, so only the library
# differs), then prints each row's median over the runs (benchmarks/ab-medians.py).
#   benchmarks/ab.sh <rev-a> <rev-b> [runs] -- <run.sh arguments>
#   e.g. benchmarks/ab.sh 70f1105 HEAD 3 -- --cluster --docs 100000 --ops 1000 --queries 2000 --buckets 16
# Outputs stay in $AB_DIR (default: a new temporary directory): a-<n>.md, b-<n>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 3 ]] || { sed -n 2,8p "$0"; exit 2; }
A="$(git rev-parse "$1")"; B="$(git rev-parse "$2")"; shift 2
RUNS=3
if [[ "$1" != -- ]]; then RUNS="$1"; shift; fi
[[ "${1:-}" == -- ]] && shift
OUT="${AB_DIR:-$(mktemp -d)}"
mkdir -p "$OUT"
HERE="$PWD"
cleanup() {
  for side in a b; do git worktree remove --force "$OUT/tree-$side" >/dev/null 2>&1 || true; done
  git worktree prune
}
trap cleanup EXIT
for side in a b; do
  rev="$A"; [[ "$side" == b ]] && rev="$B"
  git worktree add -q --detach "$OUT/tree-$side" "$rev"
  rm -rf "$OUT/tree-$side/benchmarks" && cp -r "$HERE/benchmarks" "$OUT/tree-$side/benchmarks"
  rm -rf "$OUT/tree-$side/benchmarks/target"
  [[ -d "$OUT/m2-$side" ]] || cp -r "${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}" "$OUT/m2-$side"
  (cd "$OUT/tree-$side" && mvn -o -q -B -Dmaven.repo.local="$OUT/m2-$side" -DskipTests install >/dev/null)
done
for n in $(seq "$RUNS"); do
  for side in a b; do
    echo "run $n, side $side" >&2
    (cd "$OUT/tree-$side" && MAVEN_OPTS="-Dmaven.repo.local=$OUT/m2-$side" SKIP_BUILD=1 \
      benchmarks/run.sh "$@" > "$OUT/$side-$n.md" 2>&1)
  done
done
echo "<!-- A = $A, B = $B, $RUNS interleaved runs each of run.sh $*; outputs in $OUT -->"
python3 "$HERE/benchmarks/ab-medians.py" "$OUT"
