#!/usr/bin/env python3
"""Counts Rust tokens per generated function of benches/compile_time.sh, per
template (function index i % 7), in one or more files: a crate's src/lib.rs
or its `-Zunpretty=expanded` output.

    benches/ct-study/tokens.py native=$OUT/gens-native/src/lib.rs baozi=$OUT/baozi.expanded.rs

where the expansion comes from (in $OUT/gens-baozi, after compile_time.sh):

    CARGO_TARGET_DIR=$OUT/target/gens-baozi-expand RUSTC_BOOTSTRAP=1 \
        cargo rustc -q --profile check --lib -- -Zunpretty=expanded >$OUT/baozi.expanded.rs

(its own target dir: RUSTC_BOOTSTRAP=1 would make the benchmark's rebuild its
dependencies). The first file is the base of the ratios.

A token is what proc_macro2 counts as one TokenTree leaf: an identifier (a
lifetime is one, with its quote), a literal, one punctuation character (`::`
is two), and a delimited group counts once (its pair of delimiters). Comments
are skipped; doc comments do not occur in these crates. Functions are found
at the top level as `fn f<N>`, with their attributes and visibility; the
tokens of a function run to the next one (or to the end)."""

import re
import sys
from collections import defaultdict

TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>//[^\n]*|/\*(?:.|\n)*?\*/)
  | (?P<raw>b?r(?P<hashes>\#*)"(?:.|\n)*?"(?P=hashes))
  | (?P<str>b?"(?:\\.|[^"\\])*")
  | (?P<char>b?'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^'\\\n])')
  | (?P<lifetime>'[A-Za-z_][A-Za-z0-9_]*)
  | (?P<num>[0-9][0-9A-Za-z_]*(?:\.[0-9][0-9A-Za-z_]*)?)
  | (?P<ident>(?:r\#)?[A-Za-z_][A-Za-z0-9_]*)
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
  | (?P<punct>[-+*/%^!&|=<>@.,;:\#$?~])
    """,
    re.VERBOSE,
)


def lex(text):
    """Yields (kind, text, depth) for every token; groups count at `open`."""
    pos, depth = 0, 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise SystemExit(f"cannot lex at {pos}: {text[pos:pos + 40]!r}")
        pos = m.end()
        kind = m.lastgroup if m.lastgroup != "hashes" else "raw"
        if kind in ("ws", "comment"):
            continue
        if kind == "close":
            depth -= 1
            continue
        if kind == "raw":
            kind = "str"
        yield kind, m.group(), depth
        if kind == "open":
            depth += 1


FN = re.compile(r"f(\d+)$")


def per_function(path):
    """{function index: token count}, and the tokens outside the functions."""
    toks = list(lex(open(path).read()))
    starts = []  # (token index where the item starts, function index)
    item_start = 0
    for k, (kind, text, depth) in enumerate(toks):
        if depth != 0:
            continue
        if kind == "ident" and text == "fn" and k + 1 < len(toks):
            m = FN.match(toks[k + 1][1])
            if m:
                # Back up over `pub`, `#[..]` attributes at depth 0.
                j = k
                while j > 0 and toks[j - 1][2] == 0 and (
                    toks[j - 1][1] == "pub"
                    or toks[j - 1][1] == "#"
                    or toks[j - 1][0] == "open" and toks[j - 1][1] == "["
                ):
                    j -= 1
                starts.append((j, int(m.group(1))))
    counts = {}
    for n, (j, i) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(toks)
        counts[i] = end - j
    preamble = starts[0][0] if starts else len(toks)
    return counts, preamble


def main():
    files = []
    for arg in sys.argv[1:]:
        label, _, path = arg.partition("=")
        files.append((label, path))
    if not files:
        raise SystemExit(__doc__)
    data = [(label, *per_function(path)) for label, path in files]
    base_label, base, _ = data[0]
    header = "| template (i % 7) | " + " | ".join(
        f"{label} tokens/fn" + ("" if k == 0 else f" | {label}/{base_label}")
        for k, (label, _, _) in enumerate(data)
    ) + " |"
    print(header)
    print("|---" + "|--:" * (header.count("|") - 2) + "|")
    rows = list(range(7)) + ["all"]
    for t in rows:
        cells = []
        sel = lambda c: [v for i, v in c.items() if t == "all" or i % 7 == t]
        b = sum(sel(base)) / max(1, len(sel(base)))
        for k, (label, counts, _) in enumerate(data):
            v = sum(sel(counts)) / max(1, len(sel(counts)))
            cells.append(f"{v:.0f}" + ("" if k == 0 else f" | {v / b:.2f}x"))
        print(f"| {t} | " + " | ".join(cells) + " |")
    print("(tokens outside the functions: " + ", ".join(
        f"{label} {pre}" for label, _, pre in data) + ")")
    print("(totals: " + ", ".join(
        f"{label} {sum(c.values())}" for label, c, _ in data) + ")")


if __name__ == "__main__":
    main()
