//! Drop-flag analysis: takes the [`Program`], its [`Init`] and its
//! [`Liveness`] and gives the bindings that need a drop flag: those that,
//! at a suspension or join point in their scope, hold a value on some paths
//! and none on others (a value moved out in one branch, `let a;` assigned
//! in one) and are not read after it. (One read after it holds a value on
//! every path in a valid program: what baozi took for a move was a copy.) rustc's
//! coroutines keep a flag for such a local and drop what it holds at the
//! end of its scope; Rust cannot name a maybe-moved local, so the state
//! could only drop it at the point. `normalize` declares each binding given
//! here as a `baozi_core::__private::DropFlag` instead (its module docs say
//! how the mentions change), which the state stores like any other value.
//!
//! Only a binding whose every mention the rewrite can reach gets one: a
//! plain `let x` (or `let x: T`) with no initialiser or one whose result is
//! an expression (see [`ends_in_expr`]: `mk(yield_!(0))` is one), or
//! a parameter (`emit` wraps its value in the start state), not visibly
//! `Copy` (no drop glue, nothing to flag), not a
//! borrow of another local (a kept borrow would be a self-borrow), not
//! mentioned in a closure (which would capture the flag), and not matched
//! by a pattern, a field of which is visibly moved out (`drop(x.f)`), the
//! receiver of a method baozi does not know and that may take `self` (not
//! read next), or
//! mentioned in a macro's tokens (see [`reachable_through_flag`]). The others keep baozi's earlier behaviour: what remains is
//! dropped at the point.

use std::collections::HashSet;

use crate::init::Init;
use crate::ir::{BindingId, Body, Pos, Program, Reach, Stmt, Usage, Value};
use crate::liveness::Liveness;

/// The bindings to declare as drop flags.
pub fn drop_flags(prog: &Program, init: &Init, live: &Liveness) -> HashSet<BindingId> {
    // The parameters' scope is the body.
    let mut scopes: Vec<(BindingId, Pos)> =
        prog.params.iter().map(|&b| (b, prog.body.end)).collect();
    flaggable_lets(&prog.body, &mut scopes);
    let eligible: Vec<(BindingId, Pos)> = scopes
        .into_iter()
        .filter(|&(b, _)| {
            let binding = &prog.bindings[b];
            binding.simple
                && !binding.copy_hint
                && binding.reach != Reach::Copied
                && !binding.captured
                && !binding.partly_moved
                && !prog.borrows.iter().any(|borrow| borrow.borrower == b)
                && binding
                    .accesses
                    .iter()
                    .enumerate()
                    .all(|(i, a)| reachable_through_flag(prog, live, b, i, a.usage))
        })
        .collect();
    if eligible.is_empty() {
        return HashSet::new();
    }
    let points: Vec<Pos> = init.points().collect();
    eligible
        .into_iter()
        .filter(|&(b, end)| {
            let start = prog.bindings[b].declared_at;
            points
                .iter()
                .any(|&p| start < p && p < end && init.on_some_paths(b, p) && !live.is_read(b, p))
        })
        .map(|(b, _)| b)
        .collect()
}

/// Whether a value's result is a yield-free expression that a flag can wrap:
/// the value itself (`mk(1)`), or the tail of a plain block that computes it
/// after a yield (`mk(2, yield_!(0))`, which `normalize` hoists to `{ let
/// tmp = yield_!(0); mk(2, tmp) }`).
pub fn ends_in_expr(v: &Value) -> bool {
    match v {
        Value::Expr(_) => true,
        Value::Block {
            body, label: None, ..
        } => body.tail.as_ref().is_some_and(ends_in_expr),
        _ => false,
    }
}

/// Whether a mention of this kind works through a flag: a pattern cannot
/// bind by value from `(*x)` (`match x { Some(s) => .. }`), a macro's tokens
/// would see the flag itself, and a field of `(*x)` cannot be moved out
/// (`drop(x.name)` of a `String` field). A field used by value otherwise
/// (`yield_!(x.n)`) is taken to be copied: `x` is moved whole on some path,
/// which a valid program can only do where no field of it was moved out.
///
/// A method baozi does not know may take `self`, which `(*x)` cannot give
/// (`x.finish()`): its receiver only where some path after the call reads
/// the binding before assigning it, so that, in a valid program, the method
/// borrowed it. Liveness tells for a call outside the branches of yield-free
/// code (where it is exact); inside them, only a read next on a straight
/// path counts (liveness would count a read in a sibling branch).
fn reachable_through_flag(
    prog: &Program,
    live: &Liveness,
    b: BindingId,
    i: usize,
    usage: Usage,
) -> bool {
    let access = &prog.bindings[b].accesses[i];
    match usage {
        Usage::Scrutinee | Usage::Opaque => false,
        Usage::FieldBase => !prog.bindings[b].partly_moved,
        Usage::Receiver => {
            !access.unknown_method
                || crate::access::read_next(prog, b, i)
                || (!access.conditional && live.is_read_after_mention(b, access.pos))
        }
        _ => true,
    }
}

/// The bindings of the `let`s that a drop flag can replace, with the end of
/// their scope.
fn flaggable_lets(body: &Body, out: &mut Vec<(BindingId, Pos)>) {
    for stmt in &body.stmts {
        match stmt {
            Stmt::Plain(_) => {}
            Stmt::Value(v) => values(v, out),
            Stmt::Let(l) => {
                if let Some(init) = &l.init {
                    values(init, out);
                }
                if let Some(diverge) = &l.diverge {
                    flaggable_lets(diverge, out);
                }
                let wrappable = l.init.as_ref().is_none_or(ends_in_expr);
                if let ([b], true, None) = (&l.bindings[..], wrappable, &l.diverge) {
                    out.push((*b, body.end));
                }
            }
        }
    }
    if let Some(tail) = &body.tail {
        values(tail, out);
    }
}

fn values(v: &Value, out: &mut Vec<(BindingId, Pos)>) {
    match v {
        Value::Expr(_) | Value::Yield { .. } => {}
        Value::Block { body, .. } | Value::Loop { body, .. } => flaggable_lets(body, out),
        Value::If {
            then, otherwise, ..
        } => {
            flaggable_lets(then, out);
            if let Some(otherwise) = otherwise {
                flaggable_lets(otherwise, out);
            }
        }
        Value::Match { arms, .. } => {
            for arm in arms {
                flaggable_lets(&arm.body, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn flagged(item: proc_macro2::TokenStream) -> Vec<String> {
        let func = crate::parse::parse(quote!(yield = u8), item).unwrap();
        let prog = crate::normalize::normalize(&func, &HashSet::new())
            .unwrap_or_else(|e| panic!("{}", e[0]));
        let init = crate::init::init(&prog);
        let live = crate::liveness::liveness(&prog);
        let mut names: Vec<String> = drop_flags(&prog, &init, &live)
            .into_iter()
            .map(|b| prog.bindings[b].name.clone())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_receiver_of_a_method_that_may_take_self_is_not_flagged() {
        // `b.finish()` may move `b`, which a flag's `(*b)` cannot; `v.len()`
        // is read next, so it borrowed.
        let names = flagged(quote!(
            fn f(c: bool) {
                let b = B::new();
                let v = B::new();
                if c {
                    drop(b);
                    drop(v);
                }
                yield_!(0);
                b = B::new();
                b.finish();
                v = B::new();
                v.len();
                v.len();
            }
        ));
        assert_eq!(names, ["v"]);
    }

    #[test]
    fn a_value_moved_or_assigned_on_some_paths_before_a_yield_is_flagged() {
        let names = flagged(quote!(
            fn f(c: bool, p: B) {
                let b = B::new();
                let kept = B::new();
                let gone = B::new();
                if c {
                    drop(b);
                    drop(p);
                }
                drop(gone);
                let a: B;
                if c {
                    a = B::new();
                }
                yield_!(0);
                use_it(&kept);
            }
        ));
        assert_eq!(names, ["a", "b", "p"]);
    }

    #[test]
    fn copies_borrows_and_captures_are_not_flagged() {
        let names = flagged(quote!(
            fn f(c: bool) {
                let n = 5;
                let v = vec![1];
                let r = v.iter();
                let s = B::new();
                if c {
                    drop(n);
                    drop(r);
                    let g = move || s;
                }
                yield_!(0);
            }
        ));
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn a_value_matched_or_used_as_a_field_base_is_not_flagged() {
        let names = flagged(quote!(
            fn f(c: bool) {
                let cur = first();
                let p = pair();
                if c {
                    while let Some(n) = cur {}
                    let name = p.name;
                }
                yield_!(0);
            }
        ));
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn a_value_read_again_was_copied_and_is_not_flagged() {
        let names = flagged(quote!(
            fn f(c: bool) {
                let n = count();
                loop {
                    yield_!(0);
                    if c {
                        take(n);
                    }
                    check(n);
                }
            }
        ));
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn a_value_moved_after_the_last_yield_is_not_flagged() {
        let names = flagged(quote!(
            fn f(c: bool) {
                let b = B::new();
                yield_!(0);
                if c {
                    drop(b);
                }
            }
        ));
        assert!(names.is_empty(), "{names:?}");
    }
}
