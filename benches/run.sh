#!/usr/bin/env bash
# Runs every baozi-benches benchmark and prints one table:
#   - criterion (benches/generators.rs): time per item, ratio to `hand`;
#   - callgrind (src/bin/instructions.rs): instructions per item, ratio to
#     `hand` (the enum baseline) and to `struct` (the hand-written struct
#     baseline, src/hand_struct.rs); stable on a noisy machine;
#   - size_of_val of each generator object.
#
#   benches/run.sh                 # everything, rustc coroutines included
#   NATIVE=0 benches/run.sh        # stable only (no RUSTC_BOOTSTRAP)
#   benches/run.sh count           # extra arguments go to criterion (a filter)
#   CALLGRIND_N=100000 benches/run.sh
#
# Takes about 3 minutes on 2 cores (plus the first build).
set -euo pipefail
cd "$(dirname "$0")/.."

features=()
if [[ "${NATIVE:-1}" != 0 ]]; then
    export RUSTC_BOOTSTRAP=1
    features=(--features native)
fi
# Every loop starts on a 32-byte boundary: without it, where the linker
# happens to place a hot loop (across a boundary or not) can halve or double
# the time of identical instructions (`count` measured 1x and 2x between
# builds). The same flags build every implementation.
export RUSTFLAGS="${RUSTFLAGS:-} -C llvm-args=-align-loops=32"
callgrind_n=${CALLGRIND_N:-1000000}
start=$(date +%s)

target=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
out=$target/baozi-benches
mkdir -p "$out/callgrind"
export CRITERION_HOME=$target/criterion

cargo build --release -p baozi-benches "${features[@]}" --bin instructions
bin=$target/release/instructions
"$bin" list >"$out/list.tsv"
"$bin" sizes >"$out/sizes.tsv"

cargo bench -p baozi-benches "${features[@]}" --bench generators -- "$@"

if command -v valgrind >/dev/null; then
    rm -f "$out"/callgrind/*
    # count and pingpong with n = CALLGRIND_N; tree and bigstate as benchmarked.
    while IFS=$'\t' read -r workload imp n items; do
        case $workload in count | pingpong) n=$callgrind_n items=$callgrind_n ;; esac
        echo "callgrind: $workload $imp n=$n" >&2
        valgrind --tool=callgrind --toggle-collect='*measured*' \
            --callgrind-out-file="$out/callgrind/$workload.$imp.out" \
            "$bin" run "$workload" "$imp" "$n" >/dev/null 2>"$out/callgrind/$workload.$imp.log"
        printf '%s\t%s\t%s\n' "$workload" "$imp" "$items" >>"$out/callgrind/items.tsv"
    done <"$out/list.tsv"
else
    echo "valgrind not found: no instruction counts" >&2
fi

python3 benches/report.py --target "$target" --since "$start"
