//! What a suspension stores is decided by liveness as well as scope, as
//! rustc's coroutines do: a local that no later code uses and that has no
//! drop glue is not kept across a `yield_!`, so a dead borrow of another
//! local is no self-borrow; a dead local that may have a `Drop` still drops
//! at the end of its scope. The expected values and traces are what the
//! same bodies give as native coroutines (`#[coroutine] || { .. }`, built
//! with `RUSTC_BOOTSTRAP=1`).

mod common;

use baozi_core::prelude::*;
use common::*;

// Shape 1: `t` borrows `s` and is dead at the yield (rustc: yields 3,
// returns 3).
#[generator(yield = usize)]
fn dead_borrow() -> usize {
    let s = String::from("a b");
    let t = s.trim();
    let n = t.len();
    yield_!(n);
    s.len()
}

#[test]
fn a_dead_borrow_of_a_stored_local_is_not_stored() {
    assert_eq!(run(dead_borrow()), (vec![3], 3));
}

// A dead `&mut` borrow has no drop glue either.
#[generator(yield = usize)]
fn dead_mut_borrow() -> usize {
    let mut v = vec![1, 2];
    let r = &mut v;
    r.push(3);
    yield_!(0);
    v.len()
}

#[test]
fn a_dead_mutable_borrow_is_not_stored() {
    assert_eq!(run(dead_mut_borrow()), (vec![0], 3));
}

// Shape 0: `w` owns what it was computed from a borrow of `v` (rustc:
// yields 2, 4, returns 2).
#[generator(yield = u32)]
fn computed_from_a_borrow() -> usize {
    let v = vec![1u32, 2];
    let w: Vec<u32> = v.iter().map(|x| x * 2).collect();
    for i in 0..w.len() {
        yield_!(w[i]);
    }
    v.len()
}

#[test]
fn a_value_computed_from_a_borrow_is_no_self_borrow() {
    assert_eq!(run(computed_from_a_borrow()), (vec![2, 4], 2));
}

// A dead guard still drops at the end of its scope, after the code that
// follows the yield (rustc: "yield", "after", "-g").
#[generator(yield = u32)]
fn dead_guard(t: Trace) {
    let _g = Noisy::new(&t, "g");
    let x = 1;
    yield_!(x);
    log(&t, "after");
}

#[test]
fn a_dead_guard_drops_at_the_end_of_its_scope() {
    let t = trace();
    let mut g = dead_guard(t.clone());
    assert_eq!(g.next(), Some(1));
    assert_eq!(take(&t), ["+g"]);
    assert_eq!(g.next(), None);
    assert_eq!(take(&t), ["after", "-g"]);
    // Dropped while suspended, it drops then.
    let mut g = dead_guard(t.clone());
    g.next();
    take(&t);
    drop(g);
    assert_eq!(take(&t), ["-g"]);
}

// A dead `Copy` local is not part of the state: the counter below keeps
// only `i` across its yield. (rustc's coroutine of this body, a closure,
// keeps `n` too, as a captured upvar: 24 bytes.)
#[generator(yield = u64)]
fn dead_copy(n: u64) {
    let unused = n * 2;
    let _ = unused;
    let mut i = 0u64;
    while i < 3 {
        yield_!(i);
        i += 1;
    }
}

#[test]
fn a_dead_copy_local_takes_no_space() {
    let g = dead_copy(5);
    assert_eq!(g.collect::<Vec<_>>(), [0, 1, 2]);
    // `n` and `unused` are dead at the yield: only the tag and `i`.
    assert_eq!(std::mem::size_of_val(&dead_copy(5)), 16);
}
