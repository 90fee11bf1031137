#!/usr/bin/env bash
# Instructions per item of one workload and implementation, as the
# difference of two callgrind runs, so that set-up cancels:
#   benches/ir-diff.sh pingpong p2 [n1 n2]      # default n1=100000 n2=200000
# (tree: n is the depth, the items are 2^n - 1). Builds like run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
w=$1 imp=$2 n1=${3:-100000} n2=${4:-200000}
export RUSTC_BOOTSTRAP=1
export RUSTFLAGS="${RUSTFLAGS:-} -C llvm-args=-align-loops=32"
cargo build -q --release -p baozi-benches --features native --bin instructions
target=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
bin=$target/release/instructions
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ir() {
    valgrind --tool=callgrind --toggle-collect='*measured*' --callgrind-out-file="$tmp/$1.out" \
        "$bin" run "$w" "$imp" "$1" >/dev/null 2>"$tmp/log" || { cat "$tmp/log" >&2; exit 1; }
    grep -E '^(summary|totals):' "$tmp/$1.out" | head -1 | awk '{print $2}'
}
a=$(ir "$n1")
b=$(ir "$n2")
python3 - "$w" "$imp" "$n1" "$n2" "$a" "$b" <<'PY'
import sys
w, imp, n1, n2, a, b = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:])
items = (lambda n: (1 << n) - 1) if w == "tree" else (lambda n: n)
print(f"{w}\t{imp}\t{(b - a) / (items(n2) - items(n1)):.2f} Ir/item")
PY
