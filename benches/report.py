#!/usr/bin/env python3
"""Prints the table of benches/run.sh from what it left in the target dir:
baozi-benches/{list,sizes}.tsv, criterion/<workload>/<impl>/new/estimates.json
and baozi-benches/callgrind/<workload>.<impl>.out."""

import argparse
import json
import os
import re


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", required=True, help="cargo target directory")
    ap.add_argument("--since", type=float, default=0, help="older results are marked stale")
    args = ap.parse_args()
    out = os.path.join(args.target, "baozi-benches")

    cases = []  # (workload, impl, items)
    with open(os.path.join(out, "list.tsv")) as f:
        for line in f:
            w, imp, _n, items = line.rstrip("\n").split("\t")
            cases.append((w, imp, int(items)))
    sizes = {}
    with open(os.path.join(out, "sizes.tsv")) as f:
        for line in f:
            w, imp, size = line.rstrip("\n").split("\t")
            sizes[(w, imp)] = int(size)

    stale = False
    ns = {}  # ns per item (criterion median)
    spread = {}  # half-width of the median's 95% interval, % of the median
    for w, imp, items in cases:
        p = os.path.join(args.target, "criterion", w, imp, "new", "estimates.json")
        if not os.path.exists(p):
            continue
        with open(p) as f:
            med = json.load(f)["median"]
        ns[(w, imp)] = med["point_estimate"] / items
        ci = med["confidence_interval"]
        spread[(w, imp)] = 50 * (ci["upper_bound"] - ci["lower_bound"]) / med["point_estimate"]
        if os.path.getmtime(p) < args.since:
            stale = True
            spread[(w, imp)] = None

    ir = {}  # instructions per item
    cg_items = {}
    cg_base = {}  # the shorter run whose instructions are subtracted, if any
    p = os.path.join(out, "callgrind", "items.tsv")
    if os.path.exists(p):
        with open(p) as f:
            for line in f:
                w, imp, items, *base = line.rstrip("\n").split("\t")
                cg_items[(w, imp)] = int(items)
                if base and base[0]:
                    cg_base[(w, imp)] = base[0]

    def total_ir(name):
        p = os.path.join(out, "callgrind", f"{name}.out")
        if not os.path.exists(p):
            return None
        with open(p) as f:
            m = re.search(r"^(?:summary|totals):\s*(\d+)", f.read(), re.M)
        return int(m.group(1)) if m else None

    for (w, imp), items in cg_items.items():
        total = total_ir(f"{w}.{imp}")
        if total is None:
            continue
        if (w, imp) in cg_base:
            base = total_ir(cg_base[(w, imp)])
            if base is None:
                continue
            total -= base
        ir[(w, imp)] = total / items

    def ratio(table, w, imp, base="hand"):
        if (w, imp) in table and table.get((w, base)):
            return f"{table[(w, imp)] / table[(w, base)]:.2f}x"
        return "-"

    header = ["workload", "impl", "ns/item", "±%", "vs hand", "Ir/item", "Ir vs hand",
              "Ir vs struct", "size (B)"]
    rows = []
    for w, imp, _ in cases:
        t = ns.get((w, imp))
        sp = spread.get((w, imp), None)
        rows.append([
            w,
            imp,
            "-" if t is None else f"{t:.3f}",
            "stale" if (t is not None and sp is None) else ("-" if sp is None else f"{sp:.1f}"),
            ratio(ns, w, imp),
            f"{ir[(w, imp)]:.1f}" if (w, imp) in ir else "-",
            ratio(ir, w, imp),
            ratio(ir, w, imp, "struct"),
            str(sizes.get((w, imp), "-")),
        ])
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    left = {0, 1}

    def fmt(r):
        return "| " + " | ".join(
            c.ljust(widths[i]) if i in left else c.rjust(widths[i]) for i, c in enumerate(r)
        ) + " |"

    print()
    print(fmt(header))
    print("|" + "|".join(("-" * (w + 2)) if i in left else ("-" * (w + 1) + ":") for i, w in enumerate(widths)) + "|")
    prev = None
    for r in rows:
        print(fmt(r if r[0] != prev else [""] + r[1:]))
        prev = r[0]
    print()
    print("ns/item: criterion median per iteration / items (count, bigstate: items yielded;")
    print("  pingpong: values sent to each consumer, i.e. 2 resumes; tree: nodes visited;")
    print("  stream, stream_await: items of the stream, each one poll_next);")
    print("  ±%: half-width of the median's 95% confidence interval.")
    n = {w: i for (w, _), i in cg_items.items()}
    print("Ir/item: callgrind instructions of one run of the workload / items (items: "
          + ", ".join(f"{w} {i}" for w, i in n.items()) + ";")
    print("  stream, stream_await: the difference of two runs, 2n and n items, n as given).")
    print("Ir vs struct: against `struct`, the hand-written struct with a `started` flag and no")
    print("  end state (src/hand_struct.rs; it does not have a generator's semantics: see there).")
    print("size: size_of_val of one generator (pingpong: one consumer); genawaiter: the pinned")
    print("  Shelf (Gen is a pointer to it); corosensei: the handle only, the state lives on")
    print("  its 1 MiB mmap'd stack.")
    if stale:
        print("stale: criterion result older than this run (filtered out?).")
    targets(cases, ns, ir)


def targets(cases, ns, ir):
    """Issue 13's targets for the async generators: baozi <= 1.2x the
    hand-written Stream, async-stream >= 2x baozi."""
    ws = [w for w in dict.fromkeys(w for w, _, _ in cases) if w.startswith("stream")]
    if not ws:
        return

    def r(table, w, a, b):
        if table.get((w, a)) and table.get((w, b)):
            return table[(w, a)] / table[(w, b)]
        return None

    def cell(x, ok):
        return "-" if x is None else f"{x:.2f}x {'ok' if ok(x) else 'MISSED'}"

    print()
    print("Async generators (issue 13; targets: baozi/hand <= 1.20x, async_stream/baozi >= 2.00x):")
    header = ["workload", "baozi/hand Ir", "baozi/hand time", "async_stream/baozi Ir",
              "async_stream/baozi time"]
    rows = []
    for w in ws:
        rows.append([
            w,
            cell(r(ir, w, "baozi", "hand"), lambda x: x <= 1.2),
            cell(r(ns, w, "baozi", "hand"), lambda x: x <= 1.2),
            cell(r(ir, w, "async_stream", "baozi"), lambda x: x >= 2),
            cell(r(ns, w, "async_stream", "baozi"), lambda x: x >= 2),
        ])
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]
    print("| " + " | ".join(c.ljust(widths[i]) for i, c in enumerate(header)) + " |")
    print("|" + "|".join(("-" * (wd + 2)) if i == 0 else ("-" * (wd + 1) + ":")
                         for i, wd in enumerate(widths)) + "|")
    for row in rows:
        print("| " + " | ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i])
                                for i, c in enumerate(row)) + " |")


if __name__ == "__main__":
    main()
