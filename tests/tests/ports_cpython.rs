//! CPython's generator classics (the doctests of `Lib/test/test_generators.py`
//! and PEP 380's examples), written as idiomatic Rust with baozi, as a
//! Python user would first port them.

use std::cell::RefCell;

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;

// Origin: test_generators.py, `fib` (the tutorial's first example).
#[generator(yield = u64)]
fn fib() {
    let (mut a, mut b) = (0, 1);
    loop {
        yield_!(b);
        (a, b) = (b, a + b);
    }
}

#[test]
fn fibonacci() {
    assert_eq!(
        fib().take(10).collect::<Vec<_>>(),
        [1, 1, 2, 3, 5, 8, 13, 21, 34, 55]
    );
}

// Origin: test_generators.py, `yrange`.
#[generator(yield = u32)]
fn yrange(n: u32) {
    let mut i = 0;
    while i < n {
        yield_!(i);
        i += 1;
    }
}

#[test]
fn yrange_counts() {
    assert_eq!(yrange(5).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    assert_eq!(yrange(0).count(), 0);
}

// Origin: test_generators.py, "generators can call other generators".
#[generator(yield = u32)]
fn one_then_two() {
    yield_!(1);
    yield_!(2);
}

#[generator(yield = u32)]
fn calls_other() {
    yield_!(0);
    for x in one_then_two() {
        yield_!(x);
    }
    yield_!(3);
}

#[test]
fn generator_calls_generator() {
    assert_eq!(calls_other().collect::<Vec<_>>(), [0, 1, 2, 3]);
}

// Origin: test_generators.py, `return` in a generator ends it; PEP 380's
// return value (`StopIteration.value`).
#[generator(yield = u32)]
fn stops_early(n: u32) -> &'static str {
    for i in 0.. {
        if i == n {
            return "stopped";
        }
        yield_!(i);
    }
    unreachable!()
}

#[test]
fn return_ends_generator() {
    let mut g = stops_early(2);
    assert_eq!(g.by_ref().collect::<Vec<_>>(), [0, 1]);
    assert_eq!(g.take_return(), Some("stopped"));
}

// Origin: test_generators.py, the binary tree class with a recursive
// in-order generator.
enum Tree {
    Leaf,
    Node(Box<Tree>, char, Box<Tree>),
}

fn tree_from(s: &[char]) -> Tree {
    if s.is_empty() {
        return Tree::Leaf;
    }
    let mid = s.len() / 2;
    Tree::Node(
        Box::new(tree_from(&s[..mid])),
        s[mid],
        Box::new(tree_from(&s[mid + 1..])),
    )
}

#[generator(yield = char)]
fn inorder<'t>(t: &'t Tree) {
    if let Tree::Node(left, label, right) = t {
        yield_from!(inorder(left).boxed());
        yield_!(*label);
        yield_from!(inorder(right).boxed());
    }
}

#[test]
fn tree_inorder_recursive() {
    let letters: Vec<char> = ('A'..='Z').collect();
    let t = tree_from(&letters);
    assert_eq!(
        inorder(&t).collect::<String>(),
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    );
}

// Origin: test_generators.py, the non-recursive in-order generator (an
// explicit stack).
#[generator(yield = char)]
fn inorder_stack<'t>(mut node: &'t Tree) {
    let mut stack: Vec<&'t Tree> = Vec::new();
    loop {
        while let Tree::Node(left, _, _) = node {
            stack.push(node);
            node = left;
        }
        match stack.pop() {
            Some(Tree::Node(_, label, right)) => {
                yield_!(*label);
                node = right;
            }
            _ => break,
        }
    }
}

#[test]
fn tree_inorder_stack() {
    let letters: Vec<char> = ('A'..='Z').collect();
    let t = tree_from(&letters);
    assert_eq!(
        inorder_stack(&t).collect::<String>(),
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    );
}

// Origin: test_generators.py, `firstn`.
#[generator(yield = I::Item)]
fn firstn<I: Iterator>(mut it: I, n: usize) {
    for _ in 0..n {
        match it.next() {
            Some(x) => yield_!(x),
            None => return,
        }
    }
}

#[test]
fn firstn_of_fib() {
    assert_eq!(firstn(fib(), 5).collect::<Vec<_>>(), [1, 1, 2, 3, 5]);
    assert_eq!(firstn(0..2, 5).collect::<Vec<_>>(), [0, 1]);
}

// Origin: test_generators.py, coroutine tests: `while True: print((yield))`.
#[generator(resume = &'static str)]
fn printer<'a>(out: &'a RefCell<Vec<String>>) {
    loop {
        let line = yield_!();
        out.borrow_mut().push(line.to_string());
    }
}

#[test]
fn coroutine_printer() {
    let out = RefCell::new(Vec::new());
    let mut p = printer(&out);
    p.resume("");
    p.send("a");
    p.send("b");
    assert_eq!(*out.borrow(), ["a", "b"]);
}

// Origin: test_generators.py coroutine tests, the running average (`term =
// yield average`).
#[generator(yield = Option<f64>, resume = f64)]
fn averager() {
    let (mut total, mut count) = (0.0, 0);
    let mut average = None;
    loop {
        let term = yield_!(average);
        total += term;
        count += 1;
        average = Some(total / count as f64);
    }
}

#[test]
fn running_average() {
    let mut a = averager();
    assert_eq!(a.resume(0.0), Yielded(None));
    assert_eq!(a.send(10.0), Some(Some(10.0)));
    assert_eq!(a.send(30.0), Some(Some(20.0)));
    assert_eq!(a.send(5.0), Some(Some(15.0)));
}

// Origin: PEP 380, `accumulate` and `gather_tallies` (a subgenerator's
// return value through `yield from`).
#[generator(resume = Option<i32>)]
fn accumulate() -> i32 {
    let mut tally = 0;
    loop {
        match yield_!() {
            None => return tally,
            Some(n) => tally += n,
        }
    }
}

#[generator(resume = Option<i32>)]
fn gather_tallies<'a>(tallies: &'a RefCell<Vec<i32>>) {
    loop {
        let tally = yield_from!(accumulate());
        tallies.borrow_mut().push(tally);
    }
}

#[test]
fn pep380_gather_tallies() {
    let tallies = RefCell::new(Vec::new());
    let mut acc = gather_tallies(&tallies);
    acc.resume(None);
    for i in 0..4 {
        acc.send(Some(i));
    }
    acc.send(None);
    for i in 0..5 {
        acc.send(Some(i));
    }
    acc.send(None);
    assert_eq!(*tallies.borrow(), [6, 10]);
}

// Origin: PEP 380, values sent to the delegating generator reach the
// subgenerator, and its return value comes back.
#[generator(yield = String, resume = i32)]
fn echo_sub() -> &'static str {
    let mut x = yield_!("sub ready".to_string());
    while x != 0 {
        x = yield_!(format!("sub got {x}"));
    }
    "sub done"
}

#[generator(yield = String, resume = i32)]
fn delegator() {
    yield_!("outer start".to_string());
    let r = yield_from!(echo_sub());
    yield_!(format!("outer saw {r}"));
}

#[test]
fn pep380_send_through() {
    let mut g = delegator();
    assert_eq!(g.resume(0), Yielded("outer start".to_string()));
    assert_eq!(g.send(7).as_deref(), Some("sub ready"));
    assert_eq!(g.send(1).as_deref(), Some("sub got 1"));
    assert_eq!(g.send(2).as_deref(), Some("sub got 2"));
    assert_eq!(g.send(0).as_deref(), Some("outer saw sub done"));
    assert_eq!(g.resume(0), Complete(()));
}

// Origin: a classic `flatten` with `yield from` on nested lists.
enum Nested {
    Int(i32),
    List(Vec<Nested>),
}

#[generator(yield = i32)]
fn flatten<'a>(items: &'a [Nested]) {
    for item in items {
        match item {
            Nested::Int(i) => yield_!(*i),
            Nested::List(v) => yield_from!(flatten(v).boxed()),
        }
    }
}

#[test]
fn flatten_nested() {
    use Nested::*;
    let data = vec![
        Int(1),
        List(vec![Int(2), List(vec![Int(3), Int(4)])]),
        Int(5),
    ];
    assert_eq!(flatten(&data).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
}

// Origin: test_generators.py, a generator that returns before any yield.
#[generator(yield = u8)]
#[allow(unreachable_code)]
fn empty() {
    return;
    yield_!(1);
}

#[test]
fn empty_generator() {
    assert_eq!(empty().count(), 0);
}

// Origin: PEP 380, `yield from` a subgenerator that returns without
// yielding: its return value is the expression's value.
#[generator(yield = u8)]
fn answer() -> u32 {
    42
}

#[generator(yield = u8)]
fn uses_answer() -> u32 {
    let x = yield_from!(answer());
    yield_!(1);
    x + 1
}

#[test]
fn pep380_subgenerator_without_yield() {
    let mut g = uses_answer();
    assert_eq!(g.by_ref().collect::<Vec<_>>(), [1]);
    assert_eq!(g.take_return(), Some(43));
}
