//! The state of a generator is a tagged union of what each suspension point
//! stores: these sizes are the hand-computed minimum (the largest variant
//! plus the tag, rounded up to the alignment).

use baozi_core::prelude::*;
use std::mem::size_of_val;

#[generator(yield = u64)]
fn count(n: u64) {
    let mut i = 0;
    while i < n {
        yield_!(i);
        i += 1;
    }
}

#[generator(yield = (), resume = u64)]
fn running_total() -> u64 {
    let mut total = 0;
    loop {
        let x = yield_!();
        if x == 0 {
            return total;
        }
        total += x;
    }
}

#[generator(yield = u8)]
fn big_buffer(n: usize) {
    let mut buf = [0u8; 4096];
    let mut i = 0;
    while i < n {
        yield_!(buf[i % 4096]);
        buf[i % 4096] = buf[i % 4096].wrapping_add(1);
        i += 1;
    }
}

#[generator(yield = u8)]
fn disjoint_scopes() {
    {
        let a = [1u8; 100];
        yield_!(a[0]);
        yield_!(a[99]);
    }
    {
        let b = [2u8; 200];
        yield_!(b[0]);
        yield_!(b[199]);
    }
}

#[generator(yield = u8)]
fn nothing_kept() {
    let first = {
        let a = [7u8; 1000];
        a[0]
    };
    yield_!(first);
}

#[generator(yield = u8)]
fn dead_before_the_end_of_its_block() {
    let a = [7u8; 1000];
    let first = a[0];
    yield_!(first);
}

#[test]
fn sizes_are_the_hand_computed_minimum() {
    // n and i (8 + 8) and the tag, aligned to 8.
    assert_eq!(size_of_val(&count(3)), 24);
    // total (8) and the tag.
    assert_eq!(size_of_val(&running_total()), 16);
    // buf (4096), i and n (8 + 8), the tag.
    assert_eq!(size_of_val(&big_buffer(3)), 4096 + 16 + 8);
    // `a` and `b` never live at the same time: they share space (200 + tag).
    assert_eq!(size_of_val(&disjoint_scopes()), 201);
    // `a` died with its block and `first` is moved into the yield: nothing
    // is kept, only the tag.
    assert_eq!(size_of_val(&nothing_kept()), 1);
    // A named local is in scope to the end of its block, but `a` is not
    // used after the yield and is `Copy` (no drop glue): not kept, as in
    // rustc's coroutine of the same body (1 byte too).
    assert_eq!(size_of_val(&dead_before_the_end_of_its_block()), 1);
    let g = nothing_kept();
    assert_eq!(g.collect::<Vec<_>>(), [7]);
    assert_eq!(disjoint_scopes().collect::<Vec<_>>(), [1, 1, 2, 2]);
}

#[generator(yield = u64)]
fn count_then_return(n: u64) -> u64 {
    let mut i = 0;
    while i < n {
        yield_!(i);
        i += 1;
    }
    n
}

#[generator(yield = u64)]
fn two_delegations() -> u64 {
    let a = yield_from!(count_then_return(3));
    let b = yield_from!(count_then_return(4));
    a + b
}

#[test]
fn a_delegating_generator_holds_its_delegate_and_nothing_more() {
    // The delegate: n and i and its tag.
    assert_eq!(size_of_val(&count_then_return(1)), 24);
    // While delegating the second time: the delegate (24) and `a` (8); the
    // first delegation's space is reused, and the outer tag fits in the
    // spare values of the delegate's tag.
    assert_eq!(size_of_val(&two_delegations()), 24 + 8);
    assert_eq!(two_delegations().collect::<Vec<_>>(), [0, 1, 2, 0, 1, 2, 3]);
}
