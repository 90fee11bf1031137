//! Completion, as Python's `StopIteration.value` gives it: the return value
//! survives iteration (`take_return`), `is_complete` says whether a
//! generator will yield again, and `send` and `next` stay `None` once it
//! completed.

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;

#[generator(yield = u32)]
fn count_to(n: u32) -> String {
    for i in 1..=n {
        yield_!(i);
    }
    format!("counted to {n}")
}

#[test]
fn the_return_value_survives_a_for_loop() {
    let mut g = count_to(3);
    let mut seen = Vec::new();
    for x in &mut g {
        seen.push(x);
    }
    assert_eq!(seen, [1, 2, 3]);
    assert!(g.is_complete());
    assert_eq!(g.take_return().as_deref(), Some("counted to 3"));
    assert_eq!(g.take_return(), None, "taken once");
    assert_eq!(g.next(), None);
}

#[test]
fn no_return_value_before_completion() {
    let mut g = count_to(2);
    assert!(!g.is_complete());
    assert_eq!(g.take_return(), None);
    assert_eq!(g.next(), Some(1));
    assert_eq!(g.take_return(), None);
    assert!(!g.is_complete());
}

#[test]
fn resume_hands_the_return_value_out_itself() {
    let mut g = count_to(1);
    assert_eq!(g.resume(()), Yielded(1));
    assert_eq!(g.resume(()), Complete("counted to 1".to_string()));
    assert!(g.is_complete());
    assert_eq!(g.take_return(), None);
}

#[generator(yield = u64, resume = u64)]
fn summer() -> u64 {
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            return total;
        }
        total += x;
    }
}

#[test]
fn send_keeps_the_return_value_and_returns_none_forever() {
    let mut g = summer();
    assert_eq!(g.send(0), Some(0));
    assert_eq!(g.send(4), Some(4));
    assert_eq!(g.send(5), Some(9));
    assert_eq!(g.send(0), None);
    assert_eq!(g.send(7), None);
    assert_eq!(g.send(7), None);
    assert!(g.is_complete());
    assert_eq!(g.take_return(), Some(9));
}

#[test]
fn through_a_box_and_a_mutable_reference() {
    let mut boxed: Box<dyn Generator<Yield = u32, Return = String>> = Box::new(count_to(2));
    assert_eq!(boxed.send(()), Some(1));
    assert_eq!(boxed.send(()), Some(2));
    assert_eq!(boxed.send(()), None);
    assert!(boxed.is_complete());
    assert_eq!(boxed.take_return().as_deref(), Some("counted to 2"));

    let mut g = count_to(1);
    let by_ref = &mut g;
    assert_eq!(by_ref.send(()), Some(1));
    assert_eq!(by_ref.send(()), None);
    assert_eq!(by_ref.take_return().as_deref(), Some("counted to 1"));
}

#[test]
fn a_block_keeps_its_return_value_too() {
    let mut g = generator_block!({
        yield_!('a');
        yield_!('b');
        42u8
    });
    assert_eq!((&mut g).collect::<String>(), "ab");
    assert_eq!(g.take_return(), Some(42));
}

#[test]
fn a_generator_that_returns_at_once() {
    let mut g = generator_block!({
        if false {
            yield_!(0u8);
        }
        "at once"
    });
    assert!(!g.is_complete(), "calling runs nothing");
    assert_eq!(g.next(), None);
    assert!(g.is_complete());
    assert_eq!(g.take_return(), Some("at once"));
}

/// A local kept across a yield whose `Drop` records when it runs: the return
/// value kept for `take_return` is the generator's, not a local's, so the
/// locals still drop when the generator completes.
#[test]
fn locals_drop_at_completion_even_when_the_return_value_is_kept() {
    use std::cell::RefCell;
    use std::rc::Rc;
    struct Noisy(Rc<RefCell<Vec<&'static str>>>);
    impl Drop for Noisy {
        fn drop(&mut self) {
            self.0.borrow_mut().push("dropped");
        }
    }
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut g = generator_block!(move {
        let _n = Noisy(log.clone());
        yield_!(1);
        log
    });
    assert_eq!(g.next(), Some(1));
    assert_eq!(g.next(), None);
    let log = g.take_return().unwrap();
    assert_eq!(*log.borrow(), ["dropped"]);
}
