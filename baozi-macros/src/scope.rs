//! Scope analysis: takes the [`Program`], its [`Liveness`] and its [`Init`]
//! and answers, for a binding in scope at a suspension or jump point,
//! whether and how the state stores it there (its [`Storage`]).
//!
//! Scope decides, with liveness: a named binding lives until the end of its
//! block even if unused (RAII guards across yields), unless ending it early
//! cannot be seen. A binding that is dead at the point (no mention of it may
//! run after it, see `liveness`):
//! - visibly `Copy` ([`Reach::Copied`]) or visibly a reference (`let r =
//!   &mut v;`, or a closure that borrows) has no drop glue: it is not
//!   stored; any other closure is stored as it is (whether its type is
//!   `Copy` is not known when the dispatch below would ask);
//! - otherwise it is [`Storage::Dead`]: the generated code lets rustc decide
//!   from its type (`baozi_core::__private::dead_local`): a `Copy` value or
//!   a `&mut` reference ends at the point (the field holds `()`, so a dead
//!   borrow of another stored local is no self-borrow, as in rustc's
//!   coroutines), anything else is stored until the end of its scope;
//! - one that may have been moved out (a by-value use such as `f(x)`,
//!   `let y = x;` or `x.into_iter()`) is not stored, unless it certainly
//!   holds a value there (see `init`: the move is on another path, or it
//!   was assigned a new value since): storing it would use a moved value. Not
//!   storing it is unobservable when it was moved (or is `Copy`). One moved
//!   on some paths only is declared as a drop flag where it can be (see
//!   `flags`), which is never moved and so stored like a live value; the
//!   others drop what they hold at the point, where rustc's own coroutines
//!   keep a drop flag.
//!
//! Temporaries introduced by normalisation are used once, by value, so they
//! are stored exactly while they span a yield.
//!
//! A binding that was certainly moved out before the point and is assigned
//! again after it before any other use (`drop(x); yield_!(); x = ..;`, see
//! [`reinitialised`]) is not stored either: there is nothing to store, and
//! the block after the point that assigns it declares it without a value.

use crate::init::Init;
use crate::ir::{BindingId, Pos, Program, Reach, Usage};
use crate::liveness::Liveness;

/// How a suspension or jump point stores a binding in scope there.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Storage {
    /// Its value, which the code after the point may use.
    Live,
    /// Dead at the point: its value if its type may have drop glue (it
    /// drops at the end of its scope), `()` if rustc sees that it has none.
    Dead,
}

/// How binding `b`, in scope at position `at`, is stored there, if at all.
pub fn storage(
    prog: &Program,
    live: &Liveness,
    init: &Init,
    b: BindingId,
    at: Pos,
) -> Option<Storage> {
    let binding = &prog.bindings[b];
    let is_live = live.is_live(b, at);
    let kept = !binding.maybe_moved() || is_live || init.definitely(b, at);
    if !kept || unassigned(prog, live, init, b, at) || reinitialised(prog, live, b, at).is_some() {
        return None;
    }
    match (is_live, binding.reach) {
        // A drop flag is kept whatever it holds: picking by its type would
        // need the type known where it is stored, which an initialiser such
        // as `a + 1` leaves open there.
        (true, _) | (false, Reach::InPlace) => Some(Storage::Live),
        (false, _) if binding.drop_flag => Some(Storage::Live),
        (false, Reach::Copied) => None,
        // Visibly a reference (`let r = &mut v;`, `Some(top)` of
        // `stack.last()`) or a closure that borrows (`let mut bump = || n +=
        // 1;`): no drop glue, and its borrow ends at
        // its last use, before the yielded value is computed (`r.push(1);
        // yield_!(v.len())`).
        (false, Reach::Moved) if binding.reference => None,
        (false, Reach::Moved) if binding.closure => Some(Storage::Live),
        // What remains of a partly moved value cannot be borrowed to pick
        // its storage: it drops here (where rustc drops the rest at the end
        // of its scope; the same only where the rest has no drop glue).
        (false, Reach::Moved) if binding.partly_moved => None,
        (false, Reach::Moved) => Some(Storage::Dead),
    }
}

/// Whether binding `b` holds nothing at position `at` that must be stored:
/// no path after `at` reads the value it holds there (see
/// [`Liveness::is_read`]: it is assigned a new one first, or never used),
/// and it does not certainly hold one (see `init`: it was moved out, or not
/// given one, on some path) or is visibly a reference, which has no drop
/// glue (`r = yield_!(..)`, an async generator's context). Then it is not stored at `at`, and a block after
/// `at` that assigns it declares it without a value (see `split`). Where it
/// holds a value on some path, that value is dropped at `at` (a binding
/// that `flags` gave a drop flag always holds one, the flag), where rustc's
/// coroutines keep a drop flag and drop it at the end of its scope or at the
/// assignment.
pub fn unassigned(prog: &Program, live: &Liveness, init: &Init, b: BindingId, at: Pos) -> bool {
    (!init.definitely(b, at) || prog.bindings[b].reference) && !live.is_read(b, at)
}

/// Whether the code at position `to` is inside the innermost body around
/// position `at` (see [`Program::bodies`]), or one nested in it: not in a
/// sibling branch, nor after that body.
pub fn in_body_of(prog: &Program, at: Pos, to: Pos) -> bool {
    innermost_body(prog, at).is_some_and(|(start, end)| start < to && to < end)
}

/// The position interval of the innermost body around `pos` (see
/// [`Program::bodies`]).
fn innermost_body(prog: &Program, pos: Pos) -> Option<(Pos, Pos)> {
    prog.bodies
        .iter()
        .copied()
        .filter(|&(start, end)| start < pos && pos < end)
        .max_by_key(|&(start, _)| start)
}

/// Whether binding `b`, in scope at position `at`, is moved out there on
/// every path and assigned a new value before anything else uses it; if so,
/// the position of that assignment. Then it is not stored at `at`, and the
/// code after `at` that assigns it declares it without a value (`let mut
/// x;`, see `split`).
///
/// That is, its last access before `at` is a by-value use (`drop(x)`,
/// `let y = x;`) and its first access after `at` a plain assignment
/// (`x = ..`), both run whenever the body at whose top level both are runs
/// (neither in a branch or loop of yield-free code nor in a nested body of a
/// construct with a yield), so every path to `at` moves it and every path on
/// from `at` assigns it first, unless it jumps away. A jump that leaves
/// before the assignment for a point where `x` is still in scope and may be
/// used (a `continue` to a loop around both that `x` was declared outside
/// of, a `break` past the assignment with `x` mentioned after its target)
/// keeps it stored: for a `Copy` type the use was a copy, and the value may
/// still be needed.
pub fn reinitialised(prog: &Program, live: &Liveness, b: BindingId, at: Pos) -> Option<Pos> {
    let binding = &prog.bindings[b];
    let i = binding.accesses.iter().rposition(|a| a.pos < at)?;
    let [moved, assigned, ..] = &binding.accesses[i..] else {
        return None;
    };
    let jumps_away = prog.jumps.iter().any(|j| {
        let (start, end) = j.target;
        let harmless = start > at // to a construct between the two
            || end < assigned.pos // out of one around `at` only
            || binding.declared_at > start // out of `b`'s scope
            || (!j.continues && !live.is_live(b, end)); // `b` is dead there
        at < j.at && j.at < assigned.pos && !harmless
    });
    let certain = moved.usage == Usage::Move
        && !moved.conditional
        && assigned.usage == Usage::Assign
        && !assigned.conditional
        && innermost_body(prog, moved.pos) == innermost_body(prog, assigned.pos)
        && !jumps_away;
    certain.then_some(assigned.pos)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::liveness::liveness;
    use crate::liveness::tests::yield_positions;
    use Storage::{Dead, Live};
    use quote::quote;

    /// By `yield_!`, in order: how it stores the user's bindings declared
    /// before it (the programs below declare none in a scope closed before
    /// a later yield), with `reinitialised`'s answer (whether the block
    /// after it declares the binding without a value).
    fn storages(item: proc_macro2::TokenStream) -> Vec<Vec<(String, Option<Storage>, bool)>> {
        let func = crate::parse::parse(quote!(yield = u8), item).unwrap();
        let prog = crate::normalize::normalize(&func, &Default::default())
            .unwrap_or_else(|e| panic!("{}", e[0]));
        let live = liveness(&prog);
        let init = crate::init::init(&prog);
        yield_positions(&prog.body)
            .into_iter()
            .map(|at| {
                (0..prog.bindings.len())
                    .filter(|&b| prog.bindings[b].declared_at < at)
                    .filter(|&b| !prog.bindings[b].name.starts_with("tmp"))
                    .map(|b| {
                        let name = prog.bindings[b].name.clone();
                        let reinit = reinitialised(&prog, &live, b, at).is_some();
                        (name, storage(&prog, &live, &init, b, at), reinit)
                    })
                    .filter(|(_, s, reinit)| s.is_some() || *reinit)
                    .collect()
            })
            .collect()
    }

    fn st(name: &str, s: Storage) -> (String, Option<Storage>, bool) {
        (name.into(), Some(s), false)
    }

    /// Not stored: declared without a value by the block after the point.
    fn reinit(name: &str) -> (String, Option<Storage>, bool) {
        (name.into(), None, true)
    }

    #[test]
    fn an_unused_guard_is_stored() {
        let s = storages(quote!(
            fn f() {
                let g = lock();
                yield_!(0);
            }
        ));
        assert_eq!(s, [vec![st("g", Dead)]]);
    }

    #[test]
    fn a_dead_binding_is_stored_only_if_it_may_need_dropping() {
        let s = storages(quote!(
            fn f() -> usize {
                let a = S::new();
                let b = 1;
                let mut c = Vec::new();
                let d = 2;
                a.touch();
                c.push(b);
                yield_!(0);
                c.len() + d
            }
        ));
        // `a` may have drop glue, `b` is visibly `Copy`, `c` is in place,
        // `d` is live.
        assert_eq!(s, [vec![st("a", Dead), st("c", Live), st("d", Live)]]);
    }

    #[test]
    fn moved_and_not_used_again_is_not_stored() {
        let s = storages(quote!(
            fn f() {
                let s = S::new();
                drop(s);
                yield_!(0);
            }
        ));
        assert_eq!(s, [vec![]]);
    }

    #[test]
    fn moved_but_used_later_is_stored() {
        // Only valid when `s` is `Copy`.
        let s = storages(quote!(
            fn f() -> usize {
                let s = S::new();
                take(s);
                yield_!(0);
                s.len()
            }
        ));
        assert_eq!(s, [vec![st("s", Live)]]);
    }

    #[test]
    fn a_mention_in_a_sibling_branch_does_not_keep_it() {
        // Shape 2b of issue 10.
        let s = storages(quote!(
            fn f(c: bool) {
                let s = S::new();
                if c {
                    let t = s;
                    yield_!(t);
                } else {
                    yield_!(s);
                }
            }
        ));
        assert_eq!(s, [vec![], vec![]]);
    }

    #[test]
    fn moved_then_assigned_after_the_point_is_not_stored() {
        let s = storages(quote!(
            fn f() {
                let mut x = S::new();
                yield_!(0);
                drop(x);
                yield_!(1);
                x = S::new();
                look(&x);
                yield_!(2);
            }
        ));
        assert_eq!(
            s,
            [vec![st("x", Live)], vec![reinit("x")], vec![st("x", Dead)]]
        );
    }

    #[test]
    fn maybe_moved_or_maybe_assigned_and_not_read_is_not_stored() {
        // It may hold a value (dropped at the yield, where rustc drops it at
        // the assignment), and no path reads it.
        let s = storages(quote!(
            fn f(c: bool) {
                let mut x = S::new();
                if c {
                    drop(x);
                }
                yield_!(0);
                x = S::new();
                look(&x);
            }
        ));
        assert_eq!(s, [vec![]]);
        let s = storages(quote!(
            fn f(c: bool) {
                let mut x = S::new();
                drop(x);
                yield_!(0);
                if c {
                    x = S::new();
                }
            }
        ));
        assert_eq!(s, [vec![st("c", Live)]]);
        // Something else between.
        let s = storages(quote!(
            fn f() {
                let mut x = S::new();
                drop(x);
                yield_!(0);
                look(&x);
                x = S::new();
            }
        ));
        assert_eq!(s, [vec![st("x", Live)]]);
    }

    #[test]
    fn a_jump_past_the_assignment_keeps_it_stored() {
        // The next iteration may read the value.
        let s = storages(quote!(
            fn f(c: bool) {
                let mut x = S::new();
                loop {
                    drop(x);
                    yield_!(0);
                    if c {
                        continue;
                    }
                    x = S::new();
                }
            }
        ));
        assert_eq!(s, [vec![st("c", Live), st("x", Live)]]);
        // A `break` out of the loop: only when `x` is mentioned after it.
        let s = storages(quote!(
            fn f(c: bool) {
                let mut x = S::new();
                loop {
                    drop(x);
                    yield_!(0);
                    if c {
                        break;
                    }
                    x = S::new();
                }
            }
        ));
        assert_eq!(s, [vec![st("c", Live), reinit("x")]]);
        let s = storages(quote!(
            fn f(c: bool) {
                let mut x = S::new();
                loop {
                    drop(x);
                    yield_!(0);
                    if c {
                        break;
                    }
                    x = S::new();
                }
                look(&x);
            }
        ));
        assert_eq!(s, [vec![st("c", Live), st("x", Live)]]);
    }

    #[test]
    fn assigned_after_its_move_and_not_mentioned_again_is_stored() {
        let s = storages(quote!(
            fn f() {
                let mut x = S::new();
                drop(x);
                x = S::new();
                yield_!(0);
            }
        ));
        assert_eq!(s, [vec![st("x", Dead)]]);
        // Assigned, then moved.
        let s = storages(quote!(
            fn f() {
                let mut x = S::new();
                drop(x);
                x = S::new();
                drop(x);
                yield_!(0);
            }
        ));
        assert_eq!(s, [vec![]]);
    }

    #[test]
    fn certainly_without_a_value_and_assigned_before_any_read_is_not_stored() {
        // Shape 4 of issue 10: round the loop, `s` is moved at the first
        // yield and holds a value at the second.
        let s = storages(quote!(
            fn f() {
                let mut s = S::new();
                drop(s);
                loop {
                    yield_!(0);
                    s = S::new();
                    yield_!(1);
                    drop(s);
                }
            }
        ));
        assert_eq!(s, [vec![], vec![st("s", Live)]]);
        // A read first (valid only for a `Copy` type): stored.
        let s = storages(quote!(
            fn f() {
                let mut s = S::new();
                drop(s);
                yield_!(0);
                look(&s);
                s = S::new();
            }
        ));
        assert_eq!(s, [vec![st("s", Live)]]);
    }

    #[test]
    fn a_mention_earlier_in_an_enclosing_loop_counts() {
        let s = storages(quote!(
            fn f() {
                let x = S::new();
                loop {
                    take(x);
                    yield_!(0);
                }
            }
        ));
        assert_eq!(s, [vec![st("x", Live)]]);
        // Declared inside the loop: the next iteration has a new binding.
        let s = storages(quote!(
            fn f() {
                loop {
                    let x = S::new();
                    take(x);
                    yield_!(0);
                }
            }
        ));
        assert_eq!(s, [vec![]]);
    }
}
