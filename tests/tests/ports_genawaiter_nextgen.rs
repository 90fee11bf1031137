//! Ports of genawaiter's and next-gen's tests and examples to baozi, as a
//! user of those crates would first write them.

use std::cell::RefCell;

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;

// Origin: genawaiter tests/stack.rs, `odd_numbers_less_than_ten`.
#[generator(yield = i32)]
fn odd_numbers_less_than_ten() {
    for n in (1..).step_by(2).take_while(|&n| n < 10) {
        yield_!(n);
    }
}

#[test]
fn genawaiter_basic() {
    assert_eq!(
        odd_numbers_less_than_ten().collect::<Vec<_>>(),
        [1, 3, 5, 7, 9]
    );
}

// Origin: genawaiter examples/linked_list.rs: a list's `iter()` made by a
// generator walking borrowed nodes.
enum Child<T> {
    Next { next: Box<Child<T>>, val: T },
    None,
}

struct List<T> {
    next: Child<T>,
}

#[generator(yield = &'a T)]
fn walk<'a, T>(first: &'a Child<T>) {
    let mut current = first;
    loop {
        if let Child::Next { next, val } = current {
            yield_!(val);
            current = next;
        } else {
            break;
        }
    }
}

impl<T> List<T> {
    fn new() -> List<T> {
        List { next: Child::None }
    }

    fn insert(&mut self, val: T) {
        let mut current = &mut self.next;
        while let Child::Next { next, .. } = current {
            current = next;
        }
        *current = Child::Next {
            next: Box::new(Child::None),
            val,
        };
    }

    fn iter(&self) -> impl Iterator<Item = &T> {
        walk(&self.next)
    }
}

#[test]
fn genawaiter_linked_list() {
    let mut list = List::new();
    for v in 10..14 {
        list.insert(v);
    }
    assert_eq!(list.iter().copied().collect::<Vec<_>>(), [10, 11, 12, 13]);
}

// Origin: genawaiter's docs, "Resume arguments": a printer fed with
// `resume_with`.
#[test]
fn genawaiter_resume_arguments() {
    let log = RefCell::new(Vec::new());
    let mut printer = generator_block!({
        loop {
            let string = yield_!(());
            log.borrow_mut().push(string);
        }
    });
    printer.resume("");
    printer.resume("hello");
    printer.resume("world");
    drop(printer);
    assert_eq!(log.into_inner(), ["hello", "world"]);
}

// Origin: genawaiter's docs, "Completion value".
#[test]
fn genawaiter_completion_value() {
    let mut g = generator_block!({
        yield_!(10);
        "done"
    });
    assert_eq!(g.resume(()), Yielded(10));
    assert_eq!(g.resume(()), Complete("done"));
}

// Origin: next-gen src/tests.rs, `basic`.
#[generator(yield = u8)]
fn three_values() {
    yield_!(42);
    yield_!(0);
    yield_!(27);
}

#[test]
fn nextgen_basic() {
    assert_eq!(three_values().collect::<Vec<_>>(), [42, 0, 27]);
}

// Origin: next-gen src/tests.rs, `range`.
#[generator(yield = u8)]
fn range(start: u8, end: u8) {
    let mut current = start;
    while current < end {
        yield_!(current);
        current += 1;
    }
}

#[test]
fn nextgen_range() {
    assert_eq!(range(2, 8).collect::<Vec<_>>(), (2..8).collect::<Vec<_>>());
}

// Origin: next-gen src/tests.rs, `gen_iter` (iterate, then get the return
// value).
type Question = &'static str;
type Answer = i32;

#[generator(yield = Question)]
fn answer() -> Answer {
    yield_!("What is the answer to life, the universe and everything?");
    42
}

#[test]
fn nextgen_gen_iter() {
    let mut g = answer();
    for question in &mut g {
        assert_eq!(
            question,
            "What is the answer to life, the universe and everything?"
        );
    }
    assert_eq!(g.take_return(), Some(42));
}

// Origin: next-gen src/doc_examples/generator.rs, `countdown` with a
// generic return value.
#[generator(yield = u8)]
fn countdown<Ret>(count: u8, value: Ret) -> Ret {
    let mut current = count;
    while let Some(next) = current.checked_sub(1) {
        yield_!(current);
        current = next;
    }
    value
}

#[test]
fn nextgen_countdown() {
    let mut g = countdown(3, "Boom!");
    assert_eq!(g.resume(()), Yielded(3));
    assert_eq!(g.resume(()), Yielded(2));
    assert_eq!(g.resume(()), Yielded(1));
    assert_eq!(g.resume(()), Complete("Boom!"));
}

// Origin: next-gen tests/recursion.rs, `auto_heap_state`: recursion as a
// generator that yields the argument it needs computed and is resumed with
// the result, driven by an explicit stack.
fn drive_recursion<A, G, R: Default>(arg: A, mut start: impl FnMut(A) -> G) -> R
where
    G: Generator<R, Yield = A, Return = R>,
{
    let mut suspended = Vec::new();
    let mut current = start(arg);
    let mut result = R::default();
    loop {
        match current.resume(result) {
            Complete(r) => match suspended.pop() {
                None => return r,
                Some(outer) => {
                    current = outer;
                    result = r;
                }
            },
            Yielded(arg) => {
                suspended.push(current);
                current = start(arg);
                result = R::default();
            }
        }
    }
}

#[generator(yield = u64, resume = u64)]
fn triangular(n: u64) -> u64 {
    if n == 0 { 0 } else { n + yield_!(n - 1) }
}

#[test]
fn nextgen_recursion() {
    assert_eq!(drive_recursion(1 << 16, triangular), 2147516416);
}

// Origin: genawaiter examples/error_propagation.rs: yield `Result`s, and
// the consumer stops at the first error with `?`.
fn process(num: u8) -> Result<String, String> {
    if num > 5 {
        return Err("enhance your small".to_string());
    }
    Ok(format!(":{num}:"))
}

fn consume(
    counter: impl Iterator<Item = Result<String, String>>,
    seen: &mut Vec<String>,
) -> Result<(), String> {
    for result in counter {
        seen.push(result?);
    }
    Ok(())
}

#[test]
fn genawaiter_error_propagation() {
    let counter = generator_block!({
        for num in 0..10 {
            let _string = yield_!(process(num));
        }
    });
    let mut seen = Vec::new();
    assert_eq!(
        consume(counter, &mut seen),
        Err("enhance your small".to_string())
    );
    assert_eq!(seen, [":0:", ":1:", ":2:", ":3:", ":4:", ":5:"]);
}

// Origin: next-gen src/tests.rs, the `filter` and `map` adaptors, with
// `impl Trait` arguments, chained over `range`.
#[generator(yield = T)]
fn filter<T>(mut predicate: impl FnMut(&T) -> bool, iterable: impl IntoIterator<Item = T>) {
    for element in iterable {
        if predicate(&element) {
            yield_!(element);
        }
    }
}

#[generator(yield = U)]
fn map<T, U>(mut f: impl FnMut(T) -> U, iterable: impl IntoIterator<Item = T>) {
    for element in iterable {
        yield_!(f(element));
    }
}

#[test]
fn nextgen_filter_map_range() {
    let it = filter(|x| x % 2 == 0, range(2, 7));
    assert_eq!(it.collect::<Vec<_>>(), [2, 4, 6]);
    let it = map(|x| x * x, filter(|x| x % 2 == 0, range(2, 7)));
    assert_eq!(it.collect::<Vec<_>>(), [4, 16, 36]);
}
