//! Panics inside a generator body unwind through `resume`, drop the live
//! locals, and poison the generator; resuming a completed generator panics.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;
use common::*;

#[generator(yield = u32)]
fn panics_at(t: Trace, at: u32) -> &'static str {
    let _a = Noisy::new(&t, "a");
    for i in 0..3 {
        let _l = Noisy::new(&t, format!("l{i}"));
        if i == at {
            panic!("boom at {i}");
        }
        yield_!(i);
    }
    "finished"
}

#[test]
fn a_panic_unwinds_through_resume() {
    let t = trace();
    let mut g = panics_at(t.clone(), 1);
    assert_eq!(g.resume(()), Yielded(0));
    let msg = expect_panic(|| g.resume(()));
    assert_eq!(msg, "boom at 1");
}

#[test]
fn unwinding_drops_the_locals_alive_at_the_panic() {
    let t = trace();
    let mut g = panics_at(t.clone(), 1);
    g.resume(());
    assert_eq!(take(&t), ["+a", "+l0"]);
    expect_panic(|| g.resume(()));
    assert_eq!(take(&t), ["-l0", "+l1", "-l1", "-a"]);
    drop(g);
    assert!(take(&t).is_empty(), "nothing is dropped twice");
}

#[test]
fn a_panic_on_the_first_resume_drops_locals_and_parameters() {
    let t = trace();
    let p = Noisy::new(&t, "param");
    let mut g = takes_param(t.clone(), p);
    take(&t);
    let msg = expect_panic(|| g.resume(()));
    assert_eq!(msg, "early");
    assert_eq!(take(&t), ["+local", "-local", "-param"]);
    drop(g);
    assert!(take(&t).is_empty());
}

#[generator(yield = u8)]
fn takes_param(t: Trace, p: Noisy) {
    let _local = Noisy::new(&t, "local");
    if p.name == "param" {
        panic!("early");
    }
    yield_!(1);
}

#[test]
fn resuming_after_a_panic_panics() {
    let t = trace();
    let mut g = panics_at(t.clone(), 0);
    expect_panic(|| g.resume(()));
    let msg = expect_panic(|| g.resume(()));
    assert!(msg.contains("resumed after panicking"), "{msg}");
    let msg = expect_panic(|| g.resume(()));
    assert!(msg.contains("resumed after panicking"), "{msg}");
}

#[test]
fn after_a_panic_the_iterator_stays_fused() {
    let t = trace();
    let mut g = panics_at(t.clone(), 2);
    assert_eq!(g.next(), Some(0));
    assert_eq!(g.next(), Some(1));
    assert_eq!(expect_panic(|| g.next()), "boom at 2");
    assert!(g.is_complete(), "a poisoned generator will not yield again");
    assert_eq!(g.next(), None);
    assert_eq!(g.send(()), None);
    assert_eq!(g.take_return(), None);
    let msg = expect_panic(|| g.resume(()));
    assert_eq!(msg, "generator resumed after panicking");
}

#[test]
fn resume_after_completion_panics_but_send_returns_none() {
    let t = trace();
    let mut g = panics_at(t.clone(), 99);
    assert_eq!(run(&mut g), (vec![0, 1, 2], "finished"));
    let msg = expect_panic(|| g.resume(()));
    assert_eq!(msg, "generator resumed after completion");
    assert_eq!(g.send(()), None);
    assert_eq!(g.send(()), None);
}

/// Where a panic on this thread happened, from a panic hook (tests on
/// other threads may panic meanwhile).
fn panic_location(f: impl FnOnce()) -> String {
    use std::sync::{Arc, Mutex};
    let seen = Arc::new(Mutex::new(String::new()));
    let hook = std::panic::take_hook();
    let out = seen.clone();
    let this_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == this_thread
            && let Some(l) = info.location()
        {
            *out.lock().unwrap() = format!("{}:{}", l.file(), l.line());
        }
    }));
    let _ = catch_unwind(AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    seen.lock().unwrap().clone()
}

#[test]
fn resuming_an_ended_generator_panics_at_the_callers_line() {
    let mut done = immediately_done();
    done.resume(());
    let line = line!() + 2;
    let at = panic_location(|| {
        let _ = done.resume(());
    });
    assert_eq!(at, format!("{}:{line}", file!()));

    let t = trace();
    let mut poisoned = panics_at(t, 0);
    expect_panic(|| poisoned.resume(()));
    let mut boxed: Box<dyn Generator<Yield = u32, Return = &str> + '_> = Box::new(&mut poisoned);
    let line = line!() + 2;
    let at = panic_location(|| {
        let _ = boxed.resume(());
    });
    assert_eq!(at, format!("{}:{line}", file!()));
}

#[generator(yield = u8)]
fn immediately_done() -> u8 {
    7
}

#[test]
fn resume_after_completion_panics_even_without_yields() {
    let mut g = immediately_done();
    assert_eq!(g.resume(()), Complete(7));
    let msg = expect_panic(|| g.resume(()));
    assert_eq!(msg, "generator resumed after completion");
}

#[test]
fn next_after_completion_does_not_panic() {
    let mut g = immediately_done();
    assert_eq!(g.resume(()), Complete(7));
    assert_eq!(g.next(), None);
    assert_eq!(g.next(), None);
}

#[generator(yield = i32)]
fn panics_in_callee(v: Vec<i32>) {
    let mut i = 0;
    loop {
        yield_!(v[i]);
        i += 1;
    }
}

#[test]
fn a_panic_in_a_called_function_propagates() {
    let mut g = panics_in_callee(vec![5, 6]);
    assert_eq!(g.next(), Some(5));
    assert_eq!(g.next(), Some(6));
    let msg = expect_panic(|| g.next());
    assert!(msg.contains("index out of bounds"), "{msg}");
}

#[generator(yield = u8)]
fn panics_with_payload() {
    yield_!(1);
    std::panic::panic_any(42_i32);
}

#[test]
fn the_panic_payload_is_preserved() {
    let mut g = panics_with_payload();
    assert_eq!(g.next(), Some(1));
    let payload = catch_unwind(AssertUnwindSafe(|| g.next())).unwrap_err();
    assert_eq!(payload.downcast_ref::<i32>(), Some(&42));
}

#[generator(yield = &'static str)]
fn catches_inside(t: Trace) -> usize {
    let mut caught = 0;
    for i in 0..3 {
        let r = catch_unwind(|| {
            if i == 1 {
                panic!("inner");
            }
            i
        });
        match r {
            Ok(_) => yield_!("ok"),
            Err(_) => {
                caught += 1;
                log(&t, "caught");
                yield_!("caught");
            }
        }
    }
    caught
}

#[test]
fn a_panic_caught_inside_the_body_does_not_poison() {
    let t = trace();
    assert_eq!(
        run(catches_inside(t.clone())),
        (vec!["ok", "caught", "ok"], 1)
    );
    assert_eq!(take(&t), ["caught"]);
}

#[generator(yield = (), resume = Noisy)]
fn panics_holding_resume_value(t: Trace) {
    let _before = Noisy::new(&t, "before");
    let got = yield_!();
    if got.name == "bad" {
        panic!("got bad");
    }
    yield_!();
}

#[test]
fn unwinding_drops_a_received_resume_value() {
    let t = trace();
    let mut g = panics_holding_resume_value(t.clone());
    g.resume(Noisy::new(&t, "first"));
    take(&t);
    let bad = Noisy::new(&t, "bad");
    assert_eq!(expect_panic(|| g.resume(bad)), "got bad");
    assert_eq!(take(&t), ["+bad", "-bad", "-before"]);
    drop(g);
    assert!(take(&t).is_empty());
}

#[generator(yield = u8)]
fn asserts(x: u8) {
    yield_!(x);
    assert!(x < 10, "x = {x} is too big");
    yield_!(x + 1);
}

#[test]
fn assert_failures_in_the_body_carry_their_message() {
    assert_eq!(asserts(1).collect::<Vec<_>>(), [1, 2]);
    let mut g = asserts(50);
    assert_eq!(g.next(), Some(50));
    assert_eq!(expect_panic(|| g.next()), "x = 50 is too big");
}

#[test]
fn a_panicking_generator_can_be_moved_then_dropped() {
    let t = trace();
    let mut g = panics_at(t.clone(), 1);
    g.resume(());
    let mut moved = Box::new(g);
    expect_panic(|| moved.resume(()));
    let v = vec![moved];
    take(&t);
    drop(v);
    assert!(take(&t).is_empty());
}
