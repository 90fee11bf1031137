//! The generator protocol: lazy start, yielding, resuming with values,
//! completing, the `Iterator` view, and moving generators around.

mod common;

use std::cell::Cell;
use std::rc::Rc;

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;
use common::*;

#[generator(yield = u32)]
fn count_to(n: u32) -> &'static str {
    let mut i = 0;
    while i < n {
        i += 1;
        yield_!(i);
    }
    "done"
}

#[test]
fn yields_each_value_then_completes_with_the_tail_expression() {
    let mut g = count_to(3);
    assert_eq!(g.resume(()), Yielded(1));
    assert_eq!(g.resume(()), Yielded(2));
    assert_eq!(g.resume(()), Yielded(3));
    assert_eq!(g.resume(()), Complete("done"));
}

#[test]
fn run_to_completion_helper() {
    assert_eq!(run(count_to(4)), (vec![1, 2, 3, 4], "done"));
    assert_eq!(run(count_to(0)), (vec![], "done"));
}

#[generator(yield = &'static str)]
fn side_effects(hits: Rc<Cell<u32>>) {
    hits.set(hits.get() + 1);
    yield_!("first");
    hits.set(hits.get() + 10);
    yield_!("second");
    hits.set(hits.get() + 100);
}

#[test]
fn calling_the_function_runs_nothing() {
    let hits = Rc::new(Cell::new(0));
    let g = side_effects(hits.clone());
    assert_eq!(hits.get(), 0);
    drop(g);
    assert_eq!(hits.get(), 0);
    assert_eq!(
        Rc::strong_count(&hits),
        1,
        "dropping the generator drops its arguments"
    );
}

#[test]
fn each_resume_runs_exactly_to_the_next_yield() {
    let hits = Rc::new(Cell::new(0));
    let mut g = side_effects(hits.clone());
    assert_eq!(g.resume(()), Yielded("first"));
    assert_eq!(hits.get(), 1);
    assert_eq!(g.resume(()), Yielded("second"));
    assert_eq!(hits.get(), 11);
    assert_eq!(g.resume(()), Complete(()));
    assert_eq!(hits.get(), 111);
    drop(g);
    assert_eq!(Rc::strong_count(&hits), 1);
}

#[test]
fn is_an_iterator_when_the_resume_type_is_unit() {
    assert_eq!(count_to(4).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert_eq!(count_to(10).filter(|x| x % 2 == 0).sum::<u32>(), 30);
    assert_eq!(
        count_to(3).zip(count_to(5).skip(2)).collect::<Vec<_>>(),
        [(1, 3), (2, 4), (3, 5)]
    );
    assert_eq!(count_to(0).next(), None);
}

#[test]
fn iterator_returns_none_forever_after_completion() {
    let mut g = count_to(1);
    assert_eq!(g.next(), Some(1));
    assert_eq!(g.next(), None);
    assert_eq!(g.next(), None);
    assert_eq!(g.next(), None);
}

#[test]
fn iterator_and_resume_can_be_mixed() {
    let mut g = count_to(4);
    assert_eq!(g.next(), Some(1));
    assert_eq!(g.resume(()), Yielded(2));
    assert_eq!(g.by_ref().take(1).collect::<Vec<_>>(), [3]);
    assert_eq!(g.resume(()), Yielded(4));
    assert_eq!(g.resume(()), Complete("done"));
}

#[generator(yield = String, resume = String)]
fn echo() -> String {
    let mut last = String::from("start");
    loop {
        let got = yield_!(last.clone());
        if got == "stop" {
            return last;
        }
        last = got;
    }
}

#[test]
fn first_resume_argument_is_discarded() {
    let mut g = echo();
    assert_eq!(
        g.resume("ignored".to_string()),
        Yielded("start".to_string())
    );
    assert_eq!(g.resume("a".to_string()), Yielded("a".to_string()));
    assert_eq!(g.resume("b".to_string()), Yielded("b".to_string()));
    assert_eq!(g.resume("stop".to_string()), Complete("b".to_string()));
}

#[generator(yield = i32, resume = i32)]
fn running_total() -> i32 {
    let mut total = 0;
    while total < 10 {
        total += yield_!(total);
    }
    total
}

#[test]
fn resume_argument_becomes_the_value_of_yield() {
    let mut g = running_total();
    assert_eq!(
        drive(&mut g, [0, 4, 7]),
        [Yielded(0), Yielded(4), Complete(11)]
    );
}

#[test]
fn send_returns_the_yielded_value_or_none_on_completion() {
    let mut g = running_total();
    assert_eq!(g.send(100), Some(0));
    assert_eq!(g.send(3), Some(3));
    assert_eq!(g.send(3), Some(6));
    assert_eq!(g.send(5), None);
}

#[generator(yield = u32, resume = u32)]
fn doubler() {
    let mut x = yield_!(0);
    while x != 0 {
        x = yield_!(x * 2);
    }
}

#[test]
fn send_in_a_loop_like_python() {
    let mut g = doubler();
    assert_eq!(g.send(0), Some(0));
    let out: Vec<_> = [1, 2, 21].into_iter().map(|x| g.send(x).unwrap()).collect();
    assert_eq!(out, [2, 4, 42]);
    assert_eq!(g.send(0), None);
}

#[generator(yield = (), resume = &'static str)]
fn consumer(name: &'static str) -> Vec<String> {
    let mut eaten = Vec::new();
    loop {
        let baozi = yield_!();
        if baozi.is_empty() {
            return eaten;
        }
        eaten.push(format!("[{baozi}] eaten by [{name}]"));
    }
}

#[test]
fn producer_consumer_with_a_unit_yield() {
    let mut c = consumer("Tony");
    assert_eq!(c.resume(""), Yielded(()));
    assert_eq!(c.send("pork"), Some(()));
    assert_eq!(c.send("leek"), Some(()));
    assert_eq!(
        c.resume(""),
        Complete(vec![
            "[pork] eaten by [Tony]".to_string(),
            "[leek] eaten by [Tony]".to_string()
        ])
    );
}

#[generator(yield = u8)]
fn no_yields(x: u8) -> u8 {
    x * 2
}

#[test]
fn a_body_without_yield_completes_on_the_first_resume() {
    let mut g = no_yields(21);
    assert_eq!(g.resume(()), Complete(42));
    assert_eq!(no_yields(1).count(), 0);
}

#[generator]
fn ticks(n: usize) {
    for _ in 0..n {
        yield_!();
    }
}

#[test]
fn default_yield_and_return_types_are_unit() {
    let mut g = ticks(2);
    assert_eq!(g.resume(()), Yielded(()));
    assert_eq!(g.resume(()), Yielded(()));
    assert_eq!(g.resume(()), Complete(()));
    assert_eq!(ticks(5).count(), 5);
}

#[generator(yield = String)]
fn greetings(names: Vec<&'static str>) -> usize {
    let mut n = 0;
    for name in names {
        let line = format!("hello, {name}");
        yield_!(line);
        n += 1;
    }
    n
}

#[test]
fn yields_owned_non_copy_values() {
    assert_eq!(
        run(greetings(vec!["a", "b"])),
        (vec!["hello, a".to_string(), "hello, b".to_string()], 2)
    );
}

#[test]
fn instances_are_independent() {
    let mut a = count_to(3);
    let mut b = count_to(3);
    assert_eq!(a.next(), Some(1));
    assert_eq!(a.next(), Some(2));
    assert_eq!(b.next(), Some(1));
    assert_eq!(a.next(), Some(3));
    assert_eq!(b.next(), Some(2));
}

#[test]
fn can_be_moved_between_resumes() {
    fn advance<G: Generator<Yield = u32>>(mut g: G) -> (Option<u32>, G) {
        let y = match g.resume(()) {
            Yielded(y) => Some(y),
            Complete(_) => None,
        };
        (y, g)
    }
    let g = count_to(3);
    let (y1, g) = advance(g);
    let moved = g;
    let mut boxed = Box::new(moved);
    assert_eq!(boxed.resume(()), Yielded(2));
    let (y3, g) = advance(*boxed);
    let mut v: Vec<_> = std::iter::once(g).collect();
    assert_eq!((y1, y3), (Some(1), Some(3)));
    assert_eq!(v[0].resume(()), Complete("done"));
}

#[test]
fn generators_stored_in_a_vec_round_robin() {
    let mut gens: Vec<_> = (1..=3).map(count_to).collect();
    let mut out = Vec::new();
    while !gens.is_empty() {
        gens.retain_mut(|g| match g.next() {
            Some(x) => {
                out.push(x);
                true
            }
            None => false,
        });
    }
    assert_eq!(out, [1, 1, 1, 2, 2, 3]);
}

#[test]
fn mutable_references_and_boxes_are_generators() {
    fn first_two<G: Generator<Yield = u32, Return = &'static str>>(
        mut g: G,
    ) -> [GeneratorState<u32, &'static str>; 2] {
        [g.resume(()), g.resume(())]
    }
    let mut g = count_to(3);
    assert_eq!(first_two(&mut g), [Yielded(1), Yielded(2)]);
    assert_eq!(first_two(Box::new(&mut g)), [Yielded(3), Complete("done")]);
}

#[test]
fn boxed_trait_objects() {
    let mut gens: Vec<Box<dyn Generator<Yield = u32, Return = &'static str>>> =
        vec![Box::new(count_to(1)), Box::new(ticks_as_u32())];
    assert_eq!(gens[0].resume(()), Yielded(1));
    assert_eq!(gens[1].resume(()), Yielded(7));
    assert_eq!(gens[0].resume(()), Complete("done"));
    assert_eq!(gens[1].resume(()), Complete("ticks"));
}

#[generator(yield = u32)]
fn ticks_as_u32() -> &'static str {
    yield_!(7);
    "ticks"
}

#[generator(yield = u32)]
fn delegate() -> String {
    // Python's `r = yield from count_to(2)`, spelled out.
    let mut inner = count_to(2);
    let r = loop {
        match inner.resume(()) {
            Yielded(y) => {
                yield_!(y * 100);
            }
            Complete(r) => break r,
        }
    };
    format!("inner said {r}")
}

#[test]
fn yield_from_another_generator() {
    assert_eq!(
        run(delegate()),
        (vec![100, 200], "inner said done".to_string())
    );
}

#[generator(yield = u32)]
fn flatten_gens(n: u32) {
    for k in 1..=n {
        for x in count_to(k) {
            yield_!(x);
        }
    }
}

#[test]
fn generators_iterated_inside_generators() {
    assert_eq!(flatten_gens(3).collect::<Vec<_>>(), [1, 1, 2, 1, 2, 3]);
}

#[generator(yield = u32)]
fn countdown_recursive(n: u32) {
    if n == 0 {
        return;
    }
    yield_!(n);
    let rest: Box<dyn Iterator<Item = u32>> = Box::new(countdown_recursive(n - 1));
    for x in rest {
        yield_!(x);
    }
}

#[test]
fn recursion_through_a_boxed_iterator() {
    assert_eq!(countdown_recursive(4).collect::<Vec<_>>(), [4, 3, 2, 1]);
}

enum Tree {
    Leaf,
    Node(Box<Tree>, i32, Box<Tree>),
}

fn node(l: Tree, v: i32, r: Tree) -> Tree {
    Tree::Node(Box::new(l), v, Box::new(r))
}

#[generator(yield = i32)]
fn inorder(t: &Tree) {
    if let Tree::Node(l, v, r) = t {
        let left: Box<dyn Iterator<Item = i32> + '_> = Box::new(inorder(l));
        for x in left {
            yield_!(x);
        }
        yield_!(*v);
        let right: Box<dyn Iterator<Item = i32> + '_> = Box::new(inorder(r));
        for x in right {
            yield_!(x);
        }
    }
}

#[test]
fn recursive_tree_walk_borrowing_the_argument() {
    use Tree::Leaf;
    let t = node(node(Leaf, 1, node(Leaf, 2, Leaf)), 3, node(Leaf, 4, Leaf));
    assert_eq!(inorder(&t).collect::<Vec<_>>(), [1, 2, 3, 4]);
}

#[generator(yield = u64)]
fn fib() {
    let (mut a, mut b) = (0u64, 1u64);
    loop {
        yield_!(a);
        (a, b) = (b, a + b);
    }
}

#[test]
fn infinite_generator_with_take() {
    assert_eq!(
        fib().take(10).collect::<Vec<_>>(),
        [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
    );
}

#[test]
fn a_million_resumes_do_not_grow_the_stack() {
    assert_eq!(ticks(1_000_000).count(), 1_000_000);
    let mut g = count_to(u32::MAX);
    let mut last = 0;
    for _ in 0..1_000_000 {
        last = g.next().unwrap();
    }
    assert_eq!(last, 1_000_000);
}

#[test]
fn generator_state_derives() {
    let s: GeneratorState<u8, &str> = Yielded(1);
    let c = s;
    assert_eq!(s, c);
    assert!(Yielded::<u8, u8>(1) < Complete(0));
    assert_eq!(
        format!("{:?}", Complete::<u8, &str>("x")),
        "Complete(\"x\")"
    );
}

/// An attribute on a block statement with a yield (a lint attribute; a
/// `#[cfg]` there is refused, see `tests/ui/fail/cfg_on_a_rewritten_statement.rs`).
#[generator(yield = i32)]
fn attributed_block() {
    #[allow(unused_variables)]
    {
        let unused = 0;
        yield_!(1);
    }
    yield_!(2);
}

#[test]
fn a_block_statement_with_an_attribute_yields() {
    assert_eq!(attributed_block().collect::<Vec<_>>(), [1, 2]);
}
