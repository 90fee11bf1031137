#!/usr/bin/env bash
# Compile time of N generator functions. Writes under OUT (default
# target/compile-time/) crates that depend on this baozi-core by path (each with
# an empty `[workspace]` table) holding the same N bodies, made from 7 templates
# with the index mixed in (`while`/`for` counting, a consumer of resume values,
# a traversal with an explicit stack, a buffer, `match` with guards, early
# returns, a labelled loop, locals across yields):
#   gens-plain          plain fns, each yield replaced by a call (the floor)
#   gens-native         `#[coroutine] move |r| { .. yield v .. }`, RUSTC_BOOTSTRAP=1
#   gens-baozi          `#[generator]`, `yield_!(v)`
#   gens-baozi-opt      + `[profile.dev.package.baozi-macros] opt-level = 3`
#   gens-baozi-optdeps  + `[profile.dev.build-override] opt-level = 3` (syn too)
# One crate at a time, each in its own CARGO_TARGET_DIR: a `cargo check` that
# builds the dependencies, then RUNS times `touch src/lib.rs` + a timed
# non-incremental `cargo check`, and another with `rustc -Z time-passes`.
# Prints one table of medians: wall and CPU seconds, CPU ratio to native, and
# macro expansion and type checking seconds.
#
#   benches/compile_time.sh   # N=200 RUNS=5; 2.5 min on 2 cores, 1 once deps are built
#   N=50 RUNS=3 OUT=/tmp/ct INCREMENTAL=1 benches/compile_time.sh
#
# Needs only the Rust toolchain: the crates start from the workspace's
# Cargo.lock (offline when the registry cache holds its crates).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-${CARGO_TARGET_DIR:-$root/target}/compile-time}
mkdir -p "$out" && out=$(cd "$out" && pwd)
n=${N:-200} runs=${RUNS:-5}
export CARGO_INCREMENTAL=${INCREMENTAL:-0}
unset CARGO_TARGET_DIR RUSTC_BOOTSTRAP

# Sets P (parameters), Y, R, RET (types) and B (body) of function $1. In B,
# `@{v}@` is a yield whose value is unused, `@r{v}@` one whose value is used.
template() {
    local i=$1 m=$(($1 % 7 + 2)) k=$(($1 % 11 + 3)) c=$(($1 % 5 + 4))
    R='()' RET='()'
    case $((i % 7)) in
    0) P='n: u64' Y=u64 B="
    let mut i = $i;
    while i < n { if i % $m == 0 { @{i * $k}@; } i += 1; }"
       if ((i / 7 % 2)); then B="
    for i in $i..n { @{i + $k}@; if i > n / $m + $i { @{0}@; } }"; fi ;;
    1) P='n: u64' Y=u64 RET=u64 B="
    let (mut acc, label) = (${i}u64, format!(\"f{}-{}\", $i, n));
    for j in 0..n {
        acc = acc.wrapping_mul($k).wrapping_add(j);
        if acc % $m == 1 { continue; }
        @{acc ^ j}@;
    }
    acc + label.len() as u64" ;;
    2) P='' Y='()' R=u64 RET=u64 B="
    let (mut total, mut count) = (0u64, 0u32);
    loop {
        let x: u64 = @r{()}@;
        if x == u64::MAX { return total; }
        if x % $m == 0 { continue; }
        (total, count) = (total + x * $k, count + 1);
        if count > $((i + 10)) { return total; }
    }" ;;
    3) P='root: &Node' Y=u64 B="
    let (mut stack, mut cur, mut seen) = (Vec::<&Node>::new(), Some(root), 0usize);
    loop {
        while let Some(node) = cur { stack.push(node); cur = node.left.as_deref(); }
        let node = match stack.pop() { Some(node) => node, None => return };
        seen += 1;
        if node.val % $m != 0 { @{node.val + $i}@; }
        if seen > $((i * 3 + 5)) { return; }
        cur = node.right.as_deref();
    }" ;;
    4) P='data: Vec<u8>' Y='Vec<u8>' RET=usize B="
    let (mut buf, mut emitted) = (Vec::with_capacity($c), 0usize);
    for b in data {
        buf.push(b ^ $((i % 256)));
        if buf.len() == $c { emitted += 1; @{std::mem::take(&mut buf)}@; }
    }
    if !buf.is_empty() { emitted += 1; @{buf}@; }
    emitted" ;;
    5) P='cmds: Vec<Cmd>' Y=u64 RET='Result<u64, String>' B="
    let (mut acc, name) = (${i}u64, String::from(\"f$i\"));
    for cmd in cmds {
        match cmd {
            Cmd::Add(x) => acc = acc.wrapping_add(x),
            Cmd::Mul(x) if x > $m => { acc = acc.wrapping_mul(x); @{acc}@; }
            Cmd::Mul(_) => {}
            Cmd::Emit => { @{acc}@; @{acc + $k}@; }
            Cmd::Stop => return Err(name),
        }
    }
    Ok(acc)" ;;
    6) P='limit: u64' Y=u64 R=bool RET=u64 B="
    let mut taken = 0u64;
    'outer: for a in 0..limit {
        for b in 0..$m {
            let keep: bool = @r{a * $k + b}@;
            if keep { taken += 1; }
            if taken > $((i + 3)) { break 'outer; }
        }
    }
    taken" ;;
    esac
}

# lib.rs of flavour $1: plain, native or baozi.
librs() {
    case $1 in
    plain) echo 'fn sink<T>(v: T) { std::hint::black_box(v); }'
           echo 'fn resume<T, R: Default>(v: T) -> R { sink(v); R::default() }' ;;
    native) echo '#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]'
            echo 'use std::ops::Coroutine;' ;;
    baozi) echo 'use baozi_core::prelude::*;' ;;
    esac
    echo 'pub struct Node { pub val: u64, pub left: Option<Box<Node>>, pub right: Option<Box<Node>> }'
    echo 'pub enum Cmd { Add(u64), Mul(u64), Emit, Stop }'
    local i b arg ret
    for ((i = 0; i < n; i++)); do
        template "$i"
        ret=; [[ $RET == '()' ]] || ret=" -> $RET"
        case $1 in
        plain) b=${B//@r\{/resume(} b=${b//@\{/sink(} b=${b//\}@/)}
               printf '\npub fn f%d(%s)%s {%s\n}\n' "$i" "$P" "$ret" "$b" ;;
        native) b=${B//@r\{/yield } b=${b//@\{/yield } b=${b//\}@/}
                arg=; [[ $R == '()' ]] || arg="_: $R"
                printf '\npub fn f%d(%s) -> impl Coroutine<%s, Yield = %s, Return = %s> {\n#[coroutine]\nmove |%s| {%s\n}\n}\n' \
                    "$i" "$P" "$R" "$Y" "$RET" "$arg" "$b" ;;
        baozi) b=${B//@r\{/yield_!(} b=${b//@\{/yield_!(} b=${b//\}@/)}
               printf '\n#[generator(yield = %s, resume = %s)]\npub fn f%d(%s)%s {%s\n}\n' \
                   "$Y" "$R" "$i" "$P" "$ret" "$b" ;;
        esac
    done
}

# Writes crate gens-$1: the lib.rs of flavour $2, extra Cargo.toml text $3.
mkcrate() {
    mkdir -p "$out/gens-$1/src"
    printf '[package]\nname = "gens-%s"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n%s\n%s\n\n[workspace]\n%s' \
        "$1" '[dependencies]' "baozi-core = { path = \"$root/baozi-core\" }" "$3" >"$out/gens-$1/Cargo.toml"
    librs "$2" >"$out/gens-$1/src/lib.rs"
    [[ -e $out/gens-$1/Cargo.lock ]] || cp "$root/Cargo.lock" "$out/gens-$1/"
}

# Median of each column of stdin, as "%.3f" on one line.
medians() {
    awk '{ for (f = 1; f <= NF; f++) print f, $f }' | sort -k1,1n -k2,2n |
        awk '{ v[$1, ++c[$1]] = $2; nf = $1 } END { for (f = 1; f <= nf; f++) { k = c[f]
            printf "%.3f ", k % 2 ? v[f, (k + 1) / 2] : (v[f, k / 2] + v[f, k / 2 + 1]) / 2 } }'
}

# "wall cpu expand typeck" seconds for crate gens-$1 (call it in a subshell):
# medians over RUNS of a timed `cargo check` (wall, user + sys) and of
# `rustc -Z time-passes` in one more check (RUSTC_BOOTSTRAP=1 through a wrapper
# that only the crate itself sees, so the dependencies stay as built).
timecheck() {
    local r t rows=() TIMEFORMAT='%R %U %S'
    export CARGO_TARGET_DIR=$out/target/gens-$1
    if [[ $1 == native ]]; then export RUSTC_BOOTSTRAP=1; fi
    cd "$out/gens-$1"
    cargo fetch -q --offline 2>/dev/null || cargo fetch -q
    echo "gens-$1: building dependencies, then $runs timed checks" >&2
    cargo check -q
    for ((r = 0; r < runs; r++)); do
        touch src/lib.rs
        t=$({ time cargo check -q 2>&3; } 3>&2 2>&1)
        touch src/lib.rs
        rows+=("$(RUSTC_WORKSPACE_WRAPPER=$out/bootstrap.sh cargo rustc -q --profile check --lib -- -Z time-passes 2>&1 |
            awk -v t="$t" '$NF ~ /^(macro_expand_crate|type_check_crate)$/ { sub(/;$/, "", $2); p[$NF] = $2 }
                END { split(t, a, " "); print a[1], a[2] + a[3], p["macro_expand_crate"], p["type_check_crate"] }')")
        echo "  wall cpu expand typeck: ${rows[r]}" >&2
    done
    printf '%s\n' "${rows[@]}" | medians
}

echo "generating $n functions per crate under $out" >&2
printf '#!/bin/sh\nRUSTC_BOOTSTRAP=1 exec "$@"\n' >"$out/bootstrap.sh" && chmod +x "$out/bootstrap.sh"
mkcrate plain plain ''
mkcrate native native ''
mkcrate baozi baozi ''
mkcrate baozi-opt baozi $'\n[profile.dev.package.baozi-macros]\nopt-level = 3\n'
mkcrate baozi-optdeps baozi $'\n[profile.dev.build-override]\nopt-level = 3\n'

crates=(plain native baozi baozi-opt baozi-optdeps)
labels=('plain fns (no yields)' 'native coroutines' 'baozi' 'baozi (macro optimised)'
    'baozi (macro and its deps optimised)')
res=()
for c in "${crates[@]}"; do res+=("$(timecheck "$c")"); done

echo
printf '| %d functions, medians of %d | `cargo check` wall (s) | CPU (s) | CPU vs native | macro expansion (s) | type check (s) |\n' "$n" "$runs"
echo '|---|--:|--:|--:|--:|--:|'
for i in "${!crates[@]}"; do
    awk -v l="${labels[i]}" -v r="${res[i]}" -v nat="${res[1]}" 'BEGIN { split(r, a, " "); split(nat, b, " ")
        printf "| %s | %.3f | %.3f | %.2fx | %.3f | %.3f |\n", l, a[1], a[2], a[2] / b[2], a[3], a[4] }'
done
echo '(CPU: user + sys of cargo and rustc; macro expansion and type check: macro_expand_crate and'
echo 'type_check_crate of `rustc -Z time-passes`, wall time, in a second check per run)'
