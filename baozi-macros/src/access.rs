//! Access analysis: takes the [`Program`] of normalisation's first pass and
//! gives each binding its [`Reach`]: how the code after a `yield_!` gets at
//! it while it is stored in the state.
//!
//! Moving every stored local out of the state and back in on each resume
//! costs a copy of the whole state (4 KiB for a `[u8; 4096]` buffer). A
//! suspension whose bindings are all [`Reach::InPlace`] or [`Reach::Copied`]
//! is resumed without moving anything (see `emit`):
//! - **in place**: a binding of the outermost scope (it lives until the
//!   generator completes, so no scope of the body ever drops it) declared by
//!   a plain `let mut x` (or a `mut` parameter), whose every mention is a
//!   place: borrowed, indexed, compared, assigned, or a method receiver,
//!   field base or dereference (`x.f()`, `x.f`, `*x`) that is neither in a
//!   `return`/`break` value nor in a branch, and whose binding is read next
//!   (so the call did not consume it, nor the box move out of it), and no
//!   field of which is used by value (`let u = x.name;`, `drop(x.name)`:
//!   moving it out of a reference does not compile; a field as an operand
//!   of arithmetic, `x.n + 1`, is taken to be a number).
//!   Its mentions become `(*x)` with `x` a `&mut` to it, in the state or in a
//!   local of its own;
//! - **copied**: a binding that is visibly `Copy` (initialised with a literal,
//!   ascribed a primitive, shared-reference or pointer type), or that is
//!   moved and read next on a straight path, which only compiles when it is
//!   `Copy` (an invalid program that is not gets a "use of moved value" type
//!   error at the binding).
//!
//! Everything else is [`Reach::Moved`]. The analysis reads syntax only: it
//! must never call a binding in place or copied that a valid program could
//! move, so where it cannot tell, it says moved.

use crate::ir::{Access, Binding, BindingId, Pos, Program, Reach, Usage};

/// The reach of every binding, by id.
pub fn classify(prog: &Program) -> Vec<Reach> {
    (0..prog.bindings.len())
        .map(|b| {
            if is_place_only(prog, b) {
                Reach::InPlace
            } else if is_copy(&prog.bindings[b], &prog.barriers) {
                Reach::Copied
            } else {
                Reach::Moved
            }
        })
        .collect()
}

fn is_place_only(prog: &Program, b: BindingId) -> bool {
    let binding = &prog.bindings[b];
    // A `let mut`: its reference is `&mut`, which allows what the binding
    // allows (a `let x: &mut T` is reborrowed through, never assigned).
    binding.simple
        && binding.mutable
        && binding.top_level
        && !binding.drop_flag
        && !binding.partly_moved
        && !binding.field_used_by_value
        && binding.deferred.is_none()
        // A reference assigned again is not stored where no path reads its
        // value (`scope::unassigned`: `cx = yield_!(..)`), and a block that
        // assigns it declares it: it cannot be one in the state.
        && !(binding.reference && binding.accesses.iter().any(|a| a.usage == Usage::Assign))
        && binding
            .accesses
            .iter()
            .enumerate()
            .all(|(i, a)| match a.usage {
                Usage::Place | Usage::Assign => true,
                // `x.build()` may consume `x`, `x.name` or `*x` may move out of
                // it: not when `x` is read next.
                Usage::Receiver | Usage::FieldBase => !a.conditional && read_next(prog, b, i),
                Usage::Move | Usage::Scrutinee | Usage::Callee | Usage::Opaque => false,
            })
}

/// Whether some path from the `i`th access of `b` reads `b` before anything
/// assigns it: straight on to the next access, or round the innermost loop
/// around the access.
pub fn read_next(prog: &Program, b: BindingId, i: usize) -> bool {
    let binding = &prog.bindings[b];
    if read_after(binding, i, &prog.barriers) {
        return true;
    }
    let from = binding.accesses[i].pos;
    let Some(&(start, end)) = prog
        .loops
        .iter()
        .filter(|&&(start, end)| start > binding.declared_at && start <= from && from < end)
        .min_by_key(|&&(start, end)| end - start)
    else {
        return false;
    };
    let assigned_before_the_end = binding.accesses[i + 1..]
        .iter()
        .any(|a| a.pos < end && a.usage == Usage::Assign && !a.conditional);
    !assigned_before_the_end
        && !prog.leaves.iter().any(|&x| from < x && x < end)
        && binding
            .accesses
            .iter()
            .find(|a| a.pos >= start)
            .is_some_and(is_read)
}

fn is_copy(binding: &Binding, barriers: &[Pos]) -> bool {
    binding.copy_hint
        || binding.accesses.iter().enumerate().any(|(i, a)| {
            a.usage == Usage::Move && !a.conditional && read_after(binding, i, barriers)
        })
}

/// Whether the binding's next access after its `i`th is a read on a
/// straight path (no construct boundary, no `return` in between): a use
/// after a move, so the move was a copy. An assignment next (maybe on every
/// branch, maybe by a macro) may give it a new value first.
fn read_after(binding: &Binding, i: usize, barriers: &[Pos]) -> bool {
    let from = binding.accesses[i].pos;
    binding
        .accesses
        .get(i + 1)
        .is_some_and(|next| !barriers.iter().any(|&b| from < b && b < next.pos) && is_read(next))
}

/// An access that reads the binding, rather than giving it a new value
/// (maybe, for a macro's).
fn is_read(a: &Access) -> bool {
    !matches!(a.usage, Usage::Assign | Usage::Opaque)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn reach(item: proc_macro2::TokenStream) -> Vec<(String, Reach)> {
        let func = crate::parse::parse(quote!(yield = u8), item).unwrap();
        let prog = crate::normalize::normalize(&func, &Default::default())
            .unwrap_or_else(|e| panic!("{}", e[0]));
        prog.bindings
            .iter()
            .filter(|b| !b.name.starts_with("tmp") && b.name != "iter")
            .map(|b| (b.name.clone(), b.reach))
            .collect()
    }

    fn of(r: &[(String, Reach)], name: &str) -> Reach {
        r.iter().find(|(n, _)| n == name).unwrap().1
    }

    #[test]
    fn a_buffer_used_as_a_place_is_in_place() {
        let r = reach(quote!(
            fn f(mut n: u64) {
                let mut buf = [0u8; 4096];
                let mut i = 0;
                while i < n {
                    let x = item(&buf, i);
                    yield_!(x);
                    step(&mut buf, i, x);
                    buf[0] += 1;
                    i += 1;
                }
            }
        ));
        assert_eq!(of(&r, "buf"), Reach::InPlace);
        assert_eq!(of(&r, "n"), Reach::InPlace);
        // A literal's type is `Copy`.
        assert_eq!(of(&r, "i"), Reach::Copied);
        // Moved by `yield_!(x)`, then used: `Copy`.
        assert_eq!(of(&r, "x"), Reach::Copied);
    }

    #[test]
    fn moved_or_scoped_bindings_are_moved() {
        let r = reach(quote!(
            fn f() {
                let s = String::new();
                let v = Vec::new();
                loop {
                    let inner = vec![1];
                    yield_!(inner[0]);
                    drop(inner);
                }
                consume(s);
                v.len();
            }
        ));
        assert_eq!(of(&r, "s"), Reach::Moved);
        // Not the outermost scope: dropped at the end of each iteration.
        assert_eq!(of(&r, "inner"), Reach::Moved);
        // Its last mention calls a method that may consume it.
        assert_eq!(of(&r, "v"), Reach::Moved);
    }

    #[test]
    fn a_receiver_read_next_is_in_place() {
        let r = reach(quote!(
            fn f() {
                let mut stack = Vec::new();
                stack.push(1);
                yield_!(0);
                stack.pop();
                check(&stack);
            }
        ));
        assert_eq!(of(&r, "stack"), Reach::InPlace);
    }

    #[test]
    fn a_use_after_a_move_proves_copy_only_on_a_straight_path() {
        let r = reach(quote!(
            fn f(a: Thing, b: Thing, c: Thing) {
                yield_!(0);
                take(a);
                a.check();
                if cond() {
                    take(b);
                    return;
                }
                b.check();
                take(c);
                c = Thing::new();
                c.check();
            }
        ));
        assert_eq!(of(&r, "a"), Reach::Copied);
        assert_eq!(of(&r, "b"), Reach::Moved);
        assert_eq!(of(&r, "c"), Reach::Moved);
    }

    #[test]
    fn a_receiver_or_field_base_that_may_be_consumed_is_moved() {
        let r = reach(quote!(
            fn f() -> String {
                let mut label = Some(String::new());
                let mut st = (String::new(), 0);
                let mut b = Box::new(String::new());
                loop {
                    yield_!(0);
                    // Consumed, then assigned: the call may take `self`.
                    label = label.map(|s| s + "x");
                    st.1 += 1;
                    b.push('x');
                    if st.1 == 3 {
                        return st.0;
                    }
                    if b.len() == 3 {
                        return *b;
                    }
                }
            }
        ));
        assert_eq!(of(&r, "label"), Reach::Moved);
        assert_eq!(of(&r, "st"), Reach::Moved);
        assert_eq!(of(&r, "b"), Reach::Moved);
    }

    #[test]
    fn an_assignment_after_a_move_voids_the_copy_proof() {
        let r = reach(quote!(
            fn f(flag: bool, s: String, t: String) {
                yield_!(0);
                drop(s);
                match flag {
                    true => s = String::from("b"),
                    false => s = String::from("c"),
                }
                s.len();
                drop(t);
                reset!(t);
                t.len();
            }
        ));
        assert_eq!(of(&r, "s"), Reach::Moved);
        assert_eq!(of(&r, "t"), Reach::Moved);
    }

    #[test]
    fn a_matched_binding_is_not_proved_copy() {
        let r = reach(quote!(
            fn f(cmd: Cmd) {
                yield_!(0);
                match cmd {
                    Cmd::Go => {}
                }
                cmd.check();
            }
        ));
        assert_eq!(of(&r, "cmd"), Reach::Moved);
    }
}
