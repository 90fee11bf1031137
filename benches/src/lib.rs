//! Benchmarks of baozi generators against hand-written code and other libraries.
//!
//! Every implementation of every workload is a plain `fn(u64) -> u64` that
//! runs the whole workload and returns a checksum, so the criterion benches
//! (`benches/generators.rs`), the callgrind driver (`src/bin/instructions.rs`)
//! and the tests share one table, [`workloads`], and check every
//! implementation against [`Workload::expected`].
//!
//! Implementations, one module each:
//! - [`hand`], hand-written `Iterator`s / state machines (the baseline);
//! - [`hand_struct`], hand-written structs with a `started` flag, no enum
//!   and no end state (the baseline, `struct`; fewer semantics);
//! - [`baozi`], `#[generator]`;
//! - `native` (feature `native`, unstable), rustc's coroutines;
//! - [`genawaiter_stack`], genawaiter's allocation-free `stack` flavour;
//! - [`corosensei_stackful`], corosensei's stackful coroutines;
//! - [`streams`], async generators (`stream`, `stream_await`): a hand-written
//!   `Stream`, `#[generator] async fn` and async-stream's `stream!`.
//!
//! Consumers of yielded values go through [`sum`] or [`ordered`], which pass
//! each item through [`black_box`] so that no implementation (in particular
//! the hand-written one) is folded into a closed form.
#![cfg_attr(
    feature = "native",
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]

use std::hint::black_box;
use std::sync::OnceLock;

pub mod baozi;
pub mod corosensei_stackful;
pub mod genawaiter_stack;
pub mod hand;
pub mod hand_struct;
#[cfg(feature = "native")]
pub mod native;
pub mod streams;

/// `count`: items yielded.
pub const COUNT_N: u64 = 10_000_000;
/// `pingpong`: values sent to each of the two consumers.
pub const PINGPONG_N: u64 = 1_000_000;
/// `tree`: levels of the perfect binary tree (`2^16 - 1` nodes).
pub const TREE_DEPTH: u64 = 16;
/// `bigstate`: items yielded.
pub const BIGSTATE_N: u64 = 100_000;
/// `bigstate`: bytes of the buffer kept across yields.
pub const BUF: usize = 4096;
/// `stream`, `stream_await`: items of the stream.
pub const STREAM_N: u64 = 10_000_000;
/// `pingpong`: the value that makes a consumer return its total.
pub const STOP: u64 = u64::MAX;

/// Sums the items, each through [`black_box`].
#[inline(always)]
pub fn sum(it: impl Iterator<Item = u64>) -> u64 {
    let mut s = 0u64;
    for x in it {
        s = s.wrapping_add(black_box(x));
    }
    s
}

/// An order-sensitive checksum of the items, each through [`black_box`].
#[inline(always)]
pub fn ordered(it: impl Iterator<Item = u64>) -> u64 {
    let mut h = 0u64;
    for x in it {
        h = h.wrapping_mul(31).wrapping_add(black_box(x));
    }
    h
}

/// `pingpong`: how the producer combines the two consumers' totals.
#[inline(always)]
pub fn combine(t1: u64, t2: u64) -> u64 {
    t1.wrapping_mul(3).wrapping_add(t2)
}

/// `bigstate`: the initial buffer.
#[inline(always)]
pub fn bigstate_init() -> [u8; BUF] {
    let mut buf = [0u8; BUF];
    for (k, b) in buf.iter_mut().enumerate() {
        *b = (k as u8) ^ 0x5a;
    }
    buf
}

/// `bigstate`: the item yielded at step `i`.
#[inline(always)]
pub fn bigstate_item(buf: &[u8; BUF], i: u64) -> u64 {
    u64::from(buf[(i as usize) % BUF])
}

/// `bigstate`: the change to the buffer after step `i` yielded `x`.
#[inline(always)]
pub fn bigstate_step(buf: &mut [u8; BUF], i: u64, x: u64) {
    let j = (i.wrapping_mul(7) as usize + 1) % BUF;
    buf[j] = buf[j].wrapping_add(x as u8 | 1);
}

/// A node of the `tree` workload; values are the in-order positions.
pub struct Node {
    /// Left subtree.
    pub left: Option<Box<Node>>,
    /// In-order position.
    pub val: u64,
    /// Right subtree.
    pub right: Option<Box<Node>>,
}

fn build(lo: u64, depth: u64) -> Option<Box<Node>> {
    if depth == 0 {
        return None;
    }
    let half = (1u64 << (depth - 1)) - 1;
    Some(Box::new(Node {
        left: build(lo, depth - 1),
        val: lo + half,
        right: build(lo + half + 1, depth - 1),
    }))
}

/// The perfect binary tree of `depth` levels (`1..=32`), built once per
/// process and depth.
pub fn tree(depth: u64) -> &'static Node {
    static TREES: [OnceLock<Box<Node>>; 32] = [const { OnceLock::new() }; 32];
    assert!((1..=32).contains(&depth), "tree depth {depth}");
    TREES[depth as usize - 1].get_or_init(|| build(0, depth).unwrap())
}

/// One implementation of a workload: runs it all, returns the checksum.
pub type Run = fn(u64) -> u64;

/// A workload and its implementations.
pub struct Workload {
    /// `count`, `pingpong`, `tree`, `bigstate`, `stream` or `stream_await`.
    pub name: &'static str,
    /// The parameter used by the benchmarks.
    pub n: u64,
    /// Items handled for parameter `n` (the unit of "time per item").
    pub items: fn(u64) -> u64,
    /// The checksum for parameter `n`, computed without generators.
    pub expected: fn(u64) -> u64,
    /// `(implementation, run)`; the first one is the baseline `hand`.
    pub impls: Vec<(&'static str, Run)>,
}

fn count_expected(n: u64) -> u64 {
    (0..n).fold(0u64, u64::wrapping_add)
}

fn pingpong_expected(n: u64) -> u64 {
    let t = count_expected(n);
    combine(t, t)
}

fn tree_expected(depth: u64) -> u64 {
    (0..(1u64 << depth) - 1).fold(0u64, |h, x| h.wrapping_mul(31).wrapping_add(x))
}

fn bigstate_expected(n: u64) -> u64 {
    let mut buf = bigstate_init();
    let mut s = 0u64;
    for i in 0..n {
        let x = bigstate_item(&buf, i);
        s = s.wrapping_add(x);
        bigstate_step(&mut buf, i, x);
    }
    s
}

/// Every workload with every implementation compiled in.
pub fn workloads() -> Vec<Workload> {
    let mut count: Vec<(&'static str, Run)> = vec![
        ("hand", hand::count),
        ("struct", hand_struct::count),
        ("baozi_while", baozi::count_while),
        ("baozi_for", baozi::count_for),
    ];
    let mut pingpong: Vec<(&'static str, Run)> = vec![
        ("hand", hand::pingpong),
        ("struct", hand_struct::pingpong),
        ("baozi", baozi::pingpong),
    ];
    let mut tree_: Vec<(&'static str, Run)> = vec![
        ("hand", |d| hand::tree(tree(d))),
        ("struct", |d| hand_struct::tree(tree(d))),
        ("baozi", |d| baozi::tree(tree(d))),
    ];
    let mut bigstate: Vec<(&'static str, Run)> = vec![
        ("hand", hand::bigstate),
        ("struct", hand_struct::bigstate),
        ("baozi", baozi::bigstate),
    ];
    #[cfg(feature = "native")]
    {
        count.push(("native_while", native::count_while));
        count.push(("native_for", native::count_for));
        pingpong.push(("native", native::pingpong));
        tree_.push(("native", |d| native::tree(tree(d))));
        bigstate.push(("native", native::bigstate));
    }
    count.push(("genawaiter", genawaiter_stack::count));
    count.push(("corosensei", corosensei_stackful::count));
    pingpong.push(("genawaiter", genawaiter_stack::pingpong));
    pingpong.push(("corosensei", corosensei_stackful::pingpong));
    tree_.push(("genawaiter", |d| genawaiter_stack::tree(tree(d))));
    tree_.push(("corosensei", |d| corosensei_stackful::tree(tree(d))));
    bigstate.push(("genawaiter", genawaiter_stack::bigstate));
    bigstate.push(("corosensei", corosensei_stackful::bigstate));
    let stream: Vec<(&'static str, Run)> = vec![
        ("hand", streams::hand),
        ("baozi", streams::baozi),
        ("async_stream", streams::async_stream),
    ];
    let stream_await: Vec<(&'static str, Run)> = vec![
        ("hand", streams::hand_await),
        ("baozi", streams::baozi_await),
        ("async_stream", streams::async_stream_await),
    ];
    vec![
        Workload {
            name: "count",
            n: COUNT_N,
            items: |n| n,
            expected: count_expected,
            impls: count,
        },
        Workload {
            name: "pingpong",
            n: PINGPONG_N,
            items: |n| n,
            expected: pingpong_expected,
            impls: pingpong,
        },
        Workload {
            name: "tree",
            n: TREE_DEPTH,
            items: |d| (1u64 << d) - 1,
            expected: tree_expected,
            impls: tree_,
        },
        Workload {
            name: "bigstate",
            n: BIGSTATE_N,
            items: |n| n,
            expected: bigstate_expected,
            impls: bigstate,
        },
        Workload {
            name: "stream",
            n: STREAM_N,
            items: |n| n,
            expected: count_expected,
            impls: stream,
        },
        Workload {
            name: "stream_await",
            n: STREAM_N,
            items: |n| n,
            expected: count_expected,
            impls: stream_await,
        },
    ]
}

/// `size_of_val` of one generator object per workload and implementation:
/// `(workload, implementation, bytes)`. For genawaiter it is the pinned
/// `Shelf` (future and airlock; the `Gen` is a pointer to it); for corosensei
/// only the handle: the state lives on the coroutine's 1 MiB mmap'd stack.
pub fn sizes() -> Vec<(&'static str, &'static str, usize)> {
    let mut v = Vec::new();
    v.extend(hand::sizes());
    v.extend(hand_struct::sizes());
    v.extend(baozi::sizes());
    #[cfg(feature = "native")]
    v.extend(native::sizes());
    v.extend(genawaiter_stack::sizes());
    v.extend(corosensei_stackful::sizes());
    v.extend(streams::sizes());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_implementation_matches_the_reference_on_small_inputs() {
        for w in workloads() {
            let ns: &[u64] = if w.name == "tree" {
                &[1, 2, 3, 5]
            } else {
                &[0, 1, 2, 3, 100, 5000]
            };
            for &n in ns {
                let expected = (w.expected)(n);
                for (name, run) in &w.impls {
                    assert_eq!(run(n), expected, "{} {name} n={n}", w.name);
                }
            }
        }
    }

    #[test]
    fn tree_is_in_order() {
        let t = tree(3);
        assert_eq!((t.val, t.left.as_ref().unwrap().val), (3, 1));
        assert_eq!(tree_expected(2), 33); // ((0 * 31 + 0) * 31 + 1) * 31 + 2
    }

    #[test]
    fn sizes_are_listed() {
        let all = sizes();
        for w in workloads() {
            for (name, _) in &w.impls {
                assert!(
                    all.iter()
                        .any(|&(sw, si, s)| (sw, si) == (w.name, *name) && s > 0),
                    "no size for {} {name}",
                    w.name
                );
            }
        }
        assert_eq!(all.len(), workloads().iter().map(|w| w.impls.len()).sum());
    }
}
