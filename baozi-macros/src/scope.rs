//! Scope analysis: takes the [`Program`] and its [`Liveness`] and answers,
//! for a binding in scope at a suspension or jump point, whether and how the
//! state stores it there (its [`Storage`]).
//!
//! Scope decides, with liveness: a named binding lives until the end of its
//! block even if unused (RAII guards across yields), unless ending it early
//! cannot be seen. A binding that is dead at the point (no mention of it may
//! run after it, see `liveness`):
//! - visibly `Copy` ([`Reach::Copied`]) has no drop glue: it is not stored;
//! - otherwise it is [`Storage::Dead`]: the generated code lets rustc decide
//!   from its type (`baozi_core::__private::dead_local`): a `Copy` value or
//!   a `&mut` reference ends at the point (the field holds `()`, so a dead
//!   borrow of another stored local is no self-borrow, as in rustc's
//!   coroutines), anything else is stored until the end of its scope;
//! - one that may have been moved out (a by-value use such as `f(x)`,
//!   `let y = x;` or `x.into_iter()`) is not stored, unless it was certainly
//!   assigned a new value since: storing it would use a moved value. Not
//!   storing it is unobservable when it was moved (or is `Copy`); when it
//!   was moved only on some paths the rest is dropped at the point, where
//!   rustc's own coroutines would keep a drop flag.
//!
//! Temporaries introduced by normalisation are used once, by value, so they
//! are stored exactly while they span a yield.
//!
//! A binding that was certainly moved out before the point and is assigned
//! again after it before any other use (`drop(x); yield_!(); x = ..;`, see
//! [`reinitialised`]) is not stored either: there is nothing to store, and
//! the block after the point that assigns it declares it without a value.

use crate::ir::{Access, BindingId, Pos, Program, Reach, Usage};
use crate::liveness::Liveness;
use crate::split::Machine;

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
pub fn storage(prog: &Program, live: &Liveness, b: BindingId, at: Pos) -> Option<Storage> {
    let binding = &prog.bindings[b];
    let is_live = live.is_live(b, at);
    let kept = !binding.maybe_moved() || is_live || assigned_since_moved(prog, b, at);
    if !kept || reinitialised(prog, live, b, at).is_some() {
        return None;
    }
    match (is_live, binding.reach) {
        (true, _) | (false, Reach::InPlace) => Some(Storage::Live),
        (false, Reach::Copied) => None,
        (false, Reach::Moved) => Some(Storage::Dead),
    }
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

/// Whether access `a` runs on every path from the start of its body to
/// position `at`: it is at the top level of a body (not in a branch, loop or
/// closure of yield-free code, nor in a nested body) that `at` is in, later.
fn runs_before(prog: &Program, a: &Access, at: Pos) -> bool {
    !a.conditional
        && a.pos < at
        && innermost_body(prog, a.pos).is_some_and(|(start, end)| start < at && at < end)
}

/// Whether binding `b` certainly holds a value at position `at` that was
/// assigned after its last use that may move it: an assignment (`x = ..`)
/// on every path to `at` came after it (other assignments in between keep
/// it assigned).
fn assigned_since_moved(prog: &Program, b: BindingId, at: Pos) -> bool {
    let binding = &prog.bindings[b];
    for a in binding.accesses.iter().rev().filter(|a| a.pos < at) {
        match a.usage {
            Usage::Move | Usage::Scrutinee | Usage::Opaque => return false,
            Usage::Assign if runs_before(prog, a, at) => return true,
            _ => {}
        }
    }
    false
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

/// What the state machine cannot store, explained rather than left to a
/// confusing rustc error: a live binding holding a borrow of another local
/// of the generator (the state would be self-referential), and a binding
/// declared without a value (`let x;`), which a state cannot hold while
/// uninitialised. A dead borrower is stored only if its type may have drop
/// glue, which rustc decides (see [`Storage::Dead`]).
pub fn check_stored(prog: &Program, machine: &Machine) -> Vec<syn::Error> {
    let mut errors = Vec::new();
    for (b, binding) in prog.bindings.iter().enumerate() {
        let Some(declared) = binding.deferred else {
            continue;
        };
        // Stored where it may be uninitialised; where it was certainly
        // assigned on every path to the point, it holds a value.
        let Some(suspend) = machine
            .suspends
            .iter()
            .find(|s| s.fields.contains(&b) && !assigned_since_moved(prog, b, s.pos))
        else {
            continue;
        };
        let name = &binding.name;
        let mut e = syn::Error::new(
            declared,
            format!(
                "`{name}` is declared without a value and lives across a `yield_!`: the generator \
                 cannot store it while it may be uninitialised. Give it its value where it is \
                 declared (`let {name} = if .. {{ .. }} else {{ .. }};`)"
            ),
        );
        e.combine(syn::Error::new(
            suspend.span,
            format!("the generator suspends here with `{name}` in scope"),
        ));
        errors.push(e);
    }
    for borrow in &prog.borrows {
        let Some(suspend) = machine
            .suspends
            .iter()
            .find(|s| s.fields.contains(&borrow.borrower) && !s.dead.contains(&borrow.borrower))
        else {
            continue;
        };
        let owner = &prog.bindings[borrow.borrowed].name;
        let instead = if borrow.of_text {
            // `for c in s` does not compile for a `String`.
            format!(
                "Collect what you need into a value the generator owns (`let chars: Vec<char> = \
                 {owner}.chars().collect();`, then `for c in chars`), work by index (keep \
                 a byte index `i` across the `yield_!` and read `{owner}[i..].chars().next()` \
                 after it), or borrow from an argument of the generator instead"
            )
        } else {
            format!(
                "Iterate by value (`for x in {owner}`), by index (`for i in 0..{owner}.len()`), \
                 or borrow from an argument of the generator instead"
            )
        };
        let mut e = syn::Error::new(
            borrow.span,
            format!(
                "this borrows `{owner}`, a local of the generator, and the borrow is kept across a \
                 `yield_!`: the generator's state would point into itself, which a movable \
                 generator cannot do. {instead}"
            ),
        );
        e.combine(syn::Error::new(
            suspend.span,
            format!("the generator suspends here while `{owner}` is borrowed"),
        ));
        errors.push(e);
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Binding, Body, Jump};
    use crate::liveness::liveness;
    use proc_macro2::{Ident, Span};

    fn stored(p: &Program, b: BindingId, at: Pos) -> bool {
        storage(p, &liveness(p), b, at).is_some()
    }

    fn reinit(p: &Program, b: BindingId, at: Pos) -> Option<Pos> {
        reinitialised(p, &liveness(p), b, at)
    }

    fn program(bindings: Vec<(Pos, Vec<Pos>, bool)>, loops: Vec<(Pos, Pos)>) -> Program {
        Program {
            bindings: bindings
                .into_iter()
                .map(|(declared_at, mentions, maybe_moved)| Binding {
                    ident: Ident::new("x", Span::call_site()),
                    name: "x".into(),
                    mutable: false,
                    declared_at,
                    owned: false,
                    deferred: None,
                    // The first mention moves it, if it may be moved.
                    accesses: mentions
                        .into_iter()
                        .enumerate()
                        .map(|(i, pos)| Access {
                            pos,
                            usage: if maybe_moved && i == 0 {
                                Usage::Move
                            } else {
                                Usage::Place
                            },
                            conditional: false,
                        })
                        .collect(),
                    top_level: false,
                    simple: false,
                    ty: None,
                    copy_hint: false,
                    reach: crate::ir::Reach::Moved,
                })
                .collect(),
            loops,
            barriers: Vec::new(),
            bodies: Vec::new(),
            diverges: Vec::new(),
            exits: Vec::new(),
            jumps: Vec::new(),
            leaves: Vec::new(),
            borrows: Vec::new(),
            params: Vec::new(),
            items: Vec::new(),
            body: Body {
                stmts: Vec::new(),
                tail: None,
                is_unsafe: false,
            },
        }
    }

    #[test]
    fn unused_guard_is_stored() {
        let p = program(vec![(1, vec![], false)], vec![]);
        assert!(stored(&p, 0, 5));
    }

    #[test]
    fn a_dead_binding_is_stored_only_if_it_may_need_dropping() {
        // Mentioned at 2, not after the point at 5.
        let mut p = program(vec![(1, vec![2], false)], vec![]);
        let at = |p: &Program| storage(p, &liveness(p), 0, 5);
        assert_eq!(at(&p), Some(Storage::Dead));
        p.bindings[0].reach = Reach::Copied;
        assert_eq!(at(&p), None);
        p.bindings[0].reach = Reach::InPlace;
        assert_eq!(at(&p), Some(Storage::Live));
        // Mentioned after it: live, whatever its reach.
        p.bindings[0].accesses[0].pos = 9;
        p.bindings[0].reach = Reach::Copied;
        assert_eq!(at(&p), Some(Storage::Live));
    }

    #[test]
    fn moved_and_not_used_again_is_not_stored() {
        let p = program(vec![(1, vec![2], true)], vec![]);
        assert!(!stored(&p, 0, 5));
    }

    #[test]
    fn moved_but_used_later_is_stored() {
        let p = program(vec![(1, vec![2, 9], true)], vec![]);
        assert!(stored(&p, 0, 5));
    }

    /// One binding, declared at 1, with `accesses` (position, usage,
    /// conditional), in a function body `(0, 100)` and `bodies` nested in it.
    fn accessed(accesses: &[(Pos, Usage, bool)], bodies: &[(Pos, Pos)]) -> Program {
        let mut p = program(vec![(1, Vec::new(), false)], vec![]);
        p.bindings[0].accesses = accesses
            .iter()
            .map(|&(pos, usage, conditional)| Access {
                pos,
                usage,
                conditional,
            })
            .collect();
        p.bodies = vec![(0, 100)];
        p.bodies.extend_from_slice(bodies);
        p
    }

    use Usage::{Assign, Move, Place};

    #[test]
    fn moved_then_assigned_after_the_point_is_not_stored() {
        // `drop(x)` at 10, yield at 20, `x = ..` at 30, `f(&x)` at 40.
        let p = accessed(
            &[(10, Move, false), (30, Assign, false), (40, Place, false)],
            &[],
        );
        assert_eq!(reinit(&p, 0, 20), Some(30));
        assert!(!stored(&p, 0, 20));
        // After the assignment, and before the move: stored.
        assert!(stored(&p, 0, 35));
        assert!(stored(&p, 0, 5));
    }

    #[test]
    fn maybe_moved_or_maybe_assigned_is_stored_as_before() {
        // The move in a branch of yield-free code.
        let p = accessed(&[(10, Move, true), (30, Assign, false)], &[]);
        assert!(stored(&p, 0, 20));
        // The assignment in one.
        let p = accessed(&[(10, Move, false), (30, Assign, true)], &[]);
        assert!(stored(&p, 0, 20));
        // Something else between.
        let p = accessed(
            &[(10, Move, false), (25, Place, false), (30, Assign, false)],
            &[],
        );
        assert!(stored(&p, 0, 20));
        // The move in a nested body (a branch of an `if` with a yield).
        let p = accessed(&[(10, Move, false), (30, Assign, false)], &[(5, 12)]);
        assert!(stored(&p, 0, 20));
        // Both in one, the point in another nested body between them.
        let p = accessed(
            &[(10, Move, false), (30, Assign, false)],
            &[(5, 35), (15, 25)],
        );
        assert_eq!(reinit(&p, 0, 20), Some(30));
        // The assignment in a nested body.
        let p = accessed(&[(10, Move, false), (30, Assign, false)], &[(25, 35)]);
        assert!(stored(&p, 0, 20));
    }

    #[test]
    fn a_jump_past_the_assignment_keeps_it_stored() {
        let jump = |at, target| Jump {
            at,
            target,
            continues: true,
        };
        let mut p = accessed(&[(10, Move, false), (30, Assign, false)], &[(3, 50)]);
        // `continue` at 25 to a loop (2, 60) around both, `x` declared
        // outside it: the next iteration may read the value.
        p.jumps = vec![jump(25, (2, 60))];
        assert!(stored(&p, 0, 20));
        // A `break` out of it: only if `x` is mentioned after the loop.
        p.jumps[0].continues = false;
        assert_eq!(reinit(&p, 0, 20), Some(30));
        p.bindings[0].accesses.push(Access {
            pos: 70,
            usage: Place,
            conditional: false,
        });
        assert!(stored(&p, 0, 20));
        p.bindings[0].accesses.pop();
        // Declared inside it: the jump leaves its scope.
        p.bindings[0].declared_at = 4;
        assert_eq!(reinit(&p, 0, 20), Some(30));
        // To a construct between the point and the assignment, or one
        // around the point only, or before the point.
        p.bindings[0].declared_at = 1;
        for jump in [jump(25, (21, 28)), jump(25, (15, 27)), jump(15, (2, 60))] {
            p.jumps = vec![jump];
            assert_eq!(reinit(&p, 0, 20), Some(30), "{jump:?}");
        }
    }

    #[test]
    fn assigned_after_its_move_and_not_mentioned_again_is_stored() {
        // `drop(x)` at 10, `x = ..` at 20, yield at 30: it holds a value.
        let p = accessed(&[(10, Move, false), (20, Assign, false)], &[]);
        assert!(stored(&p, 0, 30));
        assert!(!stored(&p, 0, 15) && reinit(&p, 0, 15).is_some());
        // Assigned in a nested body only (maybe): as before, not stored.
        let p = accessed(&[(10, Move, false), (20, Assign, false)], &[(18, 22)]);
        assert!(!stored(&p, 0, 30));
        // Assigned, then moved: not stored.
        let p = accessed(
            &[(10, Move, false), (20, Assign, false), (25, Move, false)],
            &[],
        );
        assert!(!stored(&p, 0, 30));
    }

    #[test]
    fn mention_earlier_in_an_enclosing_loop_counts() {
        // declared at 1, loop 3..10, mentioned at 4, yield at 6.
        let p = program(vec![(1, vec![4], true)], vec![(3, 10)]);
        assert!(stored(&p, 0, 6));
        // Declared inside the loop: the next iteration has a new binding.
        let p = program(vec![(4, vec![5], true)], vec![(3, 10)]);
        assert!(!stored(&p, 0, 6));
    }
}
