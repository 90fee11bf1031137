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

/// Each level resumes the next through a box: 1500 nested resumes, on a
/// thread with room for them in a debug build (1500 frames of a step
/// function built without optimisation take more than the 2 MiB a test
/// thread gets).
#[test]
fn recursion_deeper_than_a_thousand() {
    std::thread::Builder::new()
        .stack_size(32 << 20)
        .spawn(|| {
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
        })
        .unwrap()
        .join()
        .unwrap();
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

// ---- `yield_from!` of anything iterable, when the resume type is `()` ----

#[generator(yield = u32)]
fn from_a_range() -> u32 {
    yield_from!(0..3);
    let unit: () = yield_from!(10..=11);
    assert_eq!(unit, ());
    99
}

#[test]
fn a_range_yields_each_item_and_evaluates_to_unit() {
    let mut g = from_a_range();
    assert_eq!((&mut g).collect::<Vec<_>>(), [0, 1, 2, 10, 11]);
    let mut g = from_a_range();
    for _ in 0..5 {
        assert!(matches!(g.resume(()), Yielded(_)));
    }
    assert_eq!(g.resume(()), Complete(99));
}

#[generator(yield = String)]
fn from_a_vec(words: Vec<String>) -> usize {
    let n = words.len();
    yield_from!(words);
    n
}

#[test]
fn a_vec_is_moved_in_and_yields_its_items() {
    let mut g = from_a_vec(vec!["包子".to_string(), "饅頭".to_string()]);
    assert_eq!(g.next().as_deref(), Some("包子"));
    assert_eq!(g.next().as_deref(), Some("饅頭"));
    assert_eq!(g.resume(()), Complete(2));
}

#[generator(yield = u8)]
fn from_iterators<'a>(bytes: &'a [u8], text: &'a str) {
    yield_from!(bytes.iter().copied());
    yield_from!(text.chars().map(|c| c as u8));
}

#[test]
fn iterators_over_arguments() {
    assert_eq!(
        from_iterators(&[1, 2], "ab").collect::<Vec<_>>(),
        [1, 2, 97, 98]
    );
}

#[generator(yield = char)]
fn from_chars(text: &str) {
    let chars = text.chars();
    yield_from!(chars);
}

#[generator(yield = &'a u8)]
fn from_a_borrowed_slice<'a>(bytes: &'a [u8]) {
    yield_from!(bytes);
}

#[test]
fn a_chars_and_a_borrowed_slice() {
    assert_eq!(from_chars("包子").collect::<String>(), "包子");
    assert_eq!(from_a_borrowed_slice(&[5, 6]).collect::<Vec<_>>(), [&5, &6]);
}

#[test]
fn a_generic_iterator_and_part_of_one_through_a_mutable_borrow() {
    #[generator(yield = u32)]
    fn then_100<I: Iterator<Item = u32>>(it: I) {
        yield_from!(it);
        yield_!(100);
    }
    let mut numbers = 0..5;
    assert_eq!(
        then_100(numbers.by_ref().take(2)).collect::<Vec<_>>(),
        [0, 1, 100]
    );
    assert_eq!(numbers.collect::<Vec<_>>(), [2, 3, 4]);
}

#[test]
fn generator_blocks_infer_their_resume_type_around_an_iterable() {
    let words = vec!["包子", "饅頭"];
    let g = generator_block!(move {
        yield_from!(words);
        yield_from!(["餃子"]);
    });
    assert_eq!(g.collect::<Vec<_>>(), ["包子", "饅頭", "餃子"]);

    // Resumed with `i32`, inferred from `send`: the inner generator is one.
    let mut g = generator_block!({
        let total = yield_from!(echo(2));
        yield_!(total);
    });
    assert_eq!(g.send(0), Some(0));
    assert_eq!(g.send(4), Some(40));
    assert_eq!(g.send(5), Some(5));
}

/// A generator for every resume type: `yield_from!` takes the outer
/// generator's.
struct Countdown(u8);

impl<R> Generator<R> for Countdown {
    type Yield = u8;
    type Return = &'static str;
    fn resume(&mut self, _: R) -> GeneratorState<u8, &'static str> {
        if self.0 == 0 {
            return Complete("liftoff");
        }
        self.0 -= 1;
        Yielded(self.0)
    }
    fn is_complete(&self) -> bool {
        false
    }
    fn take_return(&mut self) -> Option<&'static str> {
        None
    }
}

#[test]
fn a_generator_for_several_resume_types() {
    #[generator(yield = u8, resume = char)]
    fn launch() -> &'static str {
        yield_from!(Countdown(2))
    }
    let mut g = launch();
    assert_eq!(g.resume('a'), Yielded(1));
    assert_eq!(g.resume('b'), Yielded(0));
    assert_eq!(g.resume('c'), Complete("liftoff"));
}

#[test]
fn a_boxed_generator_that_is_also_an_iterator_is_delegated_to_as_a_generator() {
    #[generator(yield = u32)]
    fn sum_of(gens: Vec<BoxGenerator<'static, u32, (), u32>>) -> u32 {
        let mut total = 0;
        for g in gens {
            total += yield_from!(g);
        }
        total
    }
    let mut g = sum_of(vec![count_to(2).boxed(), count_to(3).boxed()]);
    assert_eq!((&mut g).collect::<Vec<_>>(), [1, 2, 1, 2, 3]);
    assert_eq!(g.take_return(), Some(5));
}
