#!/usr/bin/env bash
# vtime.sh ROUNDS VARIANT...: per round and variant, one non-incremental check of $VAR/VARIANT
# (`cargo rustc --profile check -- -Z time-passes`), interleaved. Prints per run:
# "variant cpu(user+sys of cargo+rustc) type_check_crate MIR_borrow_checking macro_expand_crate parse_crate"
VAR=${VAR:?the directory of the variant crates}
rounds=$1; shift
export RUSTC_BOOTSTRAP=1 CARGO_INCREMENTAL=0
for v in "$@"; do (cd $VAR/$v && CARGO_TARGET_DIR=$VAR/target/$v cargo check -q --offline 2>/dev/null); done
tf=$(mktemp)
for ((r = 0; r < rounds; r++)); do
  for v in "$@"; do
    cd $VAR/$v; touch src/lib.rs
    tp=$(/usr/bin/time -o $tf -f '%U %S' env CARGO_TARGET_DIR=$VAR/target/$v cargo rustc -q --offline --profile check --lib -- -Z time-passes 2>&1 |
      awk '$NF ~ /^(macro_expand_crate|type_check_crate|MIR_borrow_checking|parse_crate)$/ { sub(/;$/, "", $2); p[$NF] = $2 }
        END { printf "%s %s %s %s", p["type_check_crate"], p["MIR_borrow_checking"], p["macro_expand_crate"], p["parse_crate"] }')
    echo "$v $(awk '{printf "%.3f", $1+$2}' $tf) $tp"
  done
done
