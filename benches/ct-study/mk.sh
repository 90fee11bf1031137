#!/usr/bin/env bash
# mk.sh NAME SRC [CORE]: a crate $VAR/NAME with src/lib.rs = SRC, depending on CORE (baozi-core dir)
set -e
VAR=${VAR:?the directory of the variant crates}
root=$(cd "$(dirname "$0")/../.." && pwd)
name=$1 src=$2 core=${3:-$root/baozi-core}
mkdir -p $VAR/$name/src
printf '[package]\nname = "v-%s"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n[dependencies]\nbaozi-core = { path = "%s" }\n\n[workspace]\n' "$name" "$core" > $VAR/$name/Cargo.toml
cp "$src" $VAR/$name/src/lib.rs
[ -e $VAR/$name/Cargo.lock ] || cp $root/Cargo.lock $VAR/$name/
