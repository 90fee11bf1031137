//! Operands are evaluated left to right: everything left of a `yield_!` runs
//! before the generator suspends, everything right of it after it resumes.

mod common;

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;
use common::*;

#[generator(yield = i32, resume = i32)]
fn binop(t: Trace) -> i32 {
    f(&t, "a", 1) + yield_!(f(&t, "arg", 5)) + f(&t, "b", 100)
}

#[test]
fn binary_operands_around_a_yield() {
    let t = trace();
    let mut g = binop(t.clone());
    assert!(take(&t).is_empty());
    assert_eq!(g.resume(0), Yielded(5));
    assert_eq!(take(&t), ["a", "arg"]);
    assert_eq!(g.resume(10), Complete(111));
    assert_eq!(take(&t), ["b"]);
}

#[generator(yield = (), resume = &'static str)]
fn string_concat(t: Trace) -> String {
    f(&t, "a", String::from("x")) + yield_!() + &f(&t, "b", String::from("z"))
}

#[test]
fn non_copy_left_operand_is_kept_across_the_yield() {
    let t = trace();
    let mut g = string_concat(t.clone());
    assert_eq!(g.resume(""), Yielded(()));
    assert_eq!(take(&t), ["a"]);
    assert_eq!(g.resume("y"), Complete("xyz".to_string()));
    assert_eq!(take(&t), ["b"]);
}

#[generator(yield = i32, resume = i32)]
fn two_yields_in_one_expression() -> i32 {
    yield_!(1) * 10 + yield_!(2)
}

#[generator(yield = i32, resume = i32)]
fn yield_of_a_yield() -> i32 {
    yield_!(yield_!(1) * 2)
}

#[test]
fn several_yields_in_one_expression() {
    let mut g = two_yields_in_one_expression();
    assert_eq!(
        drive(&mut g, [0, 3, 4]),
        [Yielded(1), Yielded(2), Complete(34)]
    );
    let mut g = yield_of_a_yield();
    assert_eq!(
        drive(&mut g, [0, 5, 7]),
        [Yielded(1), Yielded(10), Complete(7)]
    );
}

fn three(a: i32, b: i32, c: i32) -> i32 {
    a * 100 + b * 10 + c
}

#[generator(yield = &'static str, resume = i32)]
fn call_args(t: Trace) -> i32 {
    three(f(&t, "a", 1), yield_!("b?"), f(&t, "c", 3))
}

#[test]
fn call_arguments() {
    let t = trace();
    let mut g = call_args(t.clone());
    assert_eq!(g.resume(0), Yielded("b?"));
    assert_eq!(take(&t), ["a"]);
    assert_eq!(g.resume(2), Complete(123));
    assert_eq!(take(&t), ["c"]);
}

fn add(a: i32, b: i32) -> i32 {
    a + b
}

#[generator(yield = &'static str, resume = i32)]
fn callee_first(t: Trace) -> i32 {
    f(&t, "callee", add as fn(i32, i32) -> i32)(f(&t, "x", 1), yield_!("y?"))
}

#[test]
fn the_callee_is_evaluated_before_the_arguments() {
    let t = trace();
    let mut g = callee_first(t.clone());
    assert_eq!(g.resume(0), Yielded("y?"));
    assert_eq!(take(&t), ["callee", "x"]);
    assert_eq!(g.resume(41), Complete(42));
}

#[derive(Debug, PartialEq)]
struct Acc {
    items: Vec<i32>,
}

impl Acc {
    fn with(mut self, a: i32, b: i32) -> Acc {
        self.items.push(a);
        self.items.push(b);
        self
    }
}

#[generator(yield = &'static str, resume = i32)]
fn method_chain(t: Trace) -> Vec<i32> {
    f(&t, "receiver", Acc { items: vec![0] })
        .with(f(&t, "a", 1), yield_!("b?"))
        .with(yield_!("c?"), f(&t, "d", 4))
        .items
}

#[test]
fn method_receiver_then_arguments() {
    let t = trace();
    let mut g = method_chain(t.clone());
    assert_eq!(g.resume(0), Yielded("b?"));
    assert_eq!(take(&t), ["receiver", "a"]);
    assert_eq!(g.resume(2), Yielded("c?"));
    assert!(take(&t).is_empty());
    assert_eq!(g.resume(3), Complete(vec![0, 1, 2, 3, 4]));
    assert_eq!(take(&t), ["d"]);
}

#[generator(yield = usize, resume = i32)]
fn push_yield() -> Vec<i32> {
    let mut v = Vec::new();
    while v.len() < 3 {
        v.push(yield_!(v.len()));
    }
    v
}

#[test]
fn method_on_a_local_with_a_yield_argument() {
    // Python: `results.append((yield len(results)))`
    let mut g = push_yield();
    assert_eq!(
        drive(&mut g, [0, 10, 20, 30]),
        [
            Yielded(0),
            Yielded(1),
            Yielded(2),
            Complete(vec![10, 20, 30])
        ]
    );
}

#[generator(yield = &'static str, resume = String)]
fn method_on_yield_result() -> (String, usize) {
    let upper = yield_!("word?").to_uppercase();
    let len = yield_!("another?").trim().len();
    (upper, len)
}

#[test]
fn method_called_on_the_value_of_a_yield() {
    let mut g = method_on_yield_result();
    assert_eq!(
        drive(&mut g, ["".into(), "abc".into(), "  xy ".into()]),
        [
            Yielded("word?"),
            Yielded("another?"),
            Complete(("ABC".to_string(), 2))
        ]
    );
}

#[derive(Debug, PartialEq)]
struct P {
    a: i32,
    b: i32,
    c: i32,
}

#[generator(yield = &'static str, resume = i32)]
fn aggregates(t: Trace) -> ((i32, i32, i32), [i32; 3], P) {
    let tuple = (f(&t, "t0", 1), yield_!("t1?"), f(&t, "t2", 3));
    let array = [f(&t, "a0", 4), yield_!("a1?"), f(&t, "a2", 6)];
    // fields are evaluated in the order written, not the order declared
    let s = P {
        c: f(&t, "c", 9),
        a: yield_!("a?"),
        b: f(&t, "b", 8),
    };
    (tuple, array, s)
}

#[test]
fn tuples_arrays_and_struct_literals() {
    let t = trace();
    let mut g = aggregates(t.clone());
    assert_eq!(g.resume(0), Yielded("t1?"));
    assert_eq!(take(&t), ["t0"]);
    assert_eq!(g.resume(2), Yielded("a1?"));
    assert_eq!(take(&t), ["t2", "a0"]);
    assert_eq!(g.resume(5), Yielded("a?"));
    assert_eq!(take(&t), ["a2", "c"]);
    assert_eq!(
        g.resume(7),
        Complete(((1, 2, 3), [4, 5, 6], P { a: 7, b: 8, c: 9 }))
    );
    assert_eq!(take(&t), ["b"]);
}

#[generator(yield = &'static str, resume = bool)]
fn short_circuit(t: Trace, left: bool) -> (bool, bool) {
    let and = f(&t, "and-left", left) && yield_!("and-right?");
    let or = f(&t, "or-left", left) || yield_!("or-right?");
    (and, or)
}

#[test]
fn short_circuit_operators_skip_a_yield_on_the_right() {
    let t = trace();
    let mut g = short_circuit(t.clone(), true);
    assert_eq!(
        drive(&mut g, [false, false]),
        [Yielded("and-right?"), Complete((false, true))]
    );
    assert_eq!(take(&t), ["and-left", "or-left"]);

    let mut g = short_circuit(t.clone(), false);
    assert_eq!(
        drive(&mut g, [false, true]),
        [Yielded("or-right?"), Complete((false, true))]
    );
    assert_eq!(take(&t), ["and-left", "or-left"]);
}

#[generator(yield = &'static str, resume = usize)]
fn index_expression(t: Trace) -> i32 {
    f(&t, "base", [10, 20, 30])[yield_!("idx?")]
}

#[test]
fn indexed_value_is_evaluated_before_the_index() {
    let t = trace();
    let mut g = index_expression(t.clone());
    assert_eq!(g.resume(0), Yielded("idx?"));
    assert_eq!(take(&t), ["base"]);
    assert_eq!(g.resume(2), Complete(30));
}

#[generator(yield = u8, resume = i32)]
fn unary_and_comparison(t: Trace) -> (i32, bool, bool, i32) {
    let neg = -yield_!(1);
    let not = !(yield_!(2) > 0);
    let lt = f(&t, "lhs", 5) < yield_!(3);
    let r: i32 = (f(&t, "start", 1)..yield_!(4)).sum();
    (neg, not, lt, r)
}

#[test]
fn unary_comparison_and_range_operands() {
    let t = trace();
    let mut g = unary_and_comparison(t.clone());
    assert_eq!(
        drive(&mut g, [0, 7, 1]),
        [Yielded(1), Yielded(2), Yielded(3)]
    );
    assert_eq!(take(&t), ["lhs"]);
    assert_eq!(g.resume(6), Yielded(4));
    assert_eq!(take(&t), ["start"]);
    assert_eq!(g.resume(4), Complete((-7, false, true, 1 + 2 + 3)));
}

fn len_of(s: &str) -> usize {
    s.len()
}

#[generator(yield = (), resume = String)]
fn borrow_of_yield_result() -> usize {
    len_of(&yield_!()) + len_of(&yield_!())
}

#[test]
fn borrowing_the_value_of_a_yield() {
    let mut g = borrow_of_yield_result();
    assert_eq!(
        drive(&mut g, ["".into(), "ab".into(), "cde".into()]),
        [Yielded(()), Yielded(()), Complete(5)]
    );
}

#[generator(yield = &'static str, resume = i32)]
fn if_condition_side_effects(t: Trace) -> i32 {
    if f(&t, "cond", true) && f(&t, "second", 1) == yield_!("cmp?") {
        f(&t, "then", 10)
    } else {
        f(&t, "else", 20)
    }
}

#[test]
fn only_the_taken_branch_runs() {
    let t = trace();
    let mut g = if_condition_side_effects(t.clone());
    assert_eq!(g.resume(0), Yielded("cmp?"));
    assert_eq!(take(&t), ["cond", "second"]);
    assert_eq!(g.resume(2), Complete(20));
    assert_eq!(take(&t), ["else"]);
}

#[generator(yield = i32, resume = i32)]
fn statements_in_sequence(t: Trace) -> i32 {
    log(&t, "start");
    let a = f(&t, "a", 1);
    let b = yield_!(a);
    log(&t, format!("got {b}"));
    let c = yield_!(a + b);
    log(&t, format!("got {c}"));
    a + b + c
}

#[test]
fn statements_run_in_order_between_suspensions() {
    let t = trace();
    let mut g = statements_in_sequence(t.clone());
    assert_eq!(g.resume(0), Yielded(1));
    assert_eq!(take(&t), ["start", "a"]);
    assert_eq!(g.resume(10), Yielded(11));
    assert_eq!(take(&t), ["got 10"]);
    assert_eq!(g.resume(100), Complete(111));
    assert_eq!(take(&t), ["got 100"]);
}

fn join(a: String, b: i32) -> String {
    format!("{a}{b}")
}

#[generator(yield = i32, resume = i32)]
fn borrowing_temporary_before_a_yield() -> String {
    let line = String::from("  hi  ");
    join(line.trim().to_string(), yield_!(1))
}

/// The operand before the yield owns its value: the temporary `&str` that
/// `trim` returns is not kept across the yield (it would borrow `line`).
#[test]
fn a_borrowing_temporary_is_not_kept_across_a_yield() {
    let mut g = borrowing_temporary_before_a_yield();
    assert_eq!(g.resume(0), Yielded(1));
    assert_eq!(g.resume(5), Complete("hi5".to_string()));
}

/// A method's receiver evaluated before a `yield_!` in its arguments is
/// kept in a `mut` temporary: the method may take `&mut self`, here through
/// the `RefMut` (which lives across the yield, as in rustc).
#[baozi_core::generator(resume = &'static str)]
fn printer<'a>(out: &'a std::cell::RefCell<Vec<String>>) {
    loop {
        out.borrow_mut().push(baozi_core::yield_!().to_string());
    }
}

#[test]
fn a_receiver_kept_across_a_yield_may_be_borrowed_mutably() {
    use baozi_core::Generator;
    let out = std::cell::RefCell::new(Vec::new());
    let mut p = printer(&out);
    p.resume("");
    p.send("a");
    p.send("b");
    drop(p);
    assert_eq!(*out.borrow(), ["a", "b"]);
}

struct Counter {
    n: i32,
    name: String,
}

impl Counter {
    fn lower(&mut self) {
        self.n -= 1;
    }
    fn len(&self) -> usize {
        self.name.len()
    }
}

/// A method call in a later argument may change the receiver through `&mut
/// self`: the receiver (`c.n`, copied) is read before the argument runs, as
/// rustc reads it.
#[generator(yield = i32)]
fn receiver_changed_by_a_method_in_an_argument() -> i32 {
    let mut c = Counter {
        n: 5,
        name: String::new(),
    };
    let smaller = c.n.min({
        yield_!(c.n);
        c.lower();
        100
    });
    smaller + c.n * 10
}

#[test]
fn a_receiver_is_read_before_a_method_in_an_argument_changes_it() {
    let mut g = receiver_changed_by_a_method_in_an_argument();
    assert_eq!(g.resume(()), Yielded(5));
    assert_eq!(g.resume(()), Complete(5 + 40));
}

/// Through a reference, the receiver is a place that stays borrowed while
/// the argument yields and reads it again (rustc accepts it too): it is not
/// moved out into a temporary.
#[generator(yield = usize)]
fn receiver_through_a_reference(c: &Counter) -> bool {
    c.name.contains({
        yield_!(c.len());
        if c.len() > 2 { "ab" } else { "z" }
    })
}

#[test]
fn a_receiver_through_a_reference_stays_a_place() {
    let c = Counter {
        n: 0,
        name: "abc".into(),
    };
    let mut g = receiver_through_a_reference(&c);
    assert_eq!(g.resume(()), Yielded(3));
    assert_eq!(g.resume(()), Complete(true));
}

// A receiver read by value (`min` takes `self`) before an argument that
// moves its local: rustc copies `b.score` first, so the
// argument may then drop `b` and reassign it on some paths (a drop flag).
struct Scored {
    score: i32,
    _noisy: Noisy,
}

#[generator(yield = i32, resume = i32)]
fn receiver_read_before_its_local_moves(t: Trace, c: bool) -> i32 {
    let mut b = Scored {
        score: 7,
        _noisy: Noisy::new(&t, "b1"),
    };
    let n = b.score.min({
        drop(b);
        yield_!(0) + 10
    });
    if c {
        b = Scored {
            score: 1,
            _noisy: Noisy::new(&t, "b2"),
        };
        yield_!(b.score);
    }
    n
}

#[test]
fn a_receiver_read_by_value_is_read_before_an_argument_moves_its_local() {
    let t = trace();
    let mut g = receiver_read_before_its_local_moves(t.clone(), false);
    assert_eq!(g.resume(0), Yielded(0));
    assert_eq!(take(&t), ["+b1", "-b1"]);
    assert_eq!(g.resume(-5), Complete(5));
    let mut g = receiver_read_before_its_local_moves(t.clone(), true);
    assert_eq!(g.resume(0), Yielded(0));
    assert_eq!(g.resume(0), Yielded(1));
    assert_eq!(g.resume(0), Complete(7));
    assert_eq!(take(&t), ["+b1", "-b1", "+b2", "-b2"]);
}
