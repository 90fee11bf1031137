//! In-place resumes: a suspension whose stored locals are all place-only
//! `let mut`s of the outermost scope (or `mut` parameters) or visibly `Copy`
//! is resumed without moving its state out. These tests pin what that must
//! not change (the values, when and in which order locals drop, poisoning,
//! forking) and what it buys (the buffer stays inside the generator, the
//! state stays the minimum size). Expected values come from plain Rust code
//! doing the same work without a generator.
//!
//! Every generator here resumes in place at each of its suspensions (see
//! its expansion with `BAOZI_DUMP`), except `returns_its_buffer` and
//! `consumes_its_buffer`, which move their buffer at the end. Only
//! `the_buffer_is_worked_on_inside_the_generator` tells an in-place resume
//! from one that moves the state: the others hold either way.

mod common;

use std::mem::{size_of, size_of_val};

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;
use common::*;

/// The address of a value.
fn addr<T>(x: &T) -> usize {
    x as *const T as usize
}

/// Whether `at` lies inside the memory of `g` itself.
fn inside<G>(g: &G, at: usize) -> bool {
    let start = addr(g);
    (start..start + size_of::<G>()).contains(&at)
}

/// Resumes `g` (`Iterator`) `n` times, returning what it yielded.
fn take_n<I: Iterator>(g: &mut I, n: usize) -> Vec<I::Item> {
    (0..n).map(|_| g.next().expect("still running")).collect()
}

fn touch(_: &mut Noisy) {}

/// `v.len()` through a shared borrow: a method call would be the last
/// mention of `v` as a receiver, which may consume it, and keep `v` from
/// staying in place.
fn len<T>(v: &[T]) -> usize {
    v.len()
}

fn total(v: &[u32]) -> u64 {
    v.iter().map(|&x| u64::from(x)).sum()
}

// ---- 1. the same values as plain loops -----------------------------------

const BUF: usize = 4096;

fn big_init() -> [u8; BUF] {
    let mut buf = [0u8; BUF];
    for (k, b) in buf.iter_mut().enumerate() {
        *b = (k as u8) ^ 0x5a;
    }
    buf
}

fn big_item(buf: &[u8; BUF], i: u64) -> u64 {
    u64::from(buf[(i as usize) % BUF])
}

fn big_step(buf: &mut [u8; BUF], i: u64, x: u64) {
    let j = (i.wrapping_mul(7) as usize + 1) % BUF;
    buf[j] = buf[j].wrapping_add(x as u8 | 1);
}

/// The benchmarks' `bigstate`: a 4 KiB buffer kept across yields.
#[generator(yield = u64)]
fn bigstate(n: u64) {
    let mut buf: [u8; BUF] = big_init();
    let mut i = 0;
    while i < n {
        let x = big_item(&buf, i);
        yield_!(x);
        big_step(&mut buf, i, x);
        i += 1;
    }
}

fn bigstate_by_hand(n: u64) -> Vec<u64> {
    let mut out = Vec::new();
    let mut buf = big_init();
    for i in 0..n {
        let x = big_item(&buf, i);
        out.push(x);
        big_step(&mut buf, i, x);
    }
    out
}

#[test]
fn a_4k_buffer_gives_the_same_sequence_as_a_plain_loop() {
    // Several times around the buffer.
    let n = 3 * BUF as u64 + 17;
    assert_eq!(bigstate(n).collect::<Vec<_>>(), bigstate_by_hand(n));
    assert_eq!(bigstate(0).count(), 0);
    assert_eq!(bigstate(1).collect::<Vec<_>>(), bigstate_by_hand(1));
}

/// Yields where its buffer is, as it resumes.
#[generator(yield = usize)]
fn buffer_address(n: usize) {
    let mut buf = [0u8; BUF];
    let mut i = 0;
    while i < n {
        yield_!(addr(&buf));
        buf[i % BUF] ^= 1;
        i += 1;
    }
}

#[test]
fn the_buffer_is_worked_on_inside_the_generator() {
    let mut g = buffer_address(50);
    // The first item comes from the first run, before anything is stored.
    let first = g.next().unwrap();
    assert!(!inside(&g, first));
    // Every resume after that finds the buffer where the state keeps it.
    let rest = take_n(&mut g, 49);
    for &a in &rest {
        assert!(inside(&g, a), "the buffer was moved out of the state");
        assert_eq!(a, rest[0]);
    }
    assert_eq!(g.next(), None);
}

fn refill(v: &mut Vec<u32>, k: u32) {
    v.extend_from_slice(&[k, k + 1, k + 2]);
}

/// A `Vec` worked on through methods, indexing, `&mut` passed to a
/// function, compound assignment and comparisons.
#[generator(yield = u64)]
fn vec_work(n: u32) -> u64 {
    let mut buf: Vec<u32> = Vec::new();
    let mut seen = vec![0u32; 8];
    let mut acc = 0u64;
    let mut round = 0;
    while round < n {
        buf.push(round);
        refill(&mut buf, round * 3);
        if buf.len() > 10 {
            buf.clear();
            buf.push(round);
        }
        buf[0] += 1;
        seen[(round % 8) as usize] += buf[0];
        acc += total(&buf);
        if buf == seen {
            acc += 1000;
        }
        if buf != [round + 1] && buf[..] > seen[..] {
            acc ^= 7;
        }
        yield_!(acc + total(&seen));
        buf.retain(|&x| x % 5 != 0);
        seen[0] = buf.first().copied().unwrap_or(0);
        round += 1;
    }
    total(&buf) * 100_000 + total(&seen)
}

fn vec_work_by_hand(n: u32) -> (Vec<u64>, u64) {
    let mut out = Vec::new();
    let mut buf: Vec<u32> = Vec::new();
    let mut seen = vec![0u32; 8];
    let mut acc = 0u64;
    for round in 0..n {
        buf.push(round);
        refill(&mut buf, round * 3);
        if buf.len() > 10 {
            buf.clear();
            buf.push(round);
        }
        buf[0] += 1;
        seen[(round % 8) as usize] += buf[0];
        acc += total(&buf);
        if buf == seen {
            acc += 1000;
        }
        if buf != [round + 1] && buf[..] > seen[..] {
            acc ^= 7;
        }
        out.push(acc + total(&seen));
        buf.retain(|&x| x % 5 != 0);
        seen[0] = buf.first().copied().unwrap_or(0);
    }
    (out, total(&buf) * 100_000 + total(&seen))
}

#[test]
fn a_vec_worked_on_through_methods_and_indexing() {
    for n in [0, 1, 2, 5, 300] {
        assert_eq!(run(vec_work(n)), vec_work_by_hand(n), "n = {n}");
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A `String` pushed to, compound-assigned, cleared and compared, with a
/// yield inside an `if` in the loop and another after it.
#[generator(yield = String)]
fn string_work(words: &'static [&'static str]) -> usize {
    let mut line = String::new();
    let mut i = 0;
    while i < words.len() {
        line.push_str(words[i]);
        line += "-";
        if line.len() > 12 || line == "stop-" {
            yield_!(line.clone());
            line.clear();
        }
        i += 1;
    }
    yield_!(line.clone());
    line.push('!');
    chars(&line)
}

fn string_work_by_hand(words: &[&str]) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut line = String::new();
    for w in words {
        line.push_str(w);
        line += "-";
        if line.len() > 12 || line == "stop-" {
            out.push(line.clone());
            line.clear();
        }
    }
    out.push(line.clone());
    line.push('!');
    (out, chars(&line))
}

#[test]
fn a_string_buffer_pushed_to_and_cleared() {
    const WORDS: &[&str] = &[
        "包子",
        "are",
        "steamed",
        "stop",
        "buns",
        "with",
        "fillings",
        "of",
        "pork",
        "or",
        "vegetables",
        "stop",
        "x",
    ];
    assert_eq!(run(string_work(WORDS)), string_work_by_hand(WORDS));
    assert_eq!(run(string_work(&[])), string_work_by_hand(&[]));
}

/// A `mut` parameter worked on in place.
#[generator(yield = u64)]
fn mut_param(mut acc: Vec<u64>, n: u64) {
    let mut k = 0;
    while k < n {
        acc.push(k * k);
        acc[0] += k;
        if acc.len().is_multiple_of(4) {
            acc.swap(1, 2);
        }
        yield_!(acc.iter().enumerate().map(|(j, x)| j as u64 * x).sum());
        k += 1;
    }
}

fn mut_param_by_hand(mut acc: Vec<u64>, n: u64) -> Vec<u64> {
    let mut out = Vec::new();
    for k in 0..n {
        acc.push(k * k);
        acc[0] += k;
        if acc.len().is_multiple_of(4) {
            acc.swap(1, 2);
        }
        out.push(acc.iter().enumerate().map(|(j, x)| j as u64 * x).sum());
    }
    out
}

#[test]
fn a_mut_parameter_worked_on_in_place() {
    let start = vec![5, 6, 7];
    assert_eq!(
        mut_param(start.clone(), 40).collect::<Vec<_>>(),
        mut_param_by_hand(start, 40)
    );
}

/// Resume values pushed into a buffer kept in place.
#[generator(yield = usize, resume = u32)]
fn collector() -> u64 {
    let mut items: Vec<u32> = Vec::new();
    loop {
        let x = yield_!(items.len());
        if x == 0 {
            return total(&items);
        }
        items.push(x);
        if items.len() > 3 {
            items.remove(0);
        }
    }
}

#[test]
fn resume_values_pushed_into_a_buffer_kept_in_place() {
    let inputs = [0, 3, 1, 4, 1, 5, 9, 2, 6];
    let mut g = collector();
    let got = drive(&mut g, inputs.iter().copied().chain([0]));
    // By hand.
    let mut want = Vec::new();
    let mut items: Vec<u32> = Vec::new();
    want.push(Yielded(0)); // The first resume's value is not seen.
    for &x in &inputs[1..] {
        items.push(x);
        if items.len() > 3 {
            items.remove(0);
        }
        want.push(Yielded(items.len()));
    }
    want.push(Complete(total(&items)));
    assert_eq!(got, want);
}

/// A yield in the operands of a place assignment, into an in-place buffer.
#[generator(yield = usize, resume = usize)]
fn yields_in_operands() -> usize {
    let mut buf = vec![0usize; 4];
    let mut i = 0;
    while i < 4 {
        buf[i] = yield_!(i) * 10;
        buf[i] += yield_!(100 + i);
        i += 1;
    }
    buf.iter().enumerate().map(|(j, x)| j * x).sum::<usize>() + len(&buf)
}

#[test]
fn yields_in_the_operands_of_an_assignment_to_an_in_place_buffer() {
    let mut g = yields_in_operands();
    let args = [7, 1, 2, 3, 4, 5, 6, 7, 8];
    let got = drive(&mut g, args);
    let mut want = Vec::new();
    let mut buf = [0usize; 4];
    for i in 0..4 {
        want.push(Yielded(i));
        want.push(Yielded(100 + i));
        buf[i] = args[2 * i + 1] * 10 + args[2 * i + 2];
    }
    want.push(Complete(
        buf.iter().enumerate().map(|(j, x)| j * x).sum::<usize>() + 4,
    ));
    assert_eq!(got, want);
}

// ---- 2. drops -----------------------------------------------------------

/// Completion right after the resumed code: the locals of the resumed code
/// drop first, then the stored ones, each in reverse declaration order.
#[generator(yield = u32)]
fn straight_line(mut t: Trace) {
    let mut a = Noisy::new(&t, "a");
    let mut b = Noisy::new(&t, "b");
    yield_!(1);
    touch(&mut a);
    touch(&mut b);
    let _c = Noisy::new(&t, "c");
    let mut d = Noisy::new(&t, "d");
    touch(&mut d);
    log(&t, "end");
}

#[test]
fn completion_drops_the_resumed_codes_locals_then_the_stored_ones() {
    let t = trace();
    let mut g = straight_line(t.clone());
    assert_eq!(g.resume(()), Yielded(1));
    assert_eq!(take(&t), ["+a", "+b"]);
    assert_eq!(g.resume(()), Complete(()));
    assert_eq!(take(&t), ["+c", "+d", "end", "-d", "-c", "-b", "-a"]);
    drop(g);
    assert!(take(&t).is_empty(), "nothing is dropped twice");
}

#[test]
fn drop_while_suspended_in_place() {
    let t = trace();
    let mut g = straight_line(t.clone());
    g.resume(());
    take(&t);
    drop(g);
    assert_eq!(take(&t), ["-b", "-a"]);
}

/// Early exits from inside a loop, through `return` and `?`.
#[generator(yield = u32)]
fn early_exit(mut t: Trace, stop: u32, fail: u32) -> Result<u32, String> {
    let mut a = Noisy::new(&t, "a");
    let mut n = 0;
    loop {
        yield_!(n);
        let _m = Noisy::new(&t, format!("m{n}"));
        touch(&mut a);
        if n == stop {
            let _r = Noisy::new(&t, "r");
            return Ok(n * 10);
        }
        check(n, fail)?;
        n += 1;
    }
}

fn check(n: u32, fail: u32) -> Result<(), String> {
    if n == fail {
        Err(format!("failed at {n}"))
    } else {
        Ok(())
    }
}

/// The trace of `early_exit`'s loop running `k` times, each dropping `m{k}`.
fn loop_trace(k: u32) -> Vec<String> {
    (0..k)
        .flat_map(|i| [format!("+m{i}"), format!("-m{i}")])
        .collect()
}

#[test]
fn an_early_return_inside_a_loop_drops_inner_locals_then_outer_ones() {
    let t = trace();
    let mut g = early_exit(t.clone(), 5, 100);
    for i in 0..=5 {
        assert_eq!(g.resume(()), Yielded(i));
    }
    let mut want = vec!["+a".to_string()];
    want.extend(loop_trace(5));
    assert_eq!(take(&t), want);
    assert_eq!(g.resume(()), Complete(Ok(50)));
    assert_eq!(take(&t), ["+m5", "+r", "-r", "-m5", "-a"]);
    drop(g);
    assert!(take(&t).is_empty());
}

#[test]
fn a_question_mark_inside_a_loop_drops_inner_locals_then_outer_ones() {
    let t = trace();
    let mut g = early_exit(t.clone(), 100, 3);
    for i in 0..=3 {
        assert_eq!(g.resume(()), Yielded(i));
    }
    take(&t);
    assert_eq!(g.resume(()), Complete(Err("failed at 3".to_string())));
    assert_eq!(take(&t), ["+m3", "-m3", "-a"]);
    drop(g);
    assert!(take(&t).is_empty());
}

/// Three suspensions: the first resumed in place, the next two holding one
/// more local, each reached from the previous one.
#[generator(yield = u32)]
fn three_points(mut t: Trace) {
    let mut a = Noisy::new(&t, "a");
    yield_!(1);
    touch(&mut a);
    let mut b = Noisy::new(&t, "b");
    yield_!(2);
    touch(&mut a);
    touch(&mut b);
    yield_!(3);
    touch(&mut b);
    log(&t, "end");
}

/// Resumes a fresh `three_points` `n` times, then drops it: what was
/// logged before the drop, and by it.
fn three_points_dropped_after(n: usize) -> (Vec<String>, Vec<String>) {
    let t = trace();
    dropped_after(&t, three_points(t.clone()), n)
}

#[test]
fn drop_while_suspended_at_each_suspension() {
    assert_eq!(three_points_dropped_after(0), (vec![], vec![]));
    assert_eq!(
        three_points_dropped_after(1),
        (strings(&["+a"]), strings(&["-a"]))
    );
    assert_eq!(
        three_points_dropped_after(2),
        (strings(&["+a", "+b"]), strings(&["-b", "-a"]))
    );
    assert_eq!(
        three_points_dropped_after(3),
        (strings(&["+a", "+b"]), strings(&["-b", "-a"]))
    );
    assert_eq!(
        three_points_dropped_after(4),
        (strings(&["+a", "+b", "end", "-b", "-a"]), vec![])
    );
}

/// A loop whose suspension is reached again many times, then left for a
/// different suspension after it.
#[generator(yield = usize)]
fn loop_then_tail(mut t: Trace, n: usize) -> usize {
    let mut a = Noisy::new(&t, "a");
    let mut v: Vec<Noisy> = Vec::new();
    let mut i = 0;
    while i < n {
        yield_!(i);
        touch(&mut a);
        if i % 100 == 0 {
            v.push(Noisy::new(&t, format!("v{i}")));
        }
        i += 1;
    }
    let mut z = Noisy::new(&t, "z");
    yield_!(1000 + v.len());
    touch(&mut z);
    touch(&mut a);
    log(&t, "end");
    len(&v)
}

/// `+v0`, `+v100`, .. for the first `k` iterations of `loop_then_tail`.
fn pushed(k: usize) -> Vec<String> {
    (0..k).step_by(100).map(|i| format!("+v{i}")).collect()
}

fn dropped(k: usize) -> Vec<String> {
    (0..k).step_by(100).map(|i| format!("-v{i}")).collect()
}

#[test]
fn a_suspension_reached_again_many_times_drops_nothing_extra() {
    let t = trace();
    let mut g = loop_then_tail(t.clone(), 1000);
    assert_eq!(g.resume(()), Yielded(0));
    assert_eq!(take(&t), ["+a"]);
    for i in 1..1000 {
        assert_eq!(g.resume(()), Yielded(i));
    }
    assert_eq!(take(&t), pushed(999));
    // Dropped there: the vector's elements in order, then `a`.
    drop(g);
    let mut want = dropped(999);
    want.push("-a".into());
    assert_eq!(take(&t), want);
}

#[test]
fn leaving_the_loop_for_a_later_suspension_moves_the_locals_on() {
    let t = trace();
    let mut g = loop_then_tail(t.clone(), 1000);
    for i in 0..1000 {
        assert_eq!(g.resume(()), Yielded(i));
    }
    take(&t);
    assert_eq!(g.resume(()), Yielded(1010));
    // The last pushed was `v900`, 99 resumes ago.
    assert_eq!(take(&t), ["+z"]);
    assert_eq!(g.resume(()), Complete(10));
    let mut want = vec!["end".to_string(), "-z".into()];
    want.extend(dropped(1000));
    want.push("-a".into());
    assert_eq!(take(&t), want);
    drop(g);
    assert!(take(&t).is_empty());
}

#[test]
fn drop_while_suspended_after_the_loop() {
    let t = trace();
    let mut g = loop_then_tail(t.clone(), 250);
    for _ in 0..251 {
        g.resume(());
    }
    let mut want = vec!["+a".to_string()];
    want.extend(pushed(250));
    want.push("+z".into());
    assert_eq!(take(&t), want);
    drop(g);
    let mut want = vec!["-z".to_string()];
    want.extend(dropped(250));
    want.push("-a".into());
    assert_eq!(take(&t), want);
}

#[test]
fn a_loop_that_never_runs_goes_straight_to_the_later_suspension() {
    let t = trace();
    assert_eq!(run(loop_then_tail(t.clone(), 0)), (vec![1000], 0));
    assert_eq!(take(&t), ["+a", "+z", "end", "-z", "-a"]);
}

/// Assigning to an in-place local drops the old value there and then.
#[generator(yield = u32)]
fn reassigned(mut t: Trace, n: u32) {
    let mut slot = Noisy::new(&t, "s0");
    let mut i = 0;
    while i < n {
        yield_!(i);
        i += 1;
        slot = Noisy::new(&t, format!("s{i}"));
    }
    touch(&mut slot);
}

#[test]
fn assigning_an_in_place_local_drops_the_old_value_once() {
    let t = trace();
    let mut g = reassigned(t.clone(), 3);
    assert_eq!(g.resume(()), Yielded(0));
    assert_eq!(take(&t), ["+s0"]);
    assert_eq!(g.resume(()), Yielded(1));
    assert_eq!(take(&t), ["+s1", "-s0"]);
    assert_eq!(g.resume(()), Yielded(2));
    assert_eq!(take(&t), ["+s2", "-s1"]);
    drop(g);
    assert_eq!(take(&t), ["-s2"]);

    let mut g = reassigned(t.clone(), 3);
    assert_eq!(run(&mut g), (vec![0, 1, 2], ()));
    assert_eq!(
        take(&t),
        ["+s0", "+s1", "-s0", "+s2", "-s1", "+s3", "-s2", "-s3"]
    );
}

/// A `mut` parameter and locals, all kept in place: parameters drop last.
#[generator(yield = u32)]
fn with_mut_params(mut t: Trace, mut p: Noisy, mut q: Noisy) {
    let mut l = Noisy::new(&t, "l");
    let mut k = 0;
    loop {
        yield_!(k);
        touch(&mut p);
        touch(&mut q);
        touch(&mut l);
        k += 1;
        if k == 3 {
            return;
        }
    }
}

#[test]
fn mut_parameters_kept_in_place_drop_after_the_locals() {
    let t = trace();
    let g = with_mut_params(t.clone(), Noisy::new(&t, "p"), Noisy::new(&t, "q"));
    assert_eq!(run(g), (vec![0, 1, 2], ()));
    assert_eq!(take(&t), ["+p", "+q", "+l", "-l", "-q", "-p"]);

    let mut g = with_mut_params(t.clone(), Noisy::new(&t, "p"), Noisy::new(&t, "q"));
    g.resume(());
    g.resume(());
    take(&t);
    drop(g);
    assert_eq!(take(&t), ["-l", "-q", "-p"]);
}

// ---- 3. panics ----------------------------------------------------------

#[generator(yield = u32)]
fn panics_after_yield(mut t: Trace, at: u32) {
    let mut a = Noisy::new(&t, "a");
    let mut b = Noisy::new(&t, "b");
    let mut i = 0;
    loop {
        yield_!(i);
        let _c = Noisy::new(&t, format!("c{i}"));
        touch(&mut a);
        if i == at {
            panic!("boom at {i}");
        }
        touch(&mut b);
        i += 1;
    }
}

#[test]
fn a_panic_after_a_yield_drops_each_local_once_in_rusts_order() {
    let t = trace();
    let mut g = panics_after_yield(t.clone(), 2);
    for i in 0..=2 {
        assert_eq!(g.resume(()), Yielded(i));
    }
    assert_eq!(take(&t), ["+a", "+b", "+c0", "-c0", "+c1", "-c1"]);
    let msg = expect_panic(|| g.resume(()));
    assert_eq!(msg, "boom at 2");
    // The resumed code's local unwinds first, then the stored ones.
    assert_eq!(take(&t), ["+c2", "-c2", "-b", "-a"]);
    let msg = expect_panic(|| g.resume(()));
    assert_eq!(msg, "generator resumed after panicking");
    // The iterator stays fused.
    assert_eq!(g.next(), None);
    drop(g);
    assert!(take(&t).is_empty(), "nothing is dropped twice");
}

#[test]
fn catch_unwind_around_an_in_place_resume() {
    use std::panic::{AssertUnwindSafe, catch_unwind};
    let t = trace();
    let mut g = panics_after_yield(t.clone(), 0);
    assert_eq!(g.resume(()), Yielded(0));
    let r = catch_unwind(AssertUnwindSafe(|| g.resume(())));
    assert_eq!(panic_message(&*r.unwrap_err()), "boom at 0");
    assert_eq!(take(&t), ["+a", "+b", "+c0", "-c0", "-b", "-a"]);
    let r = catch_unwind(AssertUnwindSafe(|| g.resume(())));
    assert_eq!(
        panic_message(&*r.unwrap_err()),
        "generator resumed after panicking"
    );
    assert!(take(&t).is_empty());
}

/// A panic in the resumed code with a buffer in place: the buffer is not
/// half-updated for anyone to see, since the generator is poisoned.
#[generator(yield = usize)]
fn panicking_buffer(mut t: Trace, at: usize) {
    let mut v: Vec<Noisy> = Vec::new();
    let mut i = 0;
    loop {
        v.push(Noisy::new(&t, format!("v{i}")));
        yield_!(v.len());
        if i == at {
            v.truncate(1);
            panic!("boom");
        }
        i += 1;
    }
}

#[test]
fn a_panic_with_a_buffer_in_place_drops_what_is_left_of_it_once() {
    let t = trace();
    let mut g = panicking_buffer(t.clone(), 2);
    assert_eq!(take_n(&mut g, 3), [1, 2, 3]);
    assert_eq!(take(&t), ["+v0", "+v1", "+v2"]);
    assert_eq!(expect_panic(|| g.next()), "boom");
    assert_eq!(take(&t), ["-v1", "-v2", "-v0"]);
    assert_eq!(g.next(), None, "fused after a panic");
    assert_eq!(
        expect_panic(|| g.resume(())),
        "generator resumed after panicking"
    );
    drop(g);
    assert!(take(&t).is_empty());
}

// ---- 4. clone -----------------------------------------------------------

#[generator(yield = u64, derive(Clone, Debug, PartialEq))]
fn forkable(n: u64) {
    let mut buf = [0u64; 32];
    let mut names: Vec<String> = Vec::new();
    let mut i = 0;
    while i < n {
        buf[(i % 32) as usize] += i + 1;
        if i % 3 == 0 {
            names.push(format!("n{i}"));
        }
        yield_!(buf.iter().sum::<u64>() * 1000 + names.len() as u64);
        i += 1;
    }
}

fn forkable_by_hand(n: u64) -> Vec<u64> {
    let mut out = Vec::new();
    let mut buf = [0u64; 32];
    let mut names: Vec<String> = Vec::new();
    for i in 0..n {
        buf[(i % 32) as usize] += i + 1;
        if i % 3 == 0 {
            names.push(format!("n{i}"));
        }
        out.push(buf.iter().sum::<u64>() * 1000 + names.len() as u64);
    }
    out
}

#[test]
fn cloning_a_suspended_in_place_generator_forks_it() {
    let n = 100;
    let want = forkable_by_hand(n);
    let mut a = forkable(n);
    assert_eq!(take_n(&mut a, 40), want[..40]);
    let b = a.clone();
    assert_eq!(a, b);
    // Both continue independently, each with its own buffers.
    assert_eq!(take_n(&mut a, 10), want[40..50]);
    assert_ne!(a, b);
    assert_eq!(b.collect::<Vec<_>>(), want[40..]);
    assert_eq!(a.collect::<Vec<_>>(), want[50..]);
}

#[test]
fn an_in_place_state_shows_the_latest_values() {
    let mut a = forkable(10);
    let mut b = forkable(10);
    take_n(&mut a, 4);
    take_n(&mut b, 4);
    // Copies are written back: equal, and the counter shows 3.
    assert_eq!(a, b);
    let shown = format!("{a:?}");
    assert!(shown.contains("i: 3"), "{shown}");
    assert!(shown.contains(r#"names: ["n0", "n3"]"#), "{shown}");
    assert!(shown.contains("buf: [1, 2, 3, 4, 0,"), "{shown}");
    a.next();
    assert_ne!(a, b);
    b.next();
    assert_eq!(a, b);
}

// ---- 5. shadowing and moves ---------------------------------------------

/// An array kept in place, then shadowed by a `Vec` of the same name, also
/// kept in place.
#[generator(yield = u32)]
fn shadowed() -> u32 {
    let mut buf = [1u32; 8];
    let mut i = 0;
    while i < 8 {
        yield_!(buf[i]);
        buf[(i + 1) % 8] += buf[i] * 2;
        i += 1;
    }
    let mut buf = vec![total(&buf) as u32];
    yield_!(buf[0]);
    buf.push(3);
    yield_!(buf.len() as u32);
    buf[0] += 1;
    yield_!(buf[0]);
    buf[0] + buf[1]
}

fn shadowed_by_hand() -> (Vec<u32>, u32) {
    let mut out = Vec::new();
    let mut buf = [1u32; 8];
    for i in 0..8 {
        out.push(buf[i]);
        buf[(i + 1) % 8] += buf[i] * 2;
    }
    let mut buf = vec![total(&buf) as u32];
    out.push(buf[0]);
    buf.push(3);
    out.push(buf.len() as u32);
    buf[0] += 1;
    out.push(buf[0]);
    (out, buf[0] + buf[1])
}

#[test]
fn a_binding_kept_in_place_then_shadowed() {
    assert_eq!(run(shadowed()), shadowed_by_hand());
}

/// Inner bindings (a closure parameter, a match arm, a `for` pattern, a
/// block's `let`) named like a buffer kept in place.
#[generator(yield = u8)]
fn inner_shadows(o: u8) -> u8 {
    let mut buf = [0u8; 4];
    loop {
        yield_!(buf[0]);
        let f = |buf: u8| buf + 1;
        buf[1] = f(buf[1]);
        buf[2] = f(buf[2]);
        buf[0] += match o {
            0 => 1,
            buf => buf,
        };
        for buf in 0..2u8 {
            buf.to_string();
        }
        {
            let buf = buf[1] * 2;
            buf.to_string();
        }
        if buf[0] > 9 {
            return buf[0] + buf[1] + buf[2];
        }
    }
}

fn inner_shadows_by_hand(o: u8) -> (Vec<u8>, u8) {
    let mut out = Vec::new();
    let mut buf = [0u8; 4];
    loop {
        out.push(buf[0]);
        buf[1] += 1;
        buf[2] += 1;
        buf[0] += o.max(1);
        if buf[0] > 9 {
            return (out, buf[0] + buf[1] + buf[2]);
        }
    }
}

#[test]
fn inner_bindings_named_like_an_in_place_buffer() {
    assert_eq!(run(inner_shadows(0)), inner_shadows_by_hand(0));
    assert_eq!(run(inner_shadows(3)), inner_shadows_by_hand(3));
}

/// A counter copied out and written back at each resume, then shadowed
/// at the top level (the old one still lives: both are stored), and
/// shadowed again inside the second loop.
#[generator(yield = u32)]
fn copy_shadowed() -> u32 {
    let mut x = 1;
    let mut k = 0;
    while k < 3 {
        yield_!(x);
        x += 1;
        k += 1;
    }
    let mut x = x * 10;
    while k < 6 {
        yield_!(x);
        x += 1;
        let x = x * 1000;
        k += x / 1000 - 40;
    }
    x
}

fn copy_shadowed_by_hand() -> (Vec<u32>, u32) {
    let mut out = Vec::new();
    let mut x = 1;
    let mut k = 0;
    while k < 3 {
        out.push(x);
        x += 1;
        k += 1;
    }
    let mut x = x * 10;
    while k < 6 {
        out.push(x);
        x += 1;
        let x = x * 1000;
        k += x / 1000 - 40;
    }
    (out, x)
}

#[test]
fn a_copied_counter_shadowed_at_the_top_level_and_in_a_loop() {
    assert_eq!(run(copy_shadowed()), copy_shadowed_by_hand());
}

/// `buf.push(buf.len())`: a two-phase borrow of a buffer kept in place.
#[generator(yield = usize)]
fn two_phase(n: usize) {
    let mut buf: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < n {
        yield_!(buf.len() + buf.last().copied().unwrap_or(99));
        buf.push(buf.len() * 2);
        i += 1;
    }
}

#[test]
fn a_two_phase_borrow_of_an_in_place_buffer() {
    let want: Vec<usize> = (0..10)
        .map(|i| if i == 0 { 99 } else { i + (i - 1) * 2 })
        .collect();
    assert_eq!(two_phase(10).collect::<Vec<_>>(), want);
}

/// Returned at the end: moved, so not kept in place; the same values.
#[generator(yield = usize)]
fn returns_its_buffer(n: usize) -> Vec<usize> {
    let mut buf = Vec::new();
    let mut i = 0;
    while i < n {
        buf.push(i * i);
        yield_!(buf.len());
        buf[0] += 1;
        i += 1;
    }
    return buf;
}

fn consume(v: Vec<Noisy>) -> usize {
    v.len()
}

/// Consumed at the end.
#[generator(yield = usize)]
fn consumes_its_buffer(mut t: Trace, n: usize) -> usize {
    let mut v = Vec::new();
    let mut i = 0;
    while i < n {
        v.push(Noisy::new(&t, format!("v{i}")));
        yield_!(v.len());
        i += 1;
    }
    log(&t, "consume");
    consume(v)
}

#[test]
fn a_buffer_moved_at_the_end() {
    let (ys, buf) = run(returns_its_buffer(5));
    assert_eq!(ys, [1, 2, 3, 4, 5]);
    assert_eq!(buf, [5, 1, 4, 9, 16]);
    assert_eq!(run(returns_its_buffer(0)), (vec![], vec![]));

    let t = trace();
    assert_eq!(run(consumes_its_buffer(t.clone(), 2)), (vec![1, 2], 2));
    assert_eq!(take(&t), ["+v0", "+v1", "consume", "-v0", "-v1"]);
    let mut g = consumes_its_buffer(t.clone(), 3);
    g.resume(());
    g.resume(());
    drop(g);
    assert_eq!(take(&t), ["+v0", "+v1", "-v0", "-v1"]);
}

// ---- 6. sizes -----------------------------------------------------------

// What one would write by hand for `bigstate`, `vec_work` and `forkable`:
// the parameters, the locals kept at the suspension, and the two final
// states.
#[allow(dead_code, clippy::large_enum_variant)]
enum BigstateByHand {
    Start {
        n: u64,
    },
    Suspended {
        buf: [u8; BUF],
        i: u64,
        n: u64,
        x: u64,
    },
    Done,
    Poisoned,
}

#[allow(dead_code, clippy::large_enum_variant)]
enum VecWorkByHand {
    Start {
        n: u32,
    },
    Suspended {
        buf: Vec<u32>,
        seen: Vec<u32>,
        acc: u64,
        round: u32,
        n: u32,
    },
    Done,
    Poisoned,
}

#[allow(dead_code, clippy::large_enum_variant)]
enum ForkableByHand {
    Start {
        n: u64,
    },
    Suspended {
        buf: [u64; 32],
        names: Vec<String>,
        i: u64,
        n: u64,
    },
    Done,
    Poisoned,
}

#[test]
fn in_place_states_are_the_minimum_size() {
    // buf (4096), i, n and x (a copy) (8 + 8 + 8), the tag.
    assert_eq!(size_of::<BigstateByHand>(), 4096 + 24 + 8);
    assert_eq!(size_of_val(&bigstate(1)), size_of::<BigstateByHand>());
    // buf (4096), i and n (8 + 8), the tag.
    assert_eq!(size_of_val(&buffer_address(1)), 4096 + 16 + 8);
    // The tag fits in a spare value of a `Vec`'s capacity.
    assert_eq!(size_of_val(&vec_work(1)), size_of::<VecWorkByHand>());
    assert_eq!(size_of_val(&forkable(1)), size_of::<ForkableByHand>());
    // Nothing else is stored: no references, no guard.
    assert_eq!(size_of::<VecWorkByHand>(), 48 + 8 + 8);
    assert_eq!(size_of::<ForkableByHand>(), 256 + 24 + 16);
}

// Valid generators that the first version of in-place resumes rejected
// (a consuming method, a field or a `Box` moved out, a local re-initialised
// in match arms or by a macro) are compile-and-run tests in
// `tests/ui/pass/in_place_*.rs`.
