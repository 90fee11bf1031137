//! Boxed generators with the resume type `()` are iterators, whichever auto
//! traits their object type names.

use std::thread;

use baozi_core::prelude::*;

#[generator(yield = u32)]
fn up_to(n: u32) -> u32 {
    for i in 0..n {
        yield_!(i);
    }
    n
}

#[test]
fn a_boxed_generator_collects() {
    assert_eq!(up_to(4).boxed().collect::<Vec<_>>(), [0, 1, 2, 3]);
    let g: BoxGenerator<'static, u32, (), u32> = up_to(3).boxed();
    assert_eq!(g.map(|x| x * 10).sum::<u32>(), 30);
}

/// The recursive call's iterator is kept across the `yield_!`: boxed, its
/// type does not contain the generator's own.
#[generator(yield = u32)]
fn walk(n: u32) {
    if n > 0 {
        for x in walk(n - 1).boxed() {
            yield_!(x);
        }
    }
    yield_!(n);
}

#[test]
fn a_recursive_generator_iterates_over_its_boxed_call() {
    let values: Vec<u32> = walk(1000).collect();
    assert_eq!(values, (0..=1000).collect::<Vec<_>>());
}

#[test]
fn object_types_with_auto_traits_are_iterators() {
    let plain: Box<dyn Generator<Yield = u32, Return = u32>> = Box::new(up_to(2));
    let send: Box<dyn Generator<Yield = u32, Return = u32> + Send> = Box::new(up_to(2));
    let sync: Box<dyn Generator<Yield = u32, Return = u32> + Sync> = Box::new(up_to(2));
    let both: Box<dyn Generator<Yield = u32, Return = u32> + Send + Sync> = Box::new(up_to(2));
    let unpin: Box<dyn Generator<Yield = u32, Return = u32> + Unpin> = Box::new(up_to(2));
    let send_unpin: Box<dyn Generator<Yield = u32, Return = u32> + Send + Unpin> =
        Box::new(up_to(2));
    let sync_unpin: Box<dyn Generator<Yield = u32, Return = u32> + Sync + Unpin> =
        Box::new(up_to(2));
    let all: Box<dyn Generator<Yield = u32, Return = u32> + Send + Sync + Unpin> =
        Box::new(up_to(2));
    assert_eq!(plain.collect::<Vec<_>>(), [0, 1]);
    assert_eq!(send.collect::<Vec<_>>(), [0, 1]);
    assert_eq!(sync.collect::<Vec<_>>(), [0, 1]);
    assert_eq!(both.collect::<Vec<_>>(), [0, 1]);
    assert_eq!(unpin.collect::<Vec<_>>(), [0, 1]);
    assert_eq!(send_unpin.collect::<Vec<_>>(), [0, 1]);
    assert_eq!(sync_unpin.collect::<Vec<_>>(), [0, 1]);
    assert_eq!(all.collect::<Vec<_>>(), [0, 1]);
}

#[test]
fn a_borrowed_trait_object_is_an_iterator() {
    let mut g = up_to(3);
    let erased: &mut dyn Generator<Yield = u32, Return = u32> = &mut g;
    assert_eq!(erased.next(), Some(0));
    assert_eq!(erased.collect::<Vec<_>>(), [1, 2]);
}

#[test]
fn a_boxed_send_generator_iterates_on_another_thread() {
    let g: Box<dyn Generator<Yield = u32, Return = u32> + Send> = Box::new(up_to(5));
    let sum = thread::spawn(move || g.sum::<u32>()).join().unwrap();
    assert_eq!(sum, 10);
}

#[test]
fn boxed_generators_of_different_functions_in_one_collection() {
    #[generator(yield = u32)]
    fn twice(x: u32) -> u32 {
        yield_!(x);
        yield_!(x);
        x
    }
    let gens: Vec<BoxGenerator<'static, u32, (), u32>> = vec![up_to(2).boxed(), twice(7).boxed()];
    assert_eq!(gens.into_iter().flatten().collect::<Vec<_>>(), [0, 1, 7, 7]);
}

#[test]
fn the_box_is_still_a_generator() {
    let mut g = up_to(1).boxed();
    assert_eq!(g.next(), Some(0));
    assert_eq!(g.resume(()), GeneratorState::Complete(1));
}

fn assert_fused<I: std::iter::FusedIterator>(i: I) -> I {
    i
}

#[test]
fn a_boxed_generator_is_fused_and_keeps_its_return_value() {
    let mut g = assert_fused(up_to(1).boxed());
    assert_eq!(g.next(), Some(0));
    assert_eq!(g.next(), None);
    assert_eq!(g.next(), None);
    assert_eq!(g.take_return(), Some(1));
    let send: Box<dyn Generator<Yield = u32, Return = u32> + Send + Sync + Unpin> =
        Box::new(up_to(0));
    let mut send = assert_fused(send);
    assert_eq!(send.next(), None);
    assert_eq!(send.next(), None);
}

/// The fixes the recursion error suggests (`tests/ui/fail/recursion_without_a_box.rs`).
#[generator(yield = u32)]
fn walk_let(n: u32) {
    let mut below = walk_let(n.saturating_sub(1)).boxed();
    yield_!(n);
    if n > 0 {
        while let Some(x) = below.next() {
            yield_!(x);
        }
    }
}

struct Counter;

impl Counter {
    #[generator(yield = u32)]
    fn down(&self, n: u32) {
        yield_!(n);
        if n > 0 {
            yield_from!(self.down(n - 1).boxed());
        }
    }
}

#[test]
fn the_boxed_fixes_of_the_recursion_error() {
    assert_eq!(walk_let(2).collect::<Vec<_>>(), [2, 1, 0]);
    assert_eq!(Counter.down(2).collect::<Vec<_>>(), [2, 1, 0]);
}
