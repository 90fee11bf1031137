#!/usr/bin/env bash
# Runs every baozi-benches benchmark and prints one table:
#   - criterion (benches/generators.rs): time per item, ratio to `hand`;
#   - callgrind (src/bin/instructions.rs): instructions per item, ratio to
#     `hand` (the enum baseline) and to `struct` (the hand-written struct
#     baseline, src/hand_struct.rs); stable on a noisy machine;
#   - size_of_val of each generator object;
#   - for the async generators (stream, stream_await; issue 13), the ratios
#     baozi/hand and async_stream/baozi against the issue's targets.
#
#   benches/run.sh                 # everything, rustc coroutines included
#   NATIVE=0 benches/run.sh        # stable only (no RUSTC_BOOTSTRAP)
#   benches/run.sh count           # extra arguments go to criterion (a filter)
#   CALLGRIND_N=100000 benches/run.sh
#
# Takes about 3.5 minutes on 2 cores (plus the first build).
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
    cg() { # workload imp n out-name
        echo "callgrind: $1 $2 n=$3" >&2
        valgrind --tool=callgrind --toggle-collect='*measured*' \
            --callgrind-out-file="$out/callgrind/$4.out" \
            "$bin" run "$1" "$2" "$3" >/dev/null 2>"$out/callgrind/$4.log"
    }
    # count and pingpong with n = CALLGRIND_N; tree and bigstate as benchmarked;
    # stream and stream_await: the difference of n = CALLGRIND_N and 2 * CALLGRIND_N
    # (items.tsv's 4th column names the shorter run, which report.py subtracts).
    while IFS=$'\t' read -r workload imp n items; do
        base=
        case $workload in
            count | pingpong) n=$callgrind_n items=$callgrind_n ;;
            stream | stream_await)
                cg "$workload" "$imp" "$callgrind_n" "$workload.$imp.base"
                n=$((2 * callgrind_n)) items=$callgrind_n base=$workload.$imp.base
                ;;
        esac
        cg "$workload" "$imp" "$n" "$workload.$imp"
        printf '%s\t%s\t%s\t%s\n' "$workload" "$imp" "$items" "$base" >>"$out/callgrind/items.tsv"
    done <"$out/list.tsv"
else
    echo "valgrind not found: no instruction counts" >&2
fi

python3 benches/report.py --target "$target" --since "$start"
