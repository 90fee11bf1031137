#!/usr/bin/env bash
# Makes DIR (default target/ct-study/harness) a bin crate holding this checkout's
# baozi-macros sources as a plain library (proc-macro2 then runs its fallback,
# outside rustc), with a timer around each stage of `transform` (CPU time of the
# thread), and builds it in the dev profile (opt-level 0, as users get the macro):
#
#   benches/ct-study/harness/setup.sh
#   CARGO_MANIFEST_DIR=$OUT/gens-baozi target/ct-study/harness/target/debug/profile $OUT/gens-baozi/src/lib.rs 5
#
# (OUT: where benches/compile_time.sh wrote its crates.) Prints a table of the
# stages' times summed over the crate's `#[generator]` functions (min over the
# runs), how often `normalize` re-ran its normaliser, crate_name's and
# emit's Holes::fill's share, and the output's token count.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd) root=$(cd "$here/../../.." && pwd)
dir=${1:-$root/target/ct-study/harness}
rm -rf "$dir/src" && mkdir -p "$dir/src/bin"
cp -r "$root/baozi-macros/src" "$dir/src/macros"
rm -f "$dir/src/macros/expansion_tests.rs" "$dir/src/macros/robustness_tests.rs"
(cd "$dir/src/macros" && patch -s -p1 <"$here/instrument.patch")
cp "$here/Cargo.toml.in" "$dir/Cargo.toml" && cp "$here/profile.rs" "$dir/src/bin/"
[[ -e $dir/Cargo.lock ]] || cp "$root/Cargo.lock" "$dir/"
cd "$dir" && CARGO_TARGET_DIR=$dir/target cargo build -q --offline --bin profile 2>/dev/null || CARGO_TARGET_DIR=$dir/target cargo build -q --bin profile
