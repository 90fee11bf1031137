//! What a suspension stores is decided by liveness as well as scope, as
//! rustc's coroutines do: a local that no later code uses and that has no
//! drop glue is not kept across a `yield_!`, so a dead borrow of another
//! local is no self-borrow; a dead local that may have a `Drop` still drops
//! at the end of its scope. The expected values and traces are what the
//! same bodies give as native coroutines (`#[coroutine] || { .. }`, built
//! with `RUSTC_BOOTSTRAP=1`).

mod common;

use baozi_core::prelude::*;
use common::*;

// Shape 1: `t` borrows `s` and is dead at the yield (rustc: yields 3,
// returns 3).
#[generator(yield = usize)]
fn dead_borrow() -> usize {
    let s = String::from("a b");
    let t = s.trim();
    let n = t.len();
    yield_!(n);
    s.len()
}

#[test]
fn a_dead_borrow_of_a_stored_local_is_not_stored() {
    assert_eq!(run(dead_borrow()), (vec![3], 3));
}

// A dead `&mut` borrow has no drop glue either.
#[generator(yield = usize)]
fn dead_mut_borrow() -> usize {
    let mut v = vec![1, 2];
    let r = &mut v;
    r.push(3);
    yield_!(0);
    v.len()
}

#[test]
fn a_dead_mutable_borrow_is_not_stored() {
    assert_eq!(run(dead_mut_borrow()), (vec![0], 3));
}

// A dead `&mut` ends at its last use, before the yielded value reads what
// it borrowed (rustc: yields 2, 3, returns 3). The first is visibly a
// reference; the second's type is not visible, and `v`, kept in place in the
// state after the first yield, is taken out only after the reference ended.
#[generator(yield = usize)]
fn dead_mut_borrow_then_read_at_the_yield() -> usize {
    let mut v = vec![1];
    let r = &mut v;
    r.push(2);
    yield_!(v.len());
    let last = v.last_mut().unwrap();
    *last += 1;
    yield_!(v.len() + 1);
    v[1] as usize
}

#[test]
fn a_dead_mutable_borrow_ends_before_the_yielded_value() {
    assert_eq!(
        run(dead_mut_borrow_then_read_at_the_yield()),
        (vec![2, 3], 3)
    );
}

// A dead local that a binding the yielded value reads borrows ends after the
// value, when it is stored (rustc: yields 3, returns 0).
#[generator(yield = usize)]
fn dead_lender_of_the_yielded_value() -> usize {
    let line = String::from(" ab ");
    let line = line.trim();
    yield_!(line.len() + 1);
    0
}

#[test]
fn a_dead_lender_of_the_yielded_value_ends_after_it() {
    assert_eq!(run(dead_lender_of_the_yielded_value()), (vec![3], 0));
}

// A dead binding of a `match` arm ends before the arm's yielded value
// borrows what it borrowed again (rustc: yields 1, 2).
#[generator(yield = u32)]
fn peeked_then_taken() {
    let mut a = vec![1u32, 2].into_iter().peekable();
    loop {
        match a.peek() {
            Some(_x) => yield_!(a.next().unwrap()),
            None => break,
        }
    }
}

#[test]
fn a_dead_arm_binding_ends_before_the_yielded_value() {
    assert_eq!(run(peeked_then_taken()), (vec![1, 2], ()));
}

// Shape 0: `w` owns what it was computed from a borrow of `v` (rustc:
// yields 2, 4, returns 2).
#[generator(yield = u32)]
fn computed_from_a_borrow() -> usize {
    let v = vec![1u32, 2];
    let w: Vec<u32> = v.iter().map(|x| x * 2).collect();
    for i in 0..w.len() {
        yield_!(w[i]);
    }
    v.len()
}

#[test]
fn a_value_computed_from_a_borrow_is_no_self_borrow() {
    assert_eq!(run(computed_from_a_borrow()), (vec![2, 4], 2));
}

// A dead guard still drops at the end of its scope, after the code that
// follows the yield (rustc: "yield", "after", "-g").
#[generator(yield = u32)]
fn dead_guard(t: Trace) {
    let _g = Noisy::new(&t, "g");
    let x = 1;
    yield_!(x);
    log(&t, "after");
}

#[test]
fn a_dead_guard_drops_at_the_end_of_its_scope() {
    let t = trace();
    let mut g = dead_guard(t.clone());
    assert_eq!(g.next(), Some(1));
    assert_eq!(take(&t), ["+g"]);
    assert_eq!(g.next(), None);
    assert_eq!(take(&t), ["after", "-g"]);
    // Dropped while suspended, it drops then.
    let mut g = dead_guard(t.clone());
    g.next();
    take(&t);
    drop(g);
    assert_eq!(take(&t), ["-g"]);
}

// A dead `Copy` local is not part of the state: the counter below keeps
// only `i` across its yield. (rustc's coroutine of this body, a closure,
// keeps `n` too, as a captured upvar: 24 bytes.)
#[generator(yield = u64)]
fn dead_copy(n: u64) {
    let unused = n * 2;
    let _ = unused;
    let mut i = 0u64;
    while i < 3 {
        yield_!(i);
        i += 1;
    }
}

#[test]
fn a_dead_copy_local_takes_no_space() {
    let g = dead_copy(5);
    assert_eq!(g.collect::<Vec<_>>(), [0, 1, 2]);
    // `n` and `unused` are dead at the yield: only the tag and `i`.
    assert_eq!(std::mem::size_of_val(&dead_copy(5)), 16);
}

fn make() -> String {
    "xy".into()
}

// Shape 5: declared without a value and assigned before the yield on every
// path: it holds a value there (rustc: yields 0, 2).
// (The shape is the point: clippy would have `let a = make();`.)
#[allow(clippy::needless_late_init)]
#[generator(yield = usize)]
fn assigned_after_its_declaration() {
    let a: String;
    a = make();
    yield_!(0);
    yield_!(a.len());
}

#[test]
fn a_local_declared_without_a_value_and_assigned_before_a_yield_is_stored() {
    assert_eq!(assigned_after_its_declaration().collect::<Vec<_>>(), [0, 2]);
}

// Shape 5, assigned in every branch of a yield-free `if` or `match` (a
// branch that panics assigns nothing and goes nowhere): it certainly holds a
// value at the yield, so it is stored there (rustc: yields 0, 1 or 2;
// returns the value).
#[allow(clippy::needless_late_init)]
#[generator(yield = usize)]
fn assigned_in_every_branch(c: bool) {
    let a;
    if c {
        a = 1
    } else {
        a = 2
    }
    yield_!(0);
    yield_!(a);
}

#[allow(clippy::needless_late_init)]
#[generator(yield = usize)]
fn assigned_in_every_arm(n: u8) -> String {
    let a: String;
    match n {
        0 => a = "zero".into(),
        1 => {
            let one = 1;
            a = one.to_string();
        }
        _ => panic!("no"),
    }
    yield_!(0);
    a
}

#[test]
fn a_local_assigned_in_every_branch_before_a_yield_is_stored() {
    assert_eq!(assigned_in_every_branch(true).collect::<Vec<_>>(), [0, 1]);
    assert_eq!(assigned_in_every_branch(false).collect::<Vec<_>>(), [0, 2]);
    assert_eq!(run(assigned_in_every_arm(1)), (vec![0], "1".to_owned()));
    assert_eq!(run(assigned_in_every_arm(0)), (vec![0], "zero".to_owned()));
}

// Shape 6: a `generator_block!` with yields of its own inside a generator
// (rustc, the inner coroutine driven by a loop: yields 1).
#[generator(yield = u32)]
fn nested_block() {
    let inner = generator_block!({
        yield_!(1u32);
    });
    yield_from!(inner);
}

#[test]
fn a_generator_block_inside_a_generator_has_its_own_yields() {
    assert_eq!(nested_block().collect::<Vec<_>>(), [1]);
}

// Shape 7: a reborrow of a captured `&mut` that ends with its block (dead at
// the yield, and `&i32` is `Copy`) leaves the reference free afterwards
// (E0521 before; rustc: `x` is 2).
#[generator(yield = ())]
fn reborrow_ends(bar: &mut i32) {
    {
        let _b = &*bar;
        yield_!();
    }
    *bar = 2;
}

#[test]
fn a_reborrow_that_ends_before_its_block_does_not_hold_the_reference() {
    let mut x = 1;
    assert_eq!(reborrow_ends(&mut x).count(), 1);
    assert_eq!(x, 2);
}

// `let _ = g;` does not move `g` (a wildcard binds nothing): it drops at the
// end of its scope, after the code that follows the yield (rustc: "yield",
// "after", "-g"). It was taken for a move and dropped at the yield.
#[generator(yield = u32)]
fn wildcard_let(t: Trace) {
    let g = Noisy::new(&t, "g");
    let _ = g;
    yield_!(1);
    log(&t, "after");
}

#[test]
fn let_underscore_does_not_move() {
    let t = trace();
    let mut g = wildcard_let(t.clone());
    assert_eq!(g.next(), Some(1));
    assert_eq!(take(&t), ["+g"]);
    assert_eq!(g.next(), None);
    assert_eq!(take(&t), ["after", "-g"]);
}

// Shape 2b: `s` is moved in one branch and yielded in the other; a mention
// in a sibling branch is not a later one, so the then-branch's yield does not
// store `s` (rustc: yields "s" either way).
#[generator(yield = String)]
fn moved_in_one_branch(c: bool) {
    let s = String::from("s");
    if c {
        let t = s;
        yield_!(t);
    } else {
        yield_!(s);
    }
}

#[test]
fn a_mention_in_a_sibling_branch_is_not_later() {
    assert_eq!(run(moved_in_one_branch(true)), (vec!["s".to_owned()], ()));
    assert_eq!(run(moved_in_one_branch(false)), (vec!["s".to_owned()], ()));
}

// The same with a traced value: moved into `m` in the then-branch, which
// drops it after its yield; the else-branch's yield keeps it (rustc: then
// "+s", "yield", "then", "-s", "end"; else "+s", "yield", "else", "end",
// "-s": a drop flag, which baozi keeps too).
#[generator(yield = u32)]
fn traced_in_one_branch(t: Trace, c: bool) {
    let s = Noisy::new(&t, "s");
    if c {
        let m = s;
        yield_!(1);
        log(&t, "then");
        drop(m);
    } else {
        yield_!(2);
        log(&t, "else");
    }
    log(&t, "end");
}

#[test]
fn a_value_moved_in_one_branch_drops_where_rustc_drops_it() {
    let t = trace();
    let mut g = traced_in_one_branch(t.clone(), true);
    assert_eq!(g.next(), Some(1));
    assert_eq!(take(&t), ["+s"]);
    assert_eq!(g.next(), None);
    assert_eq!(take(&t), ["then", "-s", "end"]);
    let mut g = traced_in_one_branch(t.clone(), false);
    assert_eq!(g.next(), Some(2));
    // Kept across the yield: it was not moved on this path.
    assert_eq!(take(&t), ["+s"]);
    assert_eq!(g.next(), None);
    assert_eq!(take(&t), ["else", "end", "-s"]);
}

// Shape 4: moved before a loop and assigned again after a yield inside it:
// at the first yield (and the loop's header) it certainly holds no value
// that is read again, so nothing is stored (rustc: the same values and drop
// trace, a `break` leaving `s` to drop at the end of its scope).
#[generator(yield = usize)]
fn moved_before_a_loop_assigned_in_it() {
    let mut s = String::new();
    drop(s);
    for i in 0..3 {
        yield_!(i);
        s = "b".repeat(i);
        yield_!(s.len());
        drop(s);
    }
}

#[generator(yield = usize)]
fn moved_before_a_loop_traced(t: Trace) -> usize {
    let mut s = Noisy::new(&t, "a");
    drop(s);
    for i in 0..2 {
        yield_!(i);
        s = Noisy::new(&t, format!("b{i}"));
        yield_!(s.name.len());
        log(&t, "end of body");
        if i == 1 {
            break;
        }
        drop(s);
    }
    0
}

#[test]
fn a_local_moved_and_assigned_again_after_a_yield_is_not_stored_there() {
    assert_eq!(
        moved_before_a_loop_assigned_in_it().collect::<Vec<_>>(),
        [0, 0, 1, 1, 2, 2]
    );
    let t = trace();
    assert_eq!(
        run(moved_before_a_loop_traced(t.clone())),
        (vec![0, 2, 1, 2], 0)
    );
    let expected = [
        "+a",
        "-a",
        "+b0",
        "end of body",
        "-b0",
        "+b1",
        "end of body",
        "-b1",
    ];
    assert_eq!(take(&t), expected);
}

// Shape 5, assigned after the yield: nothing is stored for it there, and the
// code after the yield declares it (rustc: yields 0, 1, drops "xyz" at the
// end, returns 3).
#[allow(clippy::needless_late_init)]
#[generator(yield = usize)]
fn assigned_after_a_yield(t: Trace) -> usize {
    let a: Noisy;
    yield_!(0);
    a = Noisy::new(&t, "xyz");
    yield_!(1);
    a.name.len()
}

#[test]
fn a_local_declared_without_a_value_and_assigned_after_a_yield_is_not_stored_there() {
    let t = trace();
    let mut g = assigned_after_a_yield(t.clone());
    assert_eq!(g.next(), Some(0));
    assert_eq!(g.next(), Some(1));
    assert_eq!(take(&t), ["+xyz"]);
    assert_eq!(g.next(), None);
    assert_eq!(take(&t), ["-xyz"]);
}

// Shape 5, assigned on one path only and not read after the yield: a drop
// flag, dropped at the end of its scope, after "after", as in rustc.
// (rustc warns, as it does for the native coroutine: `a` is never read.)
#[allow(unused_assignments)]
#[generator(yield = u32)]
fn assigned_on_one_path(t: Trace, y: bool) {
    let a: Noisy;
    if y {
        a = Noisy::new(&t, "a");
    }
    yield_!(0);
    log(&t, "after");
}

#[test]
fn a_local_assigned_on_some_paths_only_compiles() {
    let t = trace();
    assert_eq!(run(assigned_on_one_path(t.clone(), false)), (vec![0], ()));
    assert_eq!(take(&t), ["after"]);
    assert_eq!(run(assigned_on_one_path(t.clone(), true)), (vec![0], ()));
    assert_eq!(take(&t), ["+a", "after", "-a"]);
}

// Shape 2: moved on some paths before a yield and not used after it; a
// drop flag keeps it to the end of its scope (rustc: "-b" after "after"
// when it was not moved, before the yield when it was).
#[generator(yield = u32)]
fn moved_on_one_path(t: Trace, c: bool) {
    let b = Noisy::new(&t, "b");
    if c {
        drop(b);
    }
    yield_!(0);
    log(&t, "after");
}

// Moved on one path, then assigned again after a yield: the assignment
// drops nothing where the value was moved, and the old value where it was
// not (rustc: "-b1" after "after" on the second, at the `drop` on the first).
#[generator(yield = u32)]
fn moved_on_one_path_then_assigned(t: Trace, c: bool) {
    let mut b = Noisy::new(&t, "b1");
    if c {
        drop(b);
    }
    yield_!(0);
    log(&t, "after");
    b = Noisy::new(&t, "b2");
    yield_!(1);
    log(&t, &b.name);
}

// A `Copy` value "moved" on one path is copied, so it can be used again
// (the flag copies a `Copy` value out rather than taking it).
#[generator(yield = usize)]
fn copied_on_one_path(c: bool, v: Vec<u8>) {
    let n = v.len();
    if c {
        std::hint::black_box(n);
        yield_!(n);
    }
    yield_!(0);
}

// A parameter moved on some paths: the same, its flag made in the start
// state.
#[generator(yield = u32)]
fn parameter_moved_on_one_path(t: Trace, b: Noisy, c: bool) {
    if c {
        drop(b);
    }
    yield_!(0);
    log(&t, "after");
}

#[test]
fn a_parameter_moved_on_some_paths_drops_at_the_end_of_its_scope() {
    let t = trace();
    let b = Noisy::new(&t, "b");
    run(parameter_moved_on_one_path(t.clone(), b, false));
    assert_eq!(take(&t), ["+b", "after", "-b"]);
    let b = Noisy::new(&t, "b");
    run(parameter_moved_on_one_path(t.clone(), b, true));
    assert_eq!(take(&t), ["+b", "-b", "after"]);
}

// A method baozi does not know, which may take `self`, followed on some
// path by a read of its receiver: in a valid program it borrowed, so the
// receiver can be reached through a drop flag (rustc: "-b" at the end of
// the body when it was not moved, at the `drop` when it was).
trait Touch {
    fn touch(&mut self);
}

impl Touch for Noisy {
    fn touch(&mut self) {
        self.name.push('!');
    }
}

#[generator(yield = u32)]
fn touched_then_moved_on_one_path(t: Trace, c: bool) {
    let mut b = Noisy::new(&t, "b");
    b.touch();
    if c {
        yield_!(0);
        drop(b);
    }
    log(&t, "after");
    yield_!(1);
    log(&t, "end");
}

#[test]
fn a_receiver_of_an_unknown_method_read_later_on_some_path_gets_a_drop_flag() {
    let t = trace();
    assert_eq!(
        run(touched_then_moved_on_one_path(t.clone(), false)),
        (vec![1], ())
    );
    assert_eq!(take(&t), ["+b", "after", "end", "-b!"]);
    assert_eq!(
        run(touched_then_moved_on_one_path(t.clone(), true)),
        (vec![0, 1], ())
    );
    assert_eq!(take(&t), ["+b", "-b!", "after", "end"]);
}

// A `for` loop's binding moved on some paths: its flag drops it at the end
// of the iteration (rustc: "-b" after "after" when it was not moved).
#[generator(yield = u32)]
fn loop_binding_moved_on_one_path(t: Trace, c: bool) {
    for b in [Noisy::new(&t, "b")] {
        if c {
            drop(b);
        }
        yield_!(0);
        log(&t, "after");
    }
    log(&t, "end");
}

#[test]
fn a_loop_binding_moved_on_some_paths_drops_at_the_end_of_its_iteration() {
    let t = trace();
    assert_eq!(
        run(loop_binding_moved_on_one_path(t.clone(), false)),
        (vec![0], ())
    );
    assert_eq!(take(&t), ["+b", "after", "-b", "end"]);
    assert_eq!(
        run(loop_binding_moved_on_one_path(t.clone(), true)),
        (vec![0], ())
    );
    assert_eq!(take(&t), ["+b", "-b", "after", "end"]);
}

#[test]
fn a_value_moved_on_some_paths_drops_at_the_end_of_its_scope() {
    let t = trace();
    assert_eq!(run(moved_on_one_path(t.clone(), false)), (vec![0], ()));
    assert_eq!(take(&t), ["+b", "after", "-b"]);
    assert_eq!(run(moved_on_one_path(t.clone(), true)), (vec![0], ()));
    assert_eq!(take(&t), ["+b", "-b", "after"]);
    let mut g = moved_on_one_path(t.clone(), false);
    g.next();
    drop(g);
    assert_eq!(take(&t), ["+b", "-b"]);

    run(moved_on_one_path_then_assigned(t.clone(), false));
    assert_eq!(take(&t), ["+b1", "after", "+b2", "-b1", "b2", "-b2"]);
    run(moved_on_one_path_then_assigned(t.clone(), true));
    assert_eq!(take(&t), ["+b1", "-b1", "after", "+b2", "b2", "-b2"]);

    assert_eq!(run(copied_on_one_path(true, vec![1, 2])), (vec![2, 0], ()));
}

// Near the self-borrows baozi explains (tests/ui/fail/self_borrows.rs), but
// valid: a dead reference, a value copied or cloned out of a borrow or a
// guard, a promoted constant (rustc accepts all of them; yields 1, 1, 2, 7,
// returns 3).
#[generator(yield = i32)]
fn borrows_that_end_or_own(m: std::sync::Mutex<Vec<i32>>) -> usize {
    let local = vec![1, 2, 3];
    let r = &local;
    let n = r.len();
    let first = local.first().copied();
    let copied = *m.lock().unwrap().first().unwrap();
    let cloned = m.lock().unwrap().clone();
    let seven = &7;
    yield_!(first.unwrap());
    yield_!(copied);
    yield_!(cloned[1]);
    yield_!(*seven);
    n
}

#[test]
fn borrows_that_end_before_a_yield_or_own_their_value_compile() {
    let m = std::sync::Mutex::new(vec![1, 2]);
    assert_eq!(run(borrows_that_end_or_own(m)), (vec![1, 1, 2, 7], 3));
}

/// `.peekable()` takes its receiver by value: the shadowed iterator it was
/// made from is moved, not kept (std's consuming adapters are moves).
#[generator(yield = u32)]
fn evens_first<I: Iterator<Item = u32>>(it: I) {
    let mut it = it.peekable();
    while let Some(x) = it.next() {
        if it.peek().is_some_and(|n| n % 2 == 0) {
            yield_!(x * 10);
        } else {
            yield_!(x);
        }
    }
}

#[test]
fn a_consuming_adapter_moves_its_receiver() {
    assert_eq!(
        evens_first([1, 2, 3].into_iter()).collect::<Vec<_>>(),
        [10, 2, 3]
    );
}

/// A value moved by a `yield_!` before a `return` is not stored there: the
/// code after the branch is not reached from it (rustc: compiles, yields the
/// vector or prints its length).
#[generator(yield = Vec<u32>)]
fn moved_then_returned(n: u32, t: Trace) {
    let v = vec![n];
    if n == 1 {
        yield_!(v);
        return;
    }
    t.borrow_mut().push(format!("len {}", v.len()));
}

#[test]
fn a_value_moved_before_a_return_is_not_stored() {
    let t = trace();
    assert_eq!(
        moved_then_returned(1, t.clone()).collect::<Vec<_>>(),
        [vec![1]]
    );
    assert_eq!(moved_then_returned(2, t.clone()).count(), 0);
    assert_eq!(take(&t), ["len 1"]);
}

/// Shape 3 (rustc's `partial-drop.rs`): a local whose field is moved out
/// (`drop(guard.foo)`) and that is dead at the yield is not stored, so the
/// moved-out field's type does not make the generator `!Send`, as in rustc.
struct NotSend(std::marker::PhantomData<*const ()>);
struct HoldsNotSend {
    foo: NotSend,
    x: i32,
}

#[allow(clippy::drop_non_drop)]
#[generator(yield = i32)]
fn partly_moved() {
    let guard = HoldsNotSend {
        foo: NotSend(std::marker::PhantomData),
        x: 42,
    };
    let x = guard.x;
    drop(guard.foo);
    yield_!(x);
}

#[test]
fn a_dead_partly_moved_local_is_not_stored() {
    fn assert_send<T: Send>(t: T) -> T {
        t
    }
    assert_eq!(assert_send(partly_moved()).collect::<Vec<_>>(), [42]);
}

// Shape 3: a struct local partly moved before a yield; rustc stores what
// remains (yields 7, returns "a").
struct Pair {
    name: String,
    n: u32,
}

#[generator(yield = u32)]
fn partly_moved_pair() -> String {
    let p = Pair {
        name: String::from("a"),
        n: 7,
    };
    let name = p.name;
    yield_!(p.n);
    name
}

#[test]
fn a_partly_moved_local_keeps_its_other_fields() {
    assert_eq!(run(partly_moved_pair()), (vec![7], String::from("a")));
}

struct Parts {
    name: String,
    guard: Noisy,
}

// What remains drops at the end of its scope, after the return value is
// computed; the moved-out field with its new owner (rustc: `+g`, yield,
// `-g` after `len`).
#[generator(yield = usize)]
fn partly_moved_with_a_guard(t: Trace) -> usize {
    let mut p = Parts {
        name: String::from("ab"),
        guard: Noisy::new(&t, "g"),
    };
    let name = p.name;
    yield_!(name.len());
    p.name = String::from("c");
    log(&t, "len");
    p.name.len() + p.guard.name.len()
}

#[test]
fn what_remains_of_a_partly_moved_local_drops_at_the_end_of_its_scope() {
    let t = trace();
    let mut g = partly_moved_with_a_guard(t.clone());
    assert_eq!(g.resume(()), GeneratorState::Yielded(2));
    assert_eq!(take(&t), ["+g"]);
    assert_eq!(g.resume(()), GeneratorState::Complete(2));
    assert_eq!(take(&t), ["len", "-g"]);
}

fn consume(n: Noisy) -> usize {
    n.name.len()
}

// Moved by a yield's value, then assigned and read in a branch: nothing is
// stored at the yield (rustc: `+a`, `-a` at the yield's value; `+bb`, then
// `-bb` at the end of the scope).
#[generator(yield = usize)]
fn reassigned_and_read_in_a_branch(t: Trace, c: bool) -> usize {
    let mut p = Noisy::new(&t, "a");
    yield_!(consume(p));
    let mut n = 0;
    if c {
        p = Noisy::new(&t, "bb");
        n = p.name.len();
    }
    n
}

#[test]
fn a_local_moved_at_a_yield_and_assigned_in_a_branch_is_not_stored() {
    let t = trace();
    let mut g = reassigned_and_read_in_a_branch(t.clone(), true);
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(take(&t), ["+a", "-a"]);
    assert_eq!(g.resume(()), GeneratorState::Complete(2));
    assert_eq!(take(&t), ["+bb", "-bb"]);
}

// Moved on some paths, its field read before: it gets a drop flag, and drops
// at the end of its scope when it was not moved (rustc: `+a`, yield, `end`,
// `-a`; moved: `+a`, `-a`, yield, `end`).
#[generator(yield = usize)]
fn moved_on_some_paths_after_a_field_read(t: Trace, c: bool) -> usize {
    let a = Noisy::new(&t, "a");
    let n = a.name.len();
    if c {
        drop(a);
    }
    yield_!(n);
    log(&t, "end");
    0
}

#[test]
fn a_local_with_a_field_read_moved_on_some_paths_drops_at_the_end_of_its_scope() {
    for (c, expected) in [(false, ["+a", "end", "-a"]), (true, ["+a", "-a", "end"])] {
        let t = trace();
        let mut g = moved_on_some_paths_after_a_field_read(t.clone(), c);
        assert_eq!(g.resume(()), GeneratorState::Yielded(1));
        assert_eq!(g.resume(()), GeneratorState::Complete(0));
        assert_eq!(take(&t), expected, "c = {c}");
    }
}

// The same with a field copied out before the yield.
struct Tagged {
    n: usize,
    _guard: Noisy,
}

#[generator(yield = usize)]
fn moved_on_some_paths_after_a_field_copy(t: Trace, c: bool) -> usize {
    let a = Tagged {
        n: 3,
        _guard: Noisy::new(&t, "a"),
    };
    let n = a.n;
    if c {
        drop(a);
    }
    yield_!(n);
    log(&t, "end");
    0
}

#[test]
fn a_local_with_a_field_copied_moved_on_some_paths_drops_at_the_end_of_its_scope() {
    let t = trace();
    let mut g = moved_on_some_paths_after_a_field_copy(t.clone(), false);
    assert_eq!(g.resume(()), GeneratorState::Yielded(3));
    assert_eq!(g.resume(()), GeneratorState::Complete(0));
    assert_eq!(take(&t), ["+a", "end", "-a"]);
}

// Shape 3: a pattern matched against a box's contents, by copy (rustc:
// yields 4).
#[generator(yield = u32)]
fn matched_through_a_box(b: Box<Option<u32>>) {
    if let Some(x) = *b {
        yield_!(x);
    }
}

#[test]
fn a_box_matched_by_copy_yields_its_contents() {
    assert_eq!(run(matched_through_a_box(Box::new(Some(4)))), (vec![4], ()));
}

// Shape 4: assigned in a match guard, then used after a yield (rustc:
// yields 1, 2, returns 3).
#[generator(yield = u32)]
fn assigned_in_a_match_guard(n: u32) -> u32 {
    let seen: u32;
    match n {
        k if {
            seen = k + 1;
            k > 0
        } =>
        {
            yield_!(k);
        }
        _ => return 0,
    }
    yield_!(seen);
    seen + 1
}

#[test]
fn a_local_assigned_in_a_match_guard_is_stored() {
    assert_eq!(run(assigned_in_a_match_guard(1)), (vec![1, 2], 3));
}

// Moved on some paths and pushed to with its own length: the drop flag
// lets the receiver borrow after the argument, as a two-phase borrow does
// (rustc: yields 2).
#[generator(yield = usize)]
fn pushed_with_its_own_length(c: bool) {
    let mut v = vec![1];
    v.push(v.len());
    let n = v.len();
    if c {
        drop(v);
    }
    yield_!(n);
}

#[test]
fn a_flagged_receiver_borrows_after_its_arguments() {
    assert_eq!(run(pushed_with_its_own_length(false)), (vec![2], ()));
}

fn name_for(n: usize) -> &'static str {
    if n > 0 { "a" } else { "z" }
}

// Initialised after a yield, then moved on some paths before another: a
// drop flag, as for any other initialiser (rustc: `+a`, yield, `end`, `-a`;
// moved: `+a`, `-a`, yield, `end`).
#[generator(yield = usize, resume = usize)]
fn initialised_after_a_yield_moved_on_some_paths(t: Trace, c: bool) -> usize {
    let a = Noisy::new(&t, name_for(yield_!(0)));
    if c {
        drop(a);
    }
    yield_!(1);
    log(&t, "end");
    0
}

#[test]
fn a_local_initialised_after_a_yield_and_moved_on_some_paths_drops_at_the_end_of_its_scope() {
    for (c, expected) in [(false, ["+a", "end", "-a"]), (true, ["+a", "-a", "end"])] {
        let t = trace();
        let mut g = initialised_after_a_yield_moved_on_some_paths(t.clone(), c);
        assert_eq!(g.resume(0), GeneratorState::Yielded(0));
        assert_eq!(g.resume(1), GeneratorState::Yielded(1));
        assert_eq!(g.resume(0), GeneratorState::Complete(0));
        assert_eq!(take(&t), expected, "c = {c}");
    }
}

// A closure that borrows a local mutably, dead before the yield: it is not
// stored, so its borrow ends at its last call (rustc: yields 1, 3).
#[generator(yield = i32)]
fn dead_closure_borrowing_mutably() {
    let mut count = 0;
    let mut bump = || count += 1;
    bump();
    yield_!(count);
    let mut v = vec![1];
    let mut push = |x| v.push(x);
    push(2);
    push(3);
    yield_!(v.len() as i32);
}

#[test]
fn a_dead_closure_that_borrows_mutably_is_not_stored() {
    assert_eq!(run(dead_closure_borrowing_mutably()), (vec![1, 3], ()));
}

// Shape 3 with a tuple, and with a field made by `.into()` (rustc: yields
// 30, then 2; the rest drops at the end of its scope, after `end`).
#[generator(yield = usize)]
fn partly_moved_tuple_and_into(t: Trace) -> String {
    let pair = (String::from("l"), Noisy::new(&t, "r"));
    let left = pair.0;
    yield_!(pair.1.name.len() + 29);
    let person = Pair {
        name: "ann".into(),
        n: 2,
    };
    let name = person.name;
    yield_!(person.n as usize);
    log(&t, "end");
    left + &name
}

#[test]
fn a_partly_moved_tuple_keeps_its_other_elements() {
    let t = trace();
    let mut g = partly_moved_tuple_and_into(t.clone());
    assert_eq!(g.resume(()), GeneratorState::Yielded(30));
    assert_eq!(g.resume(()), GeneratorState::Yielded(2));
    assert_eq!(g.resume(()), GeneratorState::Complete(String::from("lann")));
    assert_eq!(take(&t), ["+r", "end", "-r"]);
}

// A closure that moves a capture (`|| drop(g)`) holds it by value: dead, it
// is still stored, and what it holds drops at the end of its scope (rustc:
// `+g`, yield, `end`, `-g`).
#[generator(yield = u32)]
fn dead_closure_holding_a_value(t: Trace) {
    let g = Noisy::new(&t, "g");
    let _never_called = || drop(g);
    yield_!(0);
    log(&t, "end");
}

#[test]
fn a_dead_closure_that_moves_a_capture_drops_it_at_the_end_of_its_scope() {
    let t = trace();
    assert_eq!(run(dead_closure_holding_a_value(t.clone())), (vec![0], ()));
    assert_eq!(take(&t), ["+g", "end", "-g"]);
}

// A pattern's binding that borrows what the scrutinee borrows, dead before
// the arm's yield, ends at its last use (rustc: yields 6, 4, then the
// counts).
#[generator(yield = (String, u32))]
fn pattern_borrows_end_at_their_last_use() {
    let mut stack = vec![1, 4, 6];
    if let Some(top) = stack.last() {
        let t = *top;
        stack.pop();
        yield_!((String::from("top"), t));
    }
    while let Some(top) = stack.last() {
        let t = *top;
        stack.pop();
        if t == 4 {
            yield_!((String::from("top"), t));
        }
    }
    let mut counts = std::collections::HashMap::new();
    for w in ["a", "b", "a"] {
        match counts.get(w) {
            Some(n) => {
                let n = *n + 1;
                counts.insert(w, n);
                yield_!((w.to_string(), n));
            }
            None => {
                counts.insert(w, 1);
            }
        }
    }
}

#[test]
fn a_pattern_binding_that_borrows_ends_at_its_last_use() {
    let (yielded, ()) = run(pattern_borrows_end_at_their_last_use());
    assert_eq!(
        yielded,
        [
            (String::from("top"), 6),
            (String::from("top"), 4),
            (String::from("a"), 2)
        ]
    );
}

fn fails(n: usize) -> Result<usize, usize> {
    if n > 0 { Err(n) } else { Ok(0) }
}

// A `?` in the yielded value returns early: what is stored drops in reverse
// order of declaration, the dead parameter `p` after the later local kept in
// place (difftest seed 91002; rustc: `+p`, `+t`, `-t`, `-p`).
#[generator(yield = usize)]
fn early_return_in_a_yielded_value(n: usize, _p: Noisy, t: Trace) -> Result<usize, usize> {
    let mut _later = Noisy::new(&t, "t");
    yield_!(std::cmp::max(fails(n)?, n));
    Ok(0)
}

#[test]
fn an_early_return_in_a_yielded_value_drops_in_reverse_order() {
    let t = trace();
    let p = Noisy::new(&t, "p");
    let mut g = early_return_in_a_yielded_value(1, p, t.clone());
    assert_eq!(g.resume(()), GeneratorState::Complete(Err(1)));
    assert_eq!(take(&t), ["+p", "+t", "-t", "-p"]);
}

// A `ref` binding, dead before the yield of its arm, ends at its last use
// (rustc: yields 3).
#[generator(yield = usize)]
fn ref_binding_ends_at_its_last_use() {
    let mut words = vec![String::from("abc")];
    let w = words.pop();
    if let Some(ref s) = w {
        let n = s.len();
        words.push(String::new());
        drop(w);
        yield_!(n);
    }
}

#[test]
fn a_ref_binding_ends_at_its_last_use() {
    assert_eq!(run(ref_binding_ends_at_its_last_use()), (vec![3], ()));
}

struct Limits {
    limit: i32,
}

impl Limits {
    // A closure in a kept iterator that reads a field through `&self`
    // captures the place behind the reference, no local of the generator
    // (rustc accepts it: yields 4, 5).
    #[generator(yield = i32)]
    fn above(&self, v: Vec<i32>) {
        for x in v.into_iter().filter(|x| *x > self.limit) {
            yield_!(x);
        }
    }
}

#[test]
fn a_closure_reading_through_a_reference_is_no_self_borrow() {
    let l = Limits { limit: 3 };
    assert_eq!(l.above(vec![1, 4, 5]).collect::<Vec<_>>(), [4, 5]);
}

// A `#[cfg]`'d statement that moves a local happens on some configurations
// only: the local is not taken for moved (rustc, with the `cfg` false:
// yields 2, returns 2).
#[generator(yield = usize)]
fn moved_in_a_configured_away_statement() -> usize {
    let v = vec![1, 2];
    #[cfg(any())]
    drop(v);
    yield_!(v.len());
    v.len()
}

#[test]
fn a_move_in_a_cfg_statement_is_not_certain() {
    assert_eq!(run(moved_in_a_configured_away_statement()), (vec![2], 2));
}

// A closure made in a loop's body and kept across a yield: the loop's
// header is not copied into the body's end when it makes one (two copies
// would be two closure types; rustc: yields 0, 1, then 2, 4, 6, then 7).
#[generator(yield = u8)]
fn closures_in_loops(rows: Vec<Vec<u8>>) {
    for n in 0..2u8 {
        let f = move || n;
        yield_!(f());
    }
    for row in rows {
        for x in row.into_iter().map(|x| x * 2) {
            yield_!(x);
        }
    }
    let mut k = 0;
    while k < 1 {
        let g = generator_block!({
            yield_!(7u8);
        });
        k += 1;
        yield_from!(g);
    }
}

#[test]
fn a_closure_made_in_a_loop_is_one_type() {
    let g = closures_in_loops(vec![vec![1, 2], vec![3]]);
    assert_eq!(g.collect::<Vec<_>>(), [0, 1, 2, 4, 6, 7]);
}

// A compound assignment's place is evaluated after its right side (for a
// primitive), so the locals the place reads are kept across a yield there,
// even when dead after it (rustc: resumes 5, 7, 1 give `[-1, 7]`; counts 3,
// 4).
#[generator(resume = i32)]
fn compound_assignment_places(j: usize) -> ([i32; 2], i32) {
    let mut arr = [0; 2];
    let i = 1;
    arr[i] += yield_!();
    arr[j] -= yield_!();
    let mut counts = std::collections::HashMap::new();
    for k in ["a", "b"] {
        *counts.entry(k).or_insert(0) += yield_!();
    }
    (arr, counts["a"] + counts["b"])
}

#[test]
fn the_locals_of_a_compound_assignments_place_are_kept() {
    let mut g = compound_assignment_places(0);
    assert_eq!(g.resume(5), GeneratorState::Yielded(()));
    assert_eq!(g.resume(7), GeneratorState::Yielded(()));
    assert_eq!(g.resume(1), GeneratorState::Yielded(()));
    assert_eq!(g.resume(3), GeneratorState::Yielded(()));
    assert_eq!(g.resume(4), GeneratorState::Complete(([-1, 7], 7)));
}
