//! Function signatures the attribute accepts: generics, lifetimes, where
//! clauses, `impl Trait` arguments, pattern and `mut` parameters, methods.

mod common;

use std::fmt::Display;

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;
use common::*;

// ---------------------------------------------------------------- generics

#[generator(yield = T)]
fn repeat<T: Clone>(x: T, n: usize) -> T {
    for _ in 0..n {
        let copy: T = x.clone();
        yield_!(copy);
    }
    x
}

#[test]
fn generic_type_parameter() {
    assert_eq!(run(repeat("s", 2)), (vec!["s", "s"], "s"));
    assert_eq!(run(repeat(vec![1u8], 1)), (vec![vec![1u8]], vec![1u8]));
}

#[generator(yield = String)]
fn labeled<T>(items: Vec<T>) -> usize
where
    T: Display,
{
    let mut n = 0;
    for (i, item) in items.into_iter().enumerate() {
        yield_!(format!("{i}: {item}"));
        n += 1;
    }
    n
}

#[test]
fn where_clause() {
    assert_eq!(
        run(labeled(vec![1.5, 2.0])),
        (vec!["0: 1.5".to_string(), "1: 2".to_string()], 2)
    );
}

#[generator(yield = [u8; N])]
fn chunks<const N: usize>(bytes: Vec<u8>) -> Vec<u8> {
    let mut buf = [0u8; N];
    let mut filled = 0;
    let mut rest = Vec::new();
    for b in bytes {
        buf[filled] = b;
        filled += 1;
        if filled == N {
            yield_!(buf);
            filled = 0;
        }
    }
    rest.extend_from_slice(&buf[..filled]);
    rest
}

#[test]
fn const_generic_parameter() {
    assert_eq!(
        run(chunks::<2>(vec![1, 2, 3, 4, 5])),
        (vec![[1, 2], [3, 4]], vec![5])
    );
    assert_eq!(run(chunks::<3>(vec![1, 2, 3])), (vec![[1, 2, 3]], vec![]));
}

#[generator(yield = T, resume = T)]
fn accumulate<T>() -> T
where
    T: std::ops::AddAssign + Copy + Default + PartialEq,
{
    let mut total = T::default();
    loop {
        let x = yield_!(total);
        if x == T::default() {
            return total;
        }
        total += x;
    }
}

#[test]
fn generic_resume_type() {
    let mut g = accumulate::<f64>();
    assert_eq!(
        drive(&mut g, [0.0, 1.5, 2.0, 0.0]),
        [Yielded(0.0), Yielded(1.5), Yielded(3.5), Complete(3.5)]
    );
    let mut g = accumulate::<i64>();
    assert_eq!(
        drive(&mut g, [9, 4, 0]),
        [Yielded(0), Yielded(4), Complete(4)]
    );
}

#[generator(yield = (K, V))]
fn sorted_pairs<K: Ord + Clone, V: Clone>(map: std::collections::BTreeMap<K, V>) {
    for (k, v) in map {
        yield_!((k, v));
    }
}

#[test]
fn several_type_parameters() {
    let map = [(2, 'b'), (1, 'a')].into_iter().collect();
    assert_eq!(sorted_pairs(map).collect::<Vec<_>>(), [(1, 'a'), (2, 'b')]);
}

// ---------------------------------------------------------------- lifetimes

#[generator(yield = &'a str)]
fn split_words<'a>(s: &'a str) -> usize {
    let mut n = 0;
    for w in s.split_whitespace() {
        n += 1;
        yield_!(w);
    }
    n
}

#[test]
fn explicit_lifetime_borrowing_an_argument() {
    let text = String::from("the quick  brown fox");
    let words: Vec<&str> = split_words(&text).collect();
    assert_eq!(words, ["the", "quick", "brown", "fox"]);
    assert_eq!(run(split_words(&text)).1, 4);
}

#[generator(yield = &str)]
fn elided_words(s: &str) {
    for w in s.split(',') {
        yield_!(w.trim());
    }
}

#[test]
fn elided_lifetime_in_argument_and_yield_type() {
    let owned = String::from("a, b ,c");
    assert_eq!(elided_words(&owned).collect::<Vec<_>>(), ["a", "b", "c"]);
}

#[generator(yield = usize)]
fn lengths(s: &str) {
    for w in s.split(' ') {
        yield_!(w.len());
    }
}

#[test]
fn borrowed_argument_not_mentioned_in_the_yield_type() {
    let owned = String::from("ab cde f");
    let g = lengths(&owned);
    assert_eq!(g.collect::<Vec<_>>(), [2, 3, 1]);
}

#[generator(yield = (&'a i32, &'b str))]
fn zip_refs<'a, 'b>(xs: &'a [i32], ys: &'b [String]) -> &'a [i32]
where
    'a: 'a,
{
    let mut i = 0;
    while i < xs.len() && i < ys.len() {
        yield_!((&xs[i], ys[i].as_str()));
        i += 1;
    }
    &xs[i..]
}

#[test]
fn two_lifetimes() {
    let xs = vec![1, 2, 3];
    let ys = vec!["one".to_string(), "two".to_string()];
    let (pairs, rest) = run(zip_refs(&xs, &ys));
    assert_eq!(pairs, [(&1, "one"), (&2, "two")]);
    assert_eq!(rest, [3]);
}

#[generator(yield = &'a T)]
fn every_other<'a, T>(items: &'a [T]) {
    for (i, item) in items.iter().enumerate() {
        if i % 2 == 0 {
            yield_!(item);
        }
    }
}

#[test]
fn lifetime_and_type_parameter_with_slice_iterator_across_yields() {
    let v = vec!['a', 'b', 'c', 'd', 'e'];
    assert_eq!(every_other(&v).copied().collect::<String>(), "ace");
}

#[generator(yield = u8)]
fn from_dyn(it: &mut dyn Iterator<Item = u8>) -> usize {
    let mut n = 0;
    while let Some(x) = it.next() {
        n += 1;
        yield_!(x);
    }
    n
}

#[test]
fn mutable_borrow_of_a_trait_object_argument() {
    let mut source = vec![3u8, 4].into_iter();
    assert_eq!(run(from_dyn(&mut source)), (vec![3, 4], 2));
    assert_eq!(source.next(), None);
}

// ---------------------------------------------------------------- impl Trait and patterns

#[generator(yield = i32)]
fn doubled(it: impl IntoIterator<Item = i32>) {
    for x in it {
        yield_!(x * 2);
    }
}

#[generator(yield = i32)]
fn mapped(f: impl Fn(i32) -> i32, xs: impl Iterator<Item = i32> + Clone) -> usize {
    let n = xs.clone().count();
    for x in xs {
        yield_!(f(x));
    }
    n
}

#[test]
fn impl_trait_arguments() {
    assert_eq!(doubled(vec![1, 2]).collect::<Vec<_>>(), [2, 4]);
    assert_eq!(doubled(1..=3).collect::<Vec<_>>(), [2, 4, 6]);
    let offset = 100;
    assert_eq!(run(mapped(|x| x + offset, 0..3)), (vec![100, 101, 102], 3));
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    x: i32,
    y: i32,
}

#[generator(yield = i32)]
fn pattern_params((a, b): (i32, i32), Point { x, y: why }: Point, [first, second]: [u8; 2]) -> i32 {
    yield_!(a);
    yield_!(b);
    yield_!(x);
    yield_!(why);
    i32::from(first) + i32::from(second)
}

#[test]
fn pattern_parameters() {
    assert_eq!(
        run(pattern_params((1, 2), Point { x: 3, y: 4 }, [5, 6])),
        (vec![1, 2, 3, 4], 11)
    );
}

#[generator(yield = u32)]
fn countdown(mut n: u32, _: &str, mut history: Vec<u32>) -> Vec<u32> {
    while n > 0 {
        yield_!(n);
        history.push(n);
        n -= 1;
    }
    history
}

#[test]
fn mut_and_wildcard_parameters() {
    assert_eq!(
        run(countdown(3, "ignored", vec![0])),
        (vec![3, 2, 1], vec![0, 3, 2, 1])
    );
}

// ---------------------------------------------------------------- methods

struct Counter {
    base: u32,
    step: u32,
}

impl Counter {
    const LIMIT: u32 = 1000;

    fn new(base: u32) -> Self {
        Counter { base, step: 1 }
    }

    #[generator(yield = u32)]
    fn up_to(&self, n: u32) -> u32 {
        let mut v = self.base;
        let mut count = 0;
        while v < n.min(Self::LIMIT) {
            yield_!(v);
            v += self.step;
            count += 1;
        }
        count
    }

    #[generator(yield = u32)]
    fn bump(&mut self, times: u32) {
        for _ in 0..times {
            self.base += self.step;
            yield_!(self.base);
        }
    }

    #[generator(yield = u32)]
    fn into_parts(self) -> Counter {
        yield_!(self.base);
        yield_!(self.step);
        let fresh = Self::new(self.base + self.step);
        yield_!(fresh.base);
        self
    }

    #[generator(yield = Self)]
    fn family(start: u32) {
        for b in start..start + 2 {
            yield_!(Self::new(b));
        }
    }
}

#[test]
fn method_on_shared_self() {
    let c = Counter { base: 10, step: 5 };
    assert_eq!(run(c.up_to(25)), (vec![10, 15, 20], 3));
    // several generators can borrow the same value
    let (a, b) = (c.up_to(12), c.up_to(16));
    assert_eq!(a.chain(b).collect::<Vec<_>>(), [10, 10, 15]);
}

#[test]
fn method_on_mutable_self() {
    let mut c = Counter { base: 0, step: 2 };
    {
        let mut g = c.bump(3);
        assert_eq!(g.next(), Some(2));
        assert_eq!(g.next(), Some(4));
    }
    assert_eq!(c.base, 4, "the dropped generator's changes stay");
    assert_eq!(c.bump(2).collect::<Vec<_>>(), [6, 8]);
    assert_eq!(c.base, 8);
}

#[test]
fn method_taking_self_by_value() {
    let c = Counter { base: 7, step: 3 };
    let (ys, back) = run(c.into_parts());
    assert_eq!(ys, [7, 3, 10]);
    assert_eq!((back.base, back.step), (7, 3));
}

#[test]
fn associated_function_using_self_type() {
    let bases: Vec<u32> = Counter::family(4).map(|c| c.base).collect();
    assert_eq!(bases, [4, 5]);
}

struct Stack<T> {
    items: Vec<T>,
}

impl<T: Clone> Stack<T> {
    #[generator(yield = T)]
    fn iter_rev(&self) {
        let mut i = self.items.len();
        while i > 0 {
            i -= 1;
            yield_!(self.items[i].clone());
        }
    }

    #[generator(yield = &T)]
    fn refs(&self) -> usize {
        for x in &self.items {
            yield_!(x);
        }
        self.items.len()
    }

    #[generator(yield = T)]
    fn drain_top(&mut self, n: usize) -> usize {
        let mut taken = 0;
        while taken < n {
            match self.items.pop() {
                Some(x) => yield_!(x),
                None => break,
            }
            taken += 1;
        }
        taken
    }
}

#[test]
fn methods_of_a_generic_impl() {
    let mut s = Stack {
        items: vec!['a', 'b', 'c'],
    };
    assert_eq!(s.iter_rev().collect::<String>(), "cba");
    assert_eq!(run(s.refs()), (vec![&'a', &'b', &'c'], 3));
    assert_eq!(run(s.drain_top(2)), (vec!['c', 'b'], 2));
    assert_eq!(s.items, ['a']);
    assert_eq!(run(s.drain_top(5)), (vec!['a'], 1));
}

// ---------------------------------------------------------------- traits

trait Numbers {
    fn numbers(&self) -> impl Iterator<Item = u32>;
}

struct Evens(u32);

impl Numbers for Evens {
    #[allow(refining_impl_trait)]
    #[generator(yield = u32)]
    fn numbers(&self) {
        for i in 0..self.0 {
            yield_!(i * 2);
        }
    }
}

#[test]
fn implements_a_trait_method_returning_impl_iterator() {
    assert_eq!(Evens(3).numbers().collect::<Vec<_>>(), [0, 2, 4]);
}

trait Shape {
    fn sides(&self) -> u32;

    #[generator(yield = u32)]
    fn corner_ids(&self) -> u32 {
        for i in 0..self.sides() {
            yield_!(i);
        }
        self.sides()
    }
}

struct Triangle;

impl Shape for Triangle {
    fn sides(&self) -> u32 {
        3
    }
}

#[test]
fn default_trait_method() {
    assert_eq!(run(Triangle.corner_ids()), (vec![0, 1, 2], 3));
}

// ---------------------------------------------------------------- attributes, visibility, nesting

mod inner {
    use baozi_core::prelude::*;

    /// Documented generator: doc comments and attributes are kept.
    #[must_use]
    #[inline]
    #[generator(yield = u8)]
    pub fn public_gen() -> u8 {
        yield_!(1);
        2
    }

    #[generator(yield = u8)]
    pub(crate) fn crate_gen() {
        yield_!(3);
    }
}

#[test]
fn visibility_and_other_attributes() {
    assert_eq!(run(inner::public_gen()), (vec![1], 2));
    assert_eq!(inner::crate_gen().collect::<Vec<_>>(), [3]);
}

#[test]
fn generator_declared_inside_a_function() {
    #[generator(yield = char)]
    fn letters(s: &str) {
        for c in s.chars() {
            if c.is_alphabetic() {
                yield_!(c);
            }
        }
    }
    assert_eq!(letters("a1b2").collect::<String>(), "ab");
}

#[generator(yield = u8, resume = u8)]
fn explicit_unit_return() -> () {
    let x = yield_!(1);
    if x == 0 {
        return;
    }
    yield_!(x);
}

#[test]
fn explicit_unit_return_type_and_bare_return() {
    let mut g = explicit_unit_return();
    assert_eq!(drive(&mut g, [9, 0]), [Yielded(1), Complete(())]);
    let mut g = explicit_unit_return();
    assert_eq!(
        drive(&mut g, [9, 5, 0]),
        [Yielded(1), Yielded(5), Complete(())]
    );
}

#[generator(yield = Box<dyn Fn(i32) -> i32>)]
fn yields_closures(k: i32) {
    yield_!(Box::new(move |x| x + k));
    yield_!(Box::new(move |x| x * k));
}

#[test]
fn yield_type_with_a_trait_object() {
    let fs: Vec<_> = yields_closures(3).collect();
    assert_eq!(fs.iter().map(|f| f(10)).collect::<Vec<_>>(), [13, 30]);
}

#[generator(yield = Vec<Option<(u8, String)>>, resume = std::collections::HashMap<String, u8>)]
fn complex_types() -> Result<Option<u8>, Box<dyn std::error::Error>> {
    let map = yield_!(vec![None]);
    let mut v: Vec<Option<(u8, String)>> = map.into_iter().map(|(k, v)| Some((v, k))).collect();
    v.sort();
    yield_!(v);
    Ok(Some(1))
}

#[test]
fn paths_and_generic_types_in_attribute_arguments() {
    let mut g = complex_types();
    match g.resume(Default::default()) {
        Yielded(v) => assert_eq!(v, [None]),
        other => panic!("unexpected {other:?}"),
    }
    let map = [("b".to_string(), 2), ("a".to_string(), 1)]
        .into_iter()
        .collect();
    match g.resume(map) {
        Yielded(v) => assert_eq!(v, [Some((1, "a".to_string())), Some((2, "b".to_string()))]),
        other => panic!("unexpected {other:?}"),
    }
    match g.resume(Default::default()) {
        Complete(Ok(Some(1))) => {}
        other => panic!("unexpected {other:?}"),
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Node {
    id: u32,
}

impl Node {
    #[generator(yield = Self)]
    fn successors(&self, n: u32) -> Vec<Self> {
        let mut made: Vec<Self> = Vec::new();
        for i in 1..=n {
            let next: Self = Node { id: self.id + i };
            made.push(next.clone());
            yield_!(next);
        }
        made
    }
}

#[test]
fn self_type_in_local_annotations() {
    let (ys, made) = run(Node { id: 10 }.successors(2));
    assert_eq!(ys, [Node { id: 11 }, Node { id: 12 }]);
    assert_eq!(made, ys);
}

#[generator(yield = String)]
fn unsized_generic<T: ?Sized + Display>(x: &T, times: usize) {
    for i in 0..times {
        yield_!(format!("{i}:{x}"));
    }
}

#[test]
fn unsized_type_parameter_behind_a_reference() {
    assert_eq!(unsized_generic("s", 2).collect::<Vec<_>>(), ["0:s", "1:s"]);
    let d: &dyn Display = &7;
    assert_eq!(unsized_generic(d, 1).collect::<Vec<_>>(), ["0:7"]);
}

#[generator(yield = &'a mut i32)]
fn each_mut<'a>(v: &'a mut [i32]) {
    for x in v {
        yield_!(x);
    }
}

#[test]
fn yielding_mutable_references_into_an_argument() {
    let mut data = vec![1, 2, 3];
    for (i, x) in each_mut(&mut data).enumerate() {
        *x *= 10 + i as i32;
    }
    assert_eq!(data, [10, 22, 36]);
}
