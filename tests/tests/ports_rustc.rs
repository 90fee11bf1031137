//! Ports of rustc's own coroutine tests (`tests/ui/coroutine/*.rs` in
//! rust-lang/rust, the run-pass and check-pass ones) to baozi, each written as
//! a new user would first write it. The assertions are the behaviour of the
//! native coroutine (the original's own assertions, or what a native build
//! printed).

use std::cell::RefCell;
use std::marker::PhantomData;
use std::panic::{self, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;

/// Resumes `g` until it completes, counting the yields.
fn finish<G: Generator<(), Yield = ()>>(mut amt: usize, mut g: G) -> G::Return {
    loop {
        match g.resume(()) {
            Yielded(()) => amt = amt.checked_sub(1).unwrap(),
            Complete(ret) => {
                assert_eq!(amt, 0);
                return ret;
            }
        }
    }
}

fn assert_send<T: Send>(_: T) {}

/// A type that is neither `Send` nor `Sync` (rustc's tests use
/// `impl !Send`).
#[derive(Default)]
struct NotSend(PhantomData<*const ()>);

// Origin: tests/ui/coroutine/addassign-yield.rs (the movable part: `s += {
// yield; "" }`).
#[test]
fn addassign_yield() {
    let mut g = generator_block!({
        let mut s = String::from("a");
        s += {
            yield_!();
            "b"
        };
        s
    });
    assert_eq!(g.resume(()), Yielded(()));
    assert_eq!(g.resume(()), Complete("ab".to_string()));
}

// Origin: tests/ui/coroutine/borrow-in-tail-expr.rs
#[test]
fn borrow_in_tail_expr() {
    let g = generator_block!({
        yield_!();
        let a = String::from("xyz");
        a.len()
    });
    assert_eq!(finish(1, g), 3);
}

// Origin: tests/ui/coroutine/control-flow.rs
#[test]
#[allow(unreachable_code)]
fn control_flow() {
    finish(1, generator_block!({ yield_!() }));
    finish(
        8,
        generator_block!({
            for _ in 0..8 {
                yield_!();
            }
        }),
    );
    finish(
        1,
        generator_block!({
            if true {
                yield_!();
            } else {
            }
        }),
    );
    finish(
        1,
        generator_block!({
            if false {
            } else {
                yield_!();
            }
        }),
    );
    finish(
        2,
        generator_block!({
            if {
                yield_!();
                false
            } {
                yield_!();
                panic!()
            }
            yield_!()
        }),
    );
}

// Origin: tests/ui/coroutine/drop-and-replace.rs
#[derive(Debug, PartialEq)]
struct Foo(i32);

impl Drop for Foo {
    fn drop(&mut self) {}
}

#[test]
fn drop_and_replace() {
    let g = generator_block!({
        let mut x = Foo(4);
        yield_!();
        assert_eq!(x.0, 4);
        x = Foo(5);
        assert_eq!(x.0, 5);
        {
            let y = Foo(6);
            yield_!();
            assert_eq!(y.0, 6);
        }
        assert_eq!(x.0, 5);
    });
    finish(2, g);
}

// Origin: tests/ui/coroutine/issue-44197.rs
fn make_name(_: &str) -> String {
    String::new()
}

fn lookup(_: &str) -> Result<String, ()> {
    Err(())
}

#[generator(yield = String)]
fn yields_call_on_arg(name: String) {
    yield_!(make_name(&name));
}

#[generator(yield = String)]
fn yields_if_let_on_arg(name: String) {
    if let Ok(found) = lookup(&name) {
        yield_!(found);
    }
}

#[test]
fn issue_44197() {
    assert_eq!(
        yields_call_on_arg(String::new()).resume(()),
        Yielded(String::new())
    );
    assert_eq!(yields_if_let_on_arg(String::new()).resume(()), Complete(()));
}

// Origin: tests/ui/coroutine/issue-52304.rs
fn yields_ref_to_literal() -> impl Generator<Yield = &'static i32, Return = ()> {
    generator_block!({ yield_!(&1) })
}

#[test]
fn issue_52304() {
    assert_eq!(yields_ref_to_literal().resume(()), Yielded(&1));
}

// Origin: tests/ui/coroutine/issue-52398.rs
struct A;
impl A {
    fn test(&self, _: ()) {}
}

#[test]
fn issue_52398() {
    let mut g = generator_block!(move {
        A.test(yield_!());
    });
    assert_eq!(g.resume(()), Yielded(()));
    assert_eq!(g.resume(()), Complete(()));

    let y = RefCell::new(true);
    let mut g = generator_block!(move {
        yield_!(*y.borrow());
        "Done"
    });
    assert_eq!(g.resume(()), Yielded(true));
    assert_eq!(g.resume(()), Complete("Done"));
}

// Origin: tests/ui/coroutine/issue-53548.rs
trait Trait: 'static {}

struct Store<C> {
    _inner: Rc<RefCell<Option<C>>>,
}

#[test]
fn issue_53548() {
    let mut g = Box::new(generator_block!(move {
        let _store = Store::<Box<dyn Trait>> {
            _inner: Default::default(),
        };
        yield_!();
    }));
    assert_eq!(g.resume(()), Yielded(()));
}

// Origin: tests/ui/coroutine/issue-57084.rs
#[generator]
fn with<F: Fn()>(f: F) {
    loop {
        match f() {
            _ => yield_!(),
        }
    }
}

#[test]
fn issue_57084() {
    let data = &[1];
    let mut g = generator_block!({
        let mut to_pin = with(move || assert_eq!(data.len(), 1));
        loop {
            to_pin.resume(());
            yield_!()
        }
    });
    assert_eq!(g.resume(()), Yielded(()));
    assert_eq!(g.resume(()), Yielded(()));
}

// Origin: tests/ui/coroutine/issue-57478.rs
#[test]
#[allow(clippy::drop_non_drop)]
fn issue_57478() {
    assert_send(generator_block!({
        let guard = NotSend::default();
        drop(guard);
        yield_!();
    }));
}

// Origin: tests/ui/coroutine/issue-58888.rs
struct Database;

impl Database {
    fn get_connection(&self) -> impl Iterator<Item = ()> {
        Some(()).into_iter()
    }

    #[generator]
    fn check_connection(&self) {
        let iter = self.get_connection();
        for i in iter {
            yield_!(i)
        }
    }
}

#[test]
fn issue_58888() {
    assert_eq!(Database.check_connection().count(), 1);
}

// Origin: tests/ui/coroutine/issue-69039.rs
fn mkstr(my_name: String, my_mood: String) -> String {
    format!("{} is {}", my_name.trim(), my_mood.trim())
}

#[generator(yield = &'static str, resume = String)]
fn my_scenario() -> String {
    let my_name = yield_!("What is your name?");
    let my_mood = yield_!("How are you feeling?");
    mkstr(my_name, my_mood)
}

#[test]
fn issue_69039() {
    let mut s = my_scenario();
    assert_eq!(s.resume("_arg".to_string()), Yielded("What is your name?"));
    assert_eq!(
        s.resume("Your Name".to_string()),
        Yielded("How are you feeling?")
    );
    assert_eq!(
        s.resume("Sensory Organs".to_string()),
        Complete("Your Name is Sensory Organs".to_string())
    );
}

// Origin: tests/ui/coroutine/iterator-count.rs
#[generator(yield = u8)]
fn one_to_five() {
    for i in 1..6 {
        yield_!(i)
    }
}

#[test]
fn iterator_count() {
    let end = 11;
    let closure_test = |start| {
        generator_block!(move {
            for i in start..end {
                yield_!(i)
            }
        })
    };
    assert!(one_to_five().chain(closure_test(6)).eq(1..11));
}

// Origin: tests/ui/coroutine/live-upvar-across-yield.rs
#[test]
fn live_upvar_across_yield() {
    let b = |_| 3;
    let mut a = generator_block!({
        b(yield_!());
    });
    a.resume(());
    assert_eq!(a.resume(()), Complete(()));
}

// Origin: tests/ui/coroutine/match-bindings.rs
#[allow(dead_code)]
enum Enum {
    A(String),
    B,
}

#[test]
#[allow(irrefutable_let_patterns, clippy::redundant_pattern_matching)]
fn match_bindings() {
    let mut g = generator_block!({
        loop {
            if let true = true {
                match Enum::A(String::new()) {
                    Enum::A(_var) => {}
                    Enum::B => {}
                }
            }
            yield_!();
        }
    });
    assert_eq!(g.resume(()), Yielded(()));
    assert_eq!(g.resume(()), Yielded(()));
}

// Origin: tests/ui/coroutine/nested_coroutine.rs
#[test]
fn nested_coroutine() {
    let mut g = generator_block!({
        let mut sub = generator_block!({
            yield_!(2);
        });
        match sub.resume(()) {
            Yielded(x) => {
                yield_!(x);
            }
            _ => panic!(),
        };
    });
    assert_eq!(g.resume(()), Yielded(2));
    assert_eq!(g.resume(()), Complete(()));
}

// Origin: tests/ui/coroutine/overlap-locals.rs
#[test]
fn overlap_locals() {
    let a = generator_block!({
        {
            let w: i32 = 4;
            yield_!();
            println!("{w:?}");
        }
        {
            let x: i32 = 5;
            yield_!();
            println!("{x:?}");
        }
        {
            let y: i32 = 6;
            yield_!();
            println!("{y:?}");
        }
        {
            let z: i32 = 7;
            yield_!();
            println!("{z:?}");
        }
    });
    assert_eq!(8, std::mem::size_of_val(&a));
}

// Origin: tests/ui/coroutine/panic-safe.rs and coroutine-resume-after-panic.rs
#[test]
fn panic_safe() {
    let mut foo = generator_block!({
        if true {
            panic!();
        }
        yield_!();
    });
    let res = panic::catch_unwind(AssertUnwindSafe(|| foo.resume(())));
    assert!(res.is_err());
    for _ in 0..10 {
        let res = panic::catch_unwind(AssertUnwindSafe(|| foo.resume(())));
        assert!(res.is_err());
    }
}

// Origin: tests/ui/coroutine/resume-after-return.rs
#[test]
#[allow(unreachable_code)]
fn resume_after_return() {
    let mut foo = generator_block!({
        if true {
            return;
        }
        yield_!();
    });
    assert_eq!(foo.resume(()), Complete(()));
    assert!(panic::catch_unwind(AssertUnwindSafe(move || foo.resume(()))).is_err());
}

// Origin: tests/ui/coroutine/reborrow-mut-upvar.rs
fn reborrow(bar: &mut i32) {
    let mut g = generator_block!({
        {
            let _baz = &*bar;
            yield_!();
        }
        *bar = 2;
    });
    finish(1, &mut g);
}

#[test]
fn reborrow_mut_upvar() {
    let mut x = 1;
    reborrow(&mut x);
    assert_eq!(x, 2);
}

// Origin: tests/ui/coroutine/issue-61442-stmt-expr-with-drop.rs
#[test]
#[allow(unused_must_use)]
fn stmt_expr_with_drop() {
    let mut x = generator_block!({
        String::new();
        yield_!();
    });
    assert_eq!(x.resume(()), Yielded(()));
    assert_eq!(std::mem::size_of_val(&x), 1);
}

// Origin: tests/ui/coroutine/yield-in-args-rev.rs
fn takes_unit_and_ref(_a: (), _b: &bool) {}

#[test]
fn yield_in_args_rev() {
    let g = generator_block!({
        let b = true;
        takes_unit_and_ref(yield_!(), &b);
    });
    finish(1, g);
}

// Origin: tests/ui/coroutine/yield-in-initializer.rs
#[test]
fn yield_in_initializer() {
    let mut g = generator_block!({
        loop {
            let opt = {
                yield_!();
                true
            };
            let _ = &opt;
        }
    });
    g.resume(());
    g.resume(());
}

// Origin: tests/ui/coroutine/too-live-local-in-immovable-gen.rs (as a movable
// generator: nothing borrows across the yield)
#[test]
fn too_live_local() {
    let g = generator_block!({
        let a = {
            yield_!();
            4i32
        };
        let _ = &a;
    });
    finish(1, g);
}

// Origin: tests/ui/coroutine/yield-subtype.rs
fn subtype<'a>() -> Vec<&'a str> {
    let a: &'static str = "hi";
    let b: &'a str = a;
    generator_block!({
        yield_!(a);
        yield_!(b);
    })
    .collect()
}

#[test]
fn yield_subtype() {
    assert_eq!(subtype(), ["hi", "hi"]);
}

// Origin: tests/ui/coroutine/smoke.rs
#[test]
#[allow(unreachable_code)]
fn smoke() {
    let mut foo = generator_block!({
        if false {
            yield_!();
        }
    });
    assert_eq!(foo.resume(()), Complete(()));

    let a = String::from("foo");
    let mut foo = generator_block!(move {
        if false {
            yield_!();
        }
        a
    });
    assert_eq!(foo.resume(()), Complete("foo".to_string()));

    let b = String::from("foo");
    let mut foo = generator_block!(move {
        yield_!(b);
    });
    assert_eq!(foo.resume(()), Yielded("foo".to_string()));
    assert_eq!(foo.resume(()), Complete(()));

    let mut foo = generator_block!({
        yield_!(String::from("bar"));
        return String::from("foo");
    });
    assert_eq!(foo.resume(()), Yielded("bar".to_string()));
    assert_eq!(foo.resume(()), Complete("foo".to_string()));

    let a = String::from("foo");
    let mut foo = generator_block!(move {
        yield_!();
        return a;
    });
    assert_eq!(foo.resume(()), Yielded(()));
    assert_eq!(foo.resume(()), Complete("foo".to_string()));
}

// Origin: tests/ui/coroutine/smoke-resume-args.rs
static DROPS: AtomicUsize = AtomicUsize::new(0);

#[derive(Debug, PartialEq)]
struct DropMe;

impl Drop for DropMe {
    fn drop(&mut self) {
        DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

fn drain<G: Generator<R, Yield = Y>, R, Y>(g: &mut G, inout: Vec<(R, GeneratorState<Y, G::Return>)>)
where
    Y: std::fmt::Debug + PartialEq,
    G::Return: std::fmt::Debug + PartialEq,
{
    for (input, out) in inout {
        assert_eq!(g.resume(input), out);
    }
}

fn expect_drops<T>(expected: usize, f: impl FnOnce() -> T) -> T {
    DROPS.store(0, Ordering::SeqCst);
    let res = f();
    assert_eq!(DROPS.load(Ordering::SeqCst), expected);
    res
}

#[test]
#[allow(unreachable_code)]
fn smoke_resume_args() {
    drain(
        &mut generator_block!(|mut b: i32| {
            while b != 0 {
                b = yield_!(b + 1);
            }
            -1
        }),
        vec![
            (1, Yielded(2)),
            (-45, Yielded(-44)),
            (500, Yielded(501)),
            (0, Complete(-1)),
        ],
    );

    expect_drops(2, || {
        drain(
            &mut generator_block!(|a| { yield_!(a) }),
            vec![(DropMe, Yielded(DropMe))],
        )
    });

    expect_drops(6, || {
        drain(
            &mut generator_block!(|a| { yield_!(yield_!(a)) }),
            vec![
                (DropMe, Yielded(DropMe)),
                (DropMe, Yielded(DropMe)),
                (DropMe, Complete(DropMe)),
            ],
        )
    });

    expect_drops(2, || {
        drain(
            &mut generator_block!(|a: DropMe| { if false { yield_!(()) } else { a } }),
            vec![(DropMe, Complete(DropMe))],
        )
    });

    #[allow(unused_assignments)]
    expect_drops(4, || {
        drain(
            &mut generator_block!(|mut a: DropMe| {
                a = yield_!();
                a = yield_!();
                a = yield_!();
            }),
            vec![
                (DropMe, Yielded(())),
                (DropMe, Yielded(())),
                (DropMe, Yielded(())),
                (DropMe, Complete(())),
            ],
        )
    });
}

// Origin: tests/ui/coroutine/resume-live-across-yield.rs
static DROP: AtomicUsize = AtomicUsize::new(0);

#[derive(PartialEq, Eq, Debug)]
struct Dropper(String);

impl Drop for Dropper {
    fn drop(&mut self) {
        DROP.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn resume_live_across_yield() {
    let mut g = generator_block!(|mut d: Dropper| {
        d = yield_!();
        d
    });
    assert_eq!(g.resume(Dropper(String::from("Hello world!"))), Yielded(()));
    assert_eq!(DROP.load(Ordering::Acquire), 0);
    match g.resume(Dropper(String::from("Number Two"))) {
        Complete(dropper) => {
            assert_eq!(DROP.load(Ordering::Acquire), 1);
            assert_eq!(dropper.0, "Number Two");
            drop(dropper);
            assert_eq!(DROP.load(Ordering::Acquire), 2);
        }
        _ => unreachable!(),
    }
    drop(g);
    assert_eq!(DROP.load(Ordering::Acquire), 2);
}

// Origin: tests/ui/coroutine/resume-arg-size.rs
#[test]
#[allow(dropping_copy_types)]
fn resume_arg_size() {
    let gen_copy = generator_block!(|mut x: usize| {
        loop {
            drop(x);
            x = yield_!();
        }
    });
    let gen_move = generator_block!(|mut x: Box<usize>| {
        loop {
            drop(x);
            x = yield_!();
        }
    });
    assert_eq!(std::mem::size_of_val(&gen_copy), 1);
    assert_eq!(std::mem::size_of_val(&gen_move), 1);
}

// Origin: tests/ui/coroutine/size-moved-locals.rs (as movable generators;
// the sizes are those of native movable coroutines of the same bodies)
const FOO_SIZE: usize = 1024;
struct Big(#[allow(dead_code)] [u8; FOO_SIZE]);

impl Drop for Big {
    fn drop(&mut self) {}
}

#[generator]
fn move_before_yield() {
    let first = Big([0; FOO_SIZE]);
    let _second = first;
    yield_!();
}

#[generator]
fn overlap_move_points() {
    let first = Big([0; FOO_SIZE]);
    yield_!();
    let second = first;
    yield_!();
    let _third = second;
    yield_!();
}

#[generator]
fn overlap_x_and_y() {
    let x = Big([0; FOO_SIZE]);
    yield_!();
    drop(x);
    let y = Big([0; FOO_SIZE]);
    yield_!();
    drop(y);
}

#[test]
fn size_moved_locals() {
    assert!(std::mem::size_of_val(&move_before_yield()) <= 1025);
    assert!(std::mem::size_of_val(&overlap_move_points()) <= 2051);
    assert!(std::mem::size_of_val(&overlap_x_and_y()) <= 1026);
}

// Origin: tests/ui/coroutine/niche-in-coroutine.rs (rustc's FIXME(#63818)
// wants `Option<G>` as small as `G`; baozi's state has the niche).
#[test]
fn niche_in_generator() {
    fn take<T>(_: T) {}
    let x = false;
    let g = generator_block!({
        yield_!();
        take(x);
    });
    assert_eq!(std::mem::size_of_val(&g), std::mem::size_of_val(&Some(g)));
}

// Origin: tests/ui/coroutine/clone-rpit.rs (`-> impl Clone`), resumed on
// both sides of the fork.
fn cloneable() -> impl Clone + Generator<(), Yield = (), Return = ()> {
    generator_block!(move |_first: ()| {
        let () = yield_!(());
    })
}

#[test]
fn clone_rpit() {
    let mut a = cloneable();
    assert_eq!(a.resume(()), Yielded(()));
    let mut b = a.clone();
    assert_eq!(b.resume(()), Complete(()));
    assert_eq!(a.resume(()), Complete(()));
}
