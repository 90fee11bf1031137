//! Which values a generator drops, and when: at block ends while running,
//! and exactly the live locals (in reverse declaration order) when dropped
//! while suspended.

mod common;

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;
use common::*;

#[generator(yield = u32)]
fn phases(t: Trace) {
    let _a = Noisy::new(&t, "a");
    yield_!(1);
    let _b = Noisy::new(&t, "b");
    yield_!(2);
    {
        let _c = Noisy::new(&t, "c");
        yield_!(3);
    }
    yield_!(4);
}

/// Resumes a fresh `phases` generator `n` times, then drops it.
fn phases_dropped_after(n: usize) -> (Vec<String>, Vec<String>) {
    let t = trace();
    dropped_after(&t, phases(t.clone()), n)
}

#[test]
fn drop_before_the_first_resume_drops_no_locals() {
    assert_eq!(phases_dropped_after(0), (vec![], vec![]));
}

#[test]
fn drop_while_suspended_at_each_yield() {
    assert_eq!(
        phases_dropped_after(1),
        (strings(&["+a"]), strings(&["-a"]))
    );
    assert_eq!(
        phases_dropped_after(2),
        (strings(&["+a", "+b"]), strings(&["-b", "-a"]))
    );
    assert_eq!(
        phases_dropped_after(3),
        (strings(&["+a", "+b", "+c"]), strings(&["-c", "-b", "-a"]))
    );
    assert_eq!(
        phases_dropped_after(4),
        (strings(&["+a", "+b", "+c", "-c"]), strings(&["-b", "-a"]))
    );
}

#[test]
fn drop_after_completion_drops_nothing_more() {
    assert_eq!(
        phases_dropped_after(5),
        (strings(&["+a", "+b", "+c", "-c", "-b", "-a"]), vec![])
    );
}

#[test]
fn trace_of_a_full_run_resume_by_resume() {
    let t = trace();
    let mut g = phases(t.clone());
    assert_eq!(g.resume(()), Yielded(1));
    assert_eq!(take(&t), ["+a"]);
    assert_eq!(g.resume(()), Yielded(2));
    assert_eq!(take(&t), ["+b"]);
    assert_eq!(g.resume(()), Yielded(3));
    assert_eq!(take(&t), ["+c"]);
    assert_eq!(g.resume(()), Yielded(4));
    assert_eq!(take(&t), ["-c"]);
    assert_eq!(g.resume(()), Complete(()));
    assert_eq!(take(&t), ["-b", "-a"]);
    drop(g);
    assert!(take(&t).is_empty());
}

#[generator]
fn reverse_order(t: Trace) {
    let _x = Noisy::new(&t, "x");
    let _y = Noisy::new(&t, "y");
    let _z = Noisy::new(&t, "z");
    yield_!();
}

#[test]
fn locals_are_dropped_in_reverse_declaration_order() {
    let t = trace();
    let mut g = reverse_order(t.clone());
    g.resume(());
    drop(g);
    assert_eq!(take(&t), ["+x", "+y", "+z", "-z", "-y", "-x"]);

    let mut g = reverse_order(t.clone());
    assert_eq!(run(&mut g), (vec![()], ()));
    assert_eq!(take(&t), ["+x", "+y", "+z", "-z", "-y", "-x"]);
}

#[generator]
fn with_params(t: Trace, p: Noisy, q: Noisy) {
    let _l = Noisy::new(&t, "l");
    yield_!();
}

#[test]
fn parameters_are_dropped_after_locals() {
    let t = trace();
    let mut g = with_params(t.clone(), Noisy::new(&t, "p"), Noisy::new(&t, "q"));
    g.resume(());
    drop(g);
    assert_eq!(take(&t), ["+p", "+q", "+l", "-l", "-q", "-p"]);

    let mut g = with_params(t.clone(), Noisy::new(&t, "p"), Noisy::new(&t, "q"));
    assert_eq!(drive(&mut g, [(), ()]), [Yielded(()), Complete(())]);
    assert_eq!(take(&t), ["+p", "+q", "+l", "-l", "-q", "-p"]);
}

#[test]
fn an_unstarted_generator_drops_its_parameters() {
    let t = trace();
    let g = with_params(t.clone(), Noisy::new(&t, "p"), Noisy::new(&t, "q"));
    assert_eq!(take(&t), ["+p", "+q"]);
    drop(g);
    assert_eq!(take(&t), ["-q", "-p"]);
}

#[generator]
fn named_but_unused(t: Trace) {
    let _guard = Noisy::new(&t, "guard");
    #[allow(unused_variables)]
    let unused = Noisy::new(&t, "unused");
    let _ = Noisy::new(&t, "wildcard");
    yield_!();
    log(&t, "end of body");
}

#[test]
fn unused_named_locals_live_to_the_end_of_their_block_but_wildcard_drops_at_once() {
    let t = trace();
    let mut g = named_but_unused(t.clone());
    g.resume(());
    assert_eq!(take(&t), ["+guard", "+unused", "+wildcard", "-wildcard"]);
    g.resume(());
    assert_eq!(take(&t), ["end of body", "-unused", "-guard"]);

    let mut g = named_but_unused(t.clone());
    g.resume(());
    take(&t);
    drop(g);
    assert_eq!(take(&t), ["-unused", "-guard"]);
}

#[generator]
fn shadowing(t: Trace) {
    let x = Noisy::new(&t, "x1");
    yield_!();
    let x = Noisy::new(&t, format!("{}-shadow", x.name));
    yield_!();
    log(&t, format!("using {}", x.name));
}

#[test]
fn shadowed_bindings_stay_alive() {
    let t = trace();
    let mut g = shadowing(t.clone());
    g.resume(());
    g.resume(());
    drop(g);
    assert_eq!(take(&t), ["+x1", "+x1-shadow", "-x1-shadow", "-x1"]);

    let mut g = shadowing(t.clone());
    run(&mut g);
    assert_eq!(
        take(&t),
        ["+x1", "+x1-shadow", "using x1-shadow", "-x1-shadow", "-x1"]
    );
}

#[generator(yield = u32)]
fn loop_locals(t: Trace) {
    let _outer = Noisy::new(&t, "outer");
    for i in 0..3 {
        let _n = Noisy::new(&t, format!("n{i}"));
        yield_!(i);
    }
}

#[test]
fn loop_body_locals_are_dropped_each_iteration() {
    let t = trace();
    let mut g = loop_locals(t.clone());
    assert_eq!(g.resume(()), Yielded(0));
    assert_eq!(take(&t), ["+outer", "+n0"]);
    assert_eq!(g.resume(()), Yielded(1));
    assert_eq!(take(&t), ["-n0", "+n1"]);
    drop(g);
    assert_eq!(take(&t), ["-n1", "-outer"]);

    let mut g = loop_locals(t.clone());
    assert_eq!(run(&mut g), (vec![0, 1, 2], ()));
    assert_eq!(
        take(&t),
        ["+outer", "+n0", "-n0", "+n1", "-n1", "+n2", "-n2", "-outer"]
    );
}

#[generator]
fn moved_out(t: Trace) {
    let a = Noisy::new(&t, "a");
    let b = Noisy::new(&t, "b");
    yield_!();
    drop(a);
    log(&t, "after move");
    yield_!();
    let _keep = b;
    yield_!();
}

#[test]
fn values_moved_out_are_not_dropped_again() {
    let t = trace();
    let mut g = moved_out(t.clone());
    g.resume(());
    g.resume(());
    assert_eq!(take(&t), ["+a", "+b", "-a", "after move"]);
    drop(g);
    assert_eq!(take(&t), ["-b"]);

    let mut g = moved_out(t.clone());
    g.resume(());
    g.resume(());
    g.resume(());
    take(&t);
    drop(g);
    assert_eq!(take(&t), ["-b"]);

    let mut g = moved_out(t.clone());
    run(&mut g);
    assert_eq!(take(&t), ["+a", "+b", "-a", "after move", "-b"]);
}

#[generator]
fn conditional_move(t: Trace, consume: bool) {
    let a = Noisy::new(&t, "a");
    if consume {
        drop(a);
    }
    yield_!();
    log(&t, "resumed");
}

#[test]
fn conditionally_moved_values_are_dropped_exactly_once() {
    let t = trace();
    let mut g = conditional_move(t.clone(), true);
    g.resume(());
    assert_eq!(take(&t), ["+a", "-a"]);
    drop(g);
    assert!(take(&t).is_empty());

    // Not moved: a drop flag keeps it across the yield, as rustc's
    // coroutines do, to the end of its scope (here, the generator's drop).
    let mut g = conditional_move(t.clone(), false);
    g.resume(());
    assert_eq!(take(&t), ["+a"]);
    drop(g);
    assert_eq!(take(&t), ["-a"]);
    run(conditional_move(t.clone(), false));
    assert_eq!(take(&t), ["+a", "resumed", "-a"]);

    run(conditional_move(t.clone(), true));
    assert_eq!(take(&t), ["+a", "-a", "resumed"]);
}

#[generator(yield = Noisy)]
fn yields_owned(t: Trace) -> Noisy {
    let a = Noisy::new(&t, "a");
    let b = Noisy::new(&t, "b");
    let c = Noisy::new(&t, "c");
    yield_!(a);
    yield_!(b);
    c
}

#[test]
fn yielded_and_returned_values_belong_to_the_caller() {
    let t = trace();
    let mut g = yields_owned(t.clone());
    let a = g.next().unwrap();
    assert_eq!(take(&t), ["+a", "+b", "+c"]);
    drop(g);
    assert_eq!(take(&t), ["-c", "-b"]);
    drop(a);
    assert_eq!(take(&t), ["-a"]);

    let (ys, c) = run(yields_owned(t.clone()));
    assert_eq!(take(&t), ["+a", "+b", "+c"]);
    drop(ys);
    drop(c);
    assert_eq!(take(&t), ["-a", "-b", "-c"]);
}

#[generator]
fn reassignment(t: Trace) {
    let mut a = Noisy::new(&t, "a1");
    yield_!();
    a = Noisy::new(&t, "a2");
    yield_!();
    log(&t, format!("holding {}", a.name));
}

#[test]
fn assignment_drops_the_old_value() {
    let t = trace();
    let mut g = reassignment(t.clone());
    g.resume(());
    g.resume(());
    assert_eq!(take(&t), ["+a1", "+a2", "-a1"]);
    drop(g);
    assert_eq!(take(&t), ["-a2"]);
}

#[generator(yield = usize)]
fn reinitialised_in_a_loop(t: Trace) -> String {
    let mut a = Noisy::new(&t, "a0");
    for i in 1..3 {
        drop(a);
        yield_!(i);
        a = Noisy::new(&t, format!("a{i}"));
    }
    a.name.clone()
}

#[test]
fn a_local_moved_before_a_yield_and_assigned_after_is_not_stored() {
    let t = trace();
    let mut g = reinitialised_in_a_loop(t.clone());
    assert_eq!(g.resume(()), Yielded(1));
    assert_eq!(take(&t), ["+a0", "-a0"]);
    assert_eq!(g.resume(()), Yielded(2));
    assert_eq!(take(&t), ["+a1", "-a1"]);
    // Moved out: nothing to drop.
    drop(g);
    assert!(take(&t).is_empty());
    let mut g = reinitialised_in_a_loop(t.clone());
    g.resume(());
    g.resume(());
    take(&t);
    assert_eq!(g.resume(()), Complete("a2".to_string()));
    assert_eq!(take(&t), ["+a2", "-a2"]);
}

#[generator]
fn reinitialised_with_its_type(t: Trace) -> String {
    let mut a: Box<dyn Fn() -> String> = Box::new(|| "first".to_string());
    log(&t, a());
    drop(a);
    yield_!();
    // Two closure types: `a` is declared again with its type.
    a = Box::new(|| "second".to_string());
    log(&t, a());
    a = Box::new(move || format!("third {}", 3));
    a()
}

#[test]
fn a_reinitialised_local_keeps_its_declared_type() {
    let t = trace();
    let (_, r) = run(reinitialised_with_its_type(t.clone()));
    assert_eq!(r, "third 3");
    assert_eq!(take(&t), ["first", "second"]);
}

#[generator(yield = (), resume = Noisy)]
fn unused_resume_values(t: Trace) {
    log(&t, "start");
    yield_!();
    log(&t, "after first");
    let kept = yield_!();
    log(&t, format!("kept {}", kept.name));
    yield_!();
    log(&t, "end");
}

#[test]
fn resume_arguments_are_dropped_like_expression_values() {
    let t = trace();
    let mut g = unused_resume_values(t.clone());
    g.resume(Noisy::new(&t, "r0"));
    let mut events = take(&t);
    events.sort();
    assert_eq!(
        events,
        ["+r0", "-r0", "start"],
        "the first resume argument is dropped"
    );

    g.resume(Noisy::new(&t, "r1"));
    assert_eq!(
        take(&t),
        ["+r1", "-r1", "after first"],
        "`yield_!();` drops its value at the `;`"
    );
    g.resume(Noisy::new(&t, "r2"));
    assert_eq!(take(&t), ["+r2", "kept r2"]);
    g.resume(Noisy::new(&t, "r3"));
    assert_eq!(take(&t), ["+r3", "-r3", "end", "-r2"]);
}

#[test]
fn a_resume_argument_bound_to_a_local_is_dropped_with_the_generator() {
    let t = trace();
    let mut g = unused_resume_values(t.clone());
    g.resume(Noisy::new(&t, "r0"));
    g.resume(Noisy::new(&t, "r1"));
    g.resume(Noisy::new(&t, "r2"));
    take(&t);
    drop(g);
    assert_eq!(take(&t), ["-r2"]);
}

fn consume2(_a: Noisy, _b: ()) {}

#[generator]
fn suspended_mid_expression(t: Trace) {
    let pair = (Noisy::new(&t, "x"), yield_!(), Noisy::new(&t, "y"));
    log(&t, "built");
    consume2(Noisy::new(&t, "arg"), yield_!());
    log(&t, format!("still holding {} {}", pair.0.name, pair.2.name));
}

#[test]
fn drop_while_suspended_mid_expression_drops_the_evaluated_operands() {
    let t = trace();
    let mut g = suspended_mid_expression(t.clone());
    g.resume(());
    assert_eq!(take(&t), ["+x"]);
    drop(g);
    assert_eq!(take(&t), ["-x"]);

    let mut g = suspended_mid_expression(t.clone());
    g.resume(());
    g.resume(());
    assert_eq!(take(&t), ["+x", "+y", "built", "+arg"]);
    drop(g);
    assert_eq!(take(&t), ["-arg", "-x", "-y"]);

    let mut g = suspended_mid_expression(t.clone());
    run(&mut g);
    assert_eq!(
        take(&t),
        [
            "+x",
            "+y",
            "built",
            "+arg",
            "-arg",
            "still holding x y",
            "-x",
            "-y"
        ]
    );
}

#[generator(yield = u8)]
fn nested_blocks(t: Trace) {
    let _outer = Noisy::new(&t, "outer");
    {
        let _inner = Noisy::new(&t, "inner");
        {
            let _innermost = Noisy::new(&t, "innermost");
            yield_!(1);
        }
        yield_!(2);
    }
    log(&t, "after blocks");
    yield_!(3);
}

#[test]
fn block_locals_are_dropped_at_the_end_of_their_block() {
    let t = trace();
    let mut g = nested_blocks(t.clone());
    assert_eq!(g.resume(()), Yielded(1));
    assert_eq!(take(&t), ["+outer", "+inner", "+innermost"]);
    assert_eq!(g.resume(()), Yielded(2));
    assert_eq!(take(&t), ["-innermost"]);
    assert_eq!(g.resume(()), Yielded(3));
    assert_eq!(take(&t), ["-inner", "after blocks"]);
    drop(g);
    assert_eq!(take(&t), ["-outer"]);
}

#[generator(yield = u8)]
fn early_exits(t: Trace, mode: u8) -> Result<u8, String> {
    let _a = Noisy::new(&t, "a");
    for i in 0..3 {
        let _l = Noisy::new(&t, format!("l{i}"));
        if mode == 1 && i == 1 {
            return Ok(i);
        }
        if mode == 2 && i == 1 {
            break;
        }
        if mode == 3 && i == 1 {
            Err::<(), _>(format!("failed at {i}"))?;
        }
        yield_!(i);
    }
    let _b = Noisy::new(&t, "b");
    Ok(99)
}

#[test]
fn return_break_and_question_mark_drop_the_live_locals() {
    let t = trace();
    assert_eq!(run(early_exits(t.clone(), 1)), (vec![0], Ok(1)));
    assert_eq!(take(&t), ["+a", "+l0", "-l0", "+l1", "-l1", "-a"]);

    assert_eq!(run(early_exits(t.clone(), 2)), (vec![0], Ok(99)));
    assert_eq!(
        take(&t),
        ["+a", "+l0", "-l0", "+l1", "-l1", "+b", "-b", "-a"]
    );

    assert_eq!(
        run(early_exits(t.clone(), 3)),
        (vec![0], Err("failed at 1".to_string()))
    );
    assert_eq!(take(&t), ["+a", "+l0", "-l0", "+l1", "-l1", "-a"]);
}

fn maybe_noisy(t: &Trace, name: &str) -> Option<Noisy> {
    Some(Noisy::new(t, name))
}

#[generator]
fn match_binding(t: Trace) {
    match maybe_noisy(&t, "m") {
        Some(n) => {
            yield_!();
            log(&t, format!("arm end, holding {}", n.name));
        }
        None => unreachable!(),
    }
    log(&t, "after match");
    yield_!();
}

#[test]
fn match_bindings_by_value_live_to_the_end_of_the_arm() {
    let t = trace();
    let mut g = match_binding(t.clone());
    g.resume(());
    assert_eq!(take(&t), ["+m"]);
    g.resume(());
    assert_eq!(take(&t), ["arm end, holding m", "-m", "after match"]);

    let mut g = match_binding(t.clone());
    g.resume(());
    drop(g);
    assert_eq!(take(&t), ["+m", "-m"]);
}

#[generator(yield = String)]
fn collection_of_noisy(t: Trace) {
    let mut v = Vec::new();
    for name in ["v0", "v1", "v2"] {
        v.push(Noisy::new(&t, name));
        yield_!(name.to_string());
    }
    let first = v.remove(0);
    yield_!(first.name.clone());
}

#[test]
fn containers_held_across_yields_drop_their_elements_once() {
    let t = trace();
    let mut g = collection_of_noisy(t.clone());
    assert_eq!(g.by_ref().take(2).count(), 2);
    drop(g);
    assert_eq!(take(&t), ["+v0", "+v1", "-v0", "-v1"]);

    let mut g = collection_of_noisy(t.clone());
    assert_eq!(g.by_ref().take(4).count(), 4);
    take(&t);
    drop(g);
    // `first` was declared after `v`, so it is dropped first
    assert_eq!(take(&t), ["-v0", "-v1", "-v2"]);
}

#[generator(yield = u32)]
fn inner_gen(t: Trace) {
    let _i = Noisy::new(&t, "inner-local");
    yield_!(1);
    yield_!(2);
}

#[generator(yield = u32)]
fn outer_gen(t: Trace) {
    let _o = Noisy::new(&t, "outer-local");
    let inner = inner_gen(t.clone());
    for x in inner {
        yield_!(x * 10);
    }
}

#[test]
fn dropping_an_outer_generator_drops_the_suspended_inner_one() {
    let t = trace();
    let mut g = outer_gen(t.clone());
    assert_eq!(g.next(), Some(10));
    drop(g);
    assert_eq!(
        take(&t),
        [
            "+outer-local",
            "+inner-local",
            "-inner-local",
            "-outer-local"
        ]
    );
}

#[generator]
fn resumed_values_replace(t: Trace) {
    let _first = Noisy::new(&t, "first");
    let mut slot: Option<Noisy> = None;
    for i in 0..3 {
        slot = Some(Noisy::new(&t, format!("s{i}")));
        yield_!();
    }
    log(&t, format!("last {}", slot.as_ref().unwrap().name));
}

#[test]
fn option_slot_overwritten_in_a_loop() {
    let t = trace();
    let mut g = resumed_values_replace(t.clone());
    g.resume(());
    g.resume(());
    drop(g);
    assert_eq!(take(&t), ["+first", "+s0", "+s1", "-s0", "-s1", "-first"]);
}

#[generator(yield = u32)]
fn conditional_move_in_loop(t: Trace) {
    for i in 0..3 {
        let s = Noisy::new(&t, format!("s{i}"));
        if i == 1 {
            drop(s);
        }
        yield_!(i);
    }
}

#[test]
fn conditional_move_inside_a_loop() {
    let t = trace();
    let mut g = conditional_move_in_loop(t.clone());
    // The values that were not moved are kept across the yield, to the end
    // of the loop's body, as by rustc's drop flags.
    assert_eq!(g.next(), Some(0));
    assert_eq!(take(&t), ["+s0"]);
    assert_eq!(g.next(), Some(1));
    assert_eq!(take(&t), ["-s0", "+s1", "-s1"]);
    assert_eq!(g.next(), Some(2));
    assert_eq!(take(&t), ["+s2"]);
    drop(g);
    assert_eq!(take(&t), ["-s2"]);
    assert!(take(&t).is_empty());
}

#[generator]
fn statement_temporaries(t: Trace) {
    let n = Noisy::new(&t, "tmp").name.len();
    log(&t, format!("len {n}"));
    yield_!();
    let m = Noisy::new(&t, "kept");
    yield_!();
    let _ = m;
}

#[test]
fn statement_temporaries_are_dropped_before_the_next_statement() {
    let t = trace();
    let mut g = statement_temporaries(t.clone());
    g.resume(());
    assert_eq!(take(&t), ["+tmp", "-tmp", "len 3"]);
    g.resume(());
    drop(g);
    assert_eq!(take(&t), ["+kept", "-kept"]);
}

#[generator]
fn pattern_param_drops(t: Trace, (a, b): (Noisy, Noisy), c: Noisy) {
    let _l = Noisy::new(&t, "l");
    yield_!();
    log(&t, format!("{} {} {}", a.name, b.name, c.name));
}

#[test]
fn destructured_parameters_are_dropped_like_locals() {
    let t = trace();
    let args = || (Noisy::new(&t, "a"), Noisy::new(&t, "b"));
    let mut g = pattern_param_drops(t.clone(), args(), Noisy::new(&t, "c"));
    g.resume(());
    assert_eq!(take(&t), ["+a", "+b", "+c", "+l"]);
    drop(g);
    let events = take(&t);
    assert_eq!(events[0], "-l");
    let mut rest = events[1..].to_vec();
    rest.sort();
    assert_eq!(rest, ["-a", "-b", "-c"], "each parameter dropped once");
}

#[generator]
fn param_moved_out(t: Trace, p: Noisy) {
    yield_!();
    let taken = p;
    log(&t, format!("took {}", taken.name));
    drop(taken);
    yield_!();
}

#[test]
fn a_parameter_moved_out_is_not_dropped_again() {
    let t = trace();
    let mut g = param_moved_out(t.clone(), Noisy::new(&t, "p"));
    g.resume(());
    g.resume(());
    assert_eq!(take(&t), ["+p", "took p", "-p"]);
    drop(g);
    assert!(take(&t).is_empty());
}

#[generator]
fn for_over_owned_noisy(t: Trace) {
    let items = vec![
        Noisy::new(&t, "i0"),
        Noisy::new(&t, "i1"),
        Noisy::new(&t, "i2"),
    ];
    for item in items {
        yield_!();
        log(&t, format!("done with {}", item.name));
    }
}

#[test]
fn dropping_mid_for_loop_drops_the_current_item_then_the_rest() {
    let t = trace();
    let mut g = for_over_owned_noisy(t.clone());
    g.resume(());
    g.resume(());
    assert_eq!(take(&t), ["+i0", "+i1", "+i2", "done with i0", "-i0"]);
    drop(g);
    assert_eq!(take(&t), ["-i1", "-i2"]);
}
