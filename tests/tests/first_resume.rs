//! The first resume's argument, received, as rustc's `|arg| { .. }`
//! coroutines and next-gen's `resume(T) as arg` receive it; without it,
//! the first argument is dropped, as Python's first `send(None)`.

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;

#[generator(yield = String, resume = String as first)]
fn echo() -> usize {
    let mut count = 0;
    let mut line = first;
    while !line.is_empty() {
        count += 1;
        line = yield_!(format!("echo {line}"));
    }
    count
}

#[test]
fn a_function_receives_its_first_argument() {
    let mut g = echo();
    assert_eq!(g.resume("a".into()), Yielded("echo a".into()));
    assert_eq!(g.resume("b".into()), Yielded("echo b".into()));
    assert_eq!(g.resume(String::new()), Complete(2));
}

#[test]
fn a_block_receives_it_as_a_closure_parameter() {
    let mut g = generator_block!(|first: u32| {
        let mut total = first;
        loop {
            total += yield_!(total);
        }
    });
    assert_eq!(g.resume(5), Yielded(5));
    assert_eq!(g.resume(2), Yielded(7));

    let mut patterned = generator_block!(yield = u8; move |(a, b): (u8, u8)| {
        yield_!(a + b);
        let (c, d) = yield_!(a * b);
        c * 10 + d
    });
    assert_eq!(patterned.resume((2, 3)), Yielded(5));
    assert_eq!(patterned.resume((0, 0)), Yielded(6));
    assert_eq!(patterned.resume((4, 2)), Complete(42));
}

/// The first argument is kept across yields like any local, and dropped
/// where its binding's scope ends.
#[test]
fn the_received_argument_is_a_local_like_any_other() {
    use std::cell::RefCell;
    use std::rc::Rc;
    struct Noisy(Rc<RefCell<Vec<String>>>, &'static str);
    impl Drop for Noisy {
        fn drop(&mut self) {
            self.0.borrow_mut().push(format!("-{}", self.1));
        }
    }
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut g = generator_block!(yield = (), resume = Noisy; |first| {
        yield_!();
        let _second = yield_!();
        drop(first);
        yield_!();
    });
    g.resume(Noisy(log.clone(), "first"));
    assert!(log.borrow().is_empty(), "received, not dropped");
    // The value of a `yield_!();` statement is dropped at once.
    g.resume(Noisy(log.clone(), "second"));
    assert_eq!(*log.borrow(), ["-second"]);
    g.resume(Noisy(log.clone(), "third"));
    assert_eq!(*log.borrow(), ["-second", "-first"]);
    drop(g);
    assert_eq!(*log.borrow(), ["-second", "-first", "-third"]);
}

#[test]
fn without_it_the_first_argument_is_dropped() {
    let mut g = generator_block!(yield = u32, resume = u32; {
        let x = yield_!(0);
        yield_!(x);
    });
    assert_eq!(g.resume(100), Yielded(0));
    assert_eq!(g.resume(7), Yielded(7));
}
