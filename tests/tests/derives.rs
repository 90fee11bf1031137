//! `derive(Clone, Debug, PartialEq)`: forkable, inspectable, comparable
//! suspended generators.

use baozi_core::GeneratorState::*;
use baozi_core::prelude::*;

#[generator(yield = u32, resume = u32, derive(Clone, Debug, PartialEq))]
fn accumulate(name: &'static str) -> u32 {
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            return total;
        }
        total += x;
    }
}

#[test]
fn clone_forks_a_suspended_generator() {
    let mut a = accumulate("a");
    a.resume(0);
    a.resume(5);
    let mut b = a.clone();
    assert_eq!(a.resume(1), Yielded(6));
    assert_eq!(b.resume(100), Yielded(105));
    assert_eq!(a.resume(0), Complete(6));
    assert_eq!(b.resume(0), Complete(105));
}

#[test]
fn debug_shows_where_it_is_and_what_it_keeps() {
    let mut g = accumulate("tony");
    assert_eq!(
        format!("{g:?}"),
        r#"accumulate { at: start, name: "tony" }"#
    );
    g.resume(0);
    g.resume(3);
    // Line 11 of this file holds the `yield_!` of `accumulate`. `name` is
    // not used after it and is `Copy`: not kept, as in rustc's coroutines.
    assert_eq!(
        format!("{g:?}"),
        r#"accumulate { at: yield #0 (line 11), total: 3 }"#
    );
    g.resume(0);
    assert_eq!(format!("{g:?}"), "accumulate { at: done }");
}

#[test]
fn equal_when_suspended_at_the_same_point_with_equal_locals() {
    let mut a = accumulate("x");
    let mut b = accumulate("x");
    assert_eq!(a, b);
    a.resume(0);
    assert_ne!(a, b);
    b.resume(0);
    assert_eq!(a, b);
    a.resume(2);
    b.resume(3);
    assert_ne!(a, b);
}

/// Backtracking: explore both choices at each step by forking.
#[generator(yield = Vec<u8>, resume = bool, derive(Clone))]
fn path(depth: u8) {
    let mut taken = Vec::new();
    while taken.len() < depth as usize {
        let go_left = yield_!(taken.clone());
        taken.push(if go_left { 0 } else { 1 });
    }
    yield_!(taken);
}

fn explore<G: Generator<bool, Yield = Vec<u8>> + Clone>(
    g: &G,
    choice: bool,
    leaves: &mut Vec<Vec<u8>>,
    depth: usize,
) {
    let mut g = g.clone();
    let Yielded(p) = g.resume(choice) else { return };
    if p.len() == depth {
        leaves.push(p);
        return;
    }
    explore(&g, true, leaves, depth);
    explore(&g, false, leaves, depth);
}

#[test]
fn forking_drives_a_backtracking_search() {
    let mut root = path(3);
    root.resume(false);
    let mut leaves = Vec::new();
    explore(&root, true, &mut leaves, 3);
    explore(&root, false, &mut leaves, 3);
    assert_eq!(leaves.len(), 8);
    assert_eq!(leaves[0], [0, 0, 0]);
    assert_eq!(leaves[7], [1, 1, 1]);
}

#[test]
fn blocks_derive_what_their_state_allows() {
    let mut g = generator_block!(yield = i32; move {
        for i in 0..3 {
            yield_!(i);
        }
    });
    g.next();
    let mut fork = g.clone();
    assert_eq!(g.next(), Some(1));
    assert_eq!(fork.next(), Some(1));
}
