//! `yield_from!`: Python's `yield from` (PEP 380).

use baozi_core::prelude::*;
use baozi_core::{BoxGenerator, GeneratorState::*};

#[generator(yield = i32, resume = i32)]
fn echo(times: usize) -> i32 {
    let mut last = 0;
    for _ in 0..times {
        last = yield_!(last * 10);
    }
    last
}

#[generator(yield = i32, resume = i32)]
fn outer() -> (i32, i32) {
    let first = yield_!(-1);
    let inner = yield_from!(echo(2));
    (first, inner)
}

#[test]
fn values_go_out_sends_go_in_and_the_return_value_comes_back() {
    let mut g = outer();
    assert_eq!(g.resume(0), Yielded(-1));
    // The inner generator starts with `i32::default()` and yields 0.
    assert_eq!(g.resume(7), Yielded(0));
    assert_eq!(g.resume(3), Yielded(30));
    assert_eq!(g.resume(4), Complete((7, 4)));
}

#[generator(yield = u32)]
fn count_to(n: u32) -> u32 {
    for i in 1..=n {
        yield_!(i);
    }
    n
}

#[generator(yield = u32)]
fn sequential() -> u32 {
    let a = yield_from!(count_to(2));
    let b = yield_from!(count_to(3));
    yield_from!(count_to(a)) + b
}

#[test]
fn delegations_in_sequence_and_in_expressions() {
    let mut g = sequential();
    let items: Vec<u32> = (&mut g).collect();
    assert_eq!(items, [1, 2, 1, 2, 3, 1, 2]);
}

#[generator(yield = u32)]
fn depth(n: u32) -> u32 {
    if n == 0 {
        yield_!(0);
        return 0;
    }
    let below = yield_from!(depth(n - 1).boxed());
    yield_!(n);
    below + 1
}

#[test]
fn recursion_deeper_than_a_thousand() {
    let mut g = depth(1500);
    let mut seen = 0;
    let mut state = g.resume(());
    while let Yielded(v) = state {
        assert_eq!(v, seen);
        seen += 1;
        state = g.resume(());
    }
    assert_eq!(state, Complete(1500));
    assert_eq!(seen, 1501);
}

enum Tree {
    Leaf,
    Node(Box<Tree>, i64, Box<Tree>),
}

fn perfect(depth: u32, next: &mut i64) -> Tree {
    if depth == 0 {
        return Tree::Leaf;
    }
    let left = perfect(depth - 1, next);
    let value = *next;
    *next += 1;
    let right = perfect(depth - 1, next);
    Tree::Node(Box::new(left), value, Box::new(right))
}

#[generator(yield = i64)]
fn in_order<'t>(tree: &'t Tree) -> usize {
    match tree {
        Tree::Leaf => 0,
        Tree::Node(left, value, right) => {
            let l = yield_from!(in_order(left).boxed());
            yield_!(*value);
            let r = yield_from!(in_order(right).boxed());
            l + 1 + r
        }
    }
}

#[test]
fn recursive_in_order_traversal() {
    let tree = perfect(10, &mut 0);
    let mut g = in_order(&tree);
    let values: Vec<i64> = (&mut g).collect();
    assert_eq!(values, (0..1023).collect::<Vec<_>>());
}

#[test]
fn delegating_to_a_type_erased_generator() {
    let boxed: BoxGenerator<'static, u32, (), u32> = count_to(2).boxed();
    #[generator(yield = u32)]
    fn wrap(inner: BoxGenerator<'static, u32, (), u32>) -> u32 {
        yield_from!(inner) * 100
    }
    let mut g = wrap(boxed);
    assert_eq!(g.resume(()), Yielded(1));
    assert_eq!(g.resume(()), Yielded(2));
    assert_eq!(g.resume(()), Complete(200));
}

#[generator(yield = u32)]
fn plain_for_over_a_generator() -> u32 {
    let mut total = 0;
    for x in count_to(3) {
        total += x;
        yield_!(x * 2);
    }
    total
}

#[test]
fn a_for_loop_over_another_generator_still_works() {
    let mut g = plain_for_over_a_generator();
    assert_eq!((&mut g).collect::<Vec<_>>(), [2, 4, 6]);
}
