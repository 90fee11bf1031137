//! Every generator is `Unpin`, whatever it stores, as rustc's movable
//! coroutines are: nothing in baozi pins.

use std::marker::PhantomPinned;

use baozi_core::prelude::*;

fn assert_unpin<T: Unpin>(_: &T) {}

/// Not `Unpin`, and not `Copy`.
struct Pinned(String, PhantomPinned);

fn pinned() -> Pinned {
    Pinned(String::from("包子"), PhantomPinned)
}

#[generator(yield = u32)]
fn keeps_a_phantom_pinned() -> String {
    let pinned = pinned();
    yield_!(1);
    yield_!(2);
    pinned.0
}

#[test]
fn a_generator_storing_phantom_pinned_is_unpin() {
    let mut g = keeps_a_phantom_pinned();
    assert_unpin(&g);
    assert_eq!(g.next(), Some(1));
    assert_unpin(&g);
    assert_eq!(g.collect::<Vec<_>>(), [2]);
}

#[test]
fn a_generator_block_storing_phantom_pinned_is_unpin() {
    let mut g = generator_block!({
        let pinned = pinned();
        yield_!(1u8);
        drop(pinned);
    });
    assert_unpin(&g);
    assert_eq!(g.next(), Some(1));
}

/// `T` is not known to be `Unpin`, and the generator stores it.
#[generator(yield = T)]
fn twice<T: Clone>(x: T) {
    yield_!(x.clone());
    yield_!(x);
}

fn boxed_unpin<T: Clone + 'static>(x: T) -> Box<dyn Generator<Yield = T, Return = ()> + Unpin> {
    Box::new(twice(x))
}

#[test]
fn an_unpin_trait_object_with_a_generic_yield_type() {
    let mut g = boxed_unpin(PhantomPinned);
    assert_eq!(g.send(()), Some(PhantomPinned));
    assert_eq!(g.send(()), Some(PhantomPinned));
    assert_eq!(g.send(()), None);
    let mut s = boxed_unpin(String::from("包子"));
    assert_eq!(s.send(()).as_deref(), Some("包子"));
}

/// A generator's own return type says `Unpin`: its body, where the hidden
/// type cannot be looked into, boxes itself as `dyn Generator + Unpin`.
#[generator(yield = u32)]
fn countdown(n: u32) {
    yield_!(n);
    if n > 0 {
        let rest: Box<dyn Generator<Yield = u32, Return = ()> + Unpin> = Box::new(countdown(n - 1));
        yield_from!(rest);
    }
}

#[test]
fn a_recursive_generator_boxes_itself_as_unpin() {
    assert_eq!(countdown(3).collect::<Vec<_>>(), [3, 2, 1, 0]);
}
